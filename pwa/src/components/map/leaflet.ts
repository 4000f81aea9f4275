/**
 * The Leaflet map itself. Only ever loaded with `import()` (MapView does it when a map is shown), so Leaflet and
 * its CSS stay out of every other chunk.
 *
 * Tiles come from `VITE_TILE_URL` (a Leaflet URL template, e.g. https://tiles.example.fi/{z}/{x}/{y}.png) with
 * OpenStreetMap's as the default; `VITE_TILE_ATTRIBUTION` (HTML) names their source. Markers are our own pins
 * (no image files), reachable with the keyboard (Enter opens the place's name and links to its hobbies, and
 * focus moves to the first link), and every text that comes
 * from the API is put in with textContent, never as HTML.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const DEFAULT_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
/** Where the map starts when it has nothing to show (Helsinki). */
const FALLBACK_CENTER: L.LatLngTuple = [60.1699, 24.9384];

export interface MapLink {
  title: string;
  /** The title's language, when it differs from the interface's. */
  lang?: string;
  href: string;
}

/** One place on the map: its name, and the hobbies there as links (a popup lists them). */
export interface MapMarker {
  id: string;
  lat: number;
  lon: number;
  /** The place's name. */
  title: string;
  titleLang?: string;
  /** The marker's accessible name (default: the title). */
  label?: string;
  links?: MapLink[];
}

export interface MapOptions {
  /** The map's accessible name. */
  label: string;
  zoomIn: string;
  zoomOut: string;
  close: string;
  /** Drag and zoom by touch (false for a small map inside a page, so it does not catch the page's scrolling). */
  interactive?: boolean;
  zoom?: number;
  center?: { lat: number; lon: number } | null;
}

export interface MapHandle {
  setMarkers(markers: MapMarker[]): void;
  destroy(): void;
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function text(tag: string, value: string, lang?: string, className?: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = value;
  if (lang) element.lang = lang;
  if (className) element.className = className;
  return element;
}

function popupContent(marker: MapMarker): HTMLElement {
  const box = document.createElement('div');
  box.className = 'map-popup';
  box.append(text('p', marker.title, marker.titleLang, 'map-popup-title'));
  if (marker.links?.length) {
    const list = document.createElement('ul');
    list.className = 'map-popup-links';
    for (const item of marker.links) {
      const link = text('a', item.title, item.lang) as HTMLAnchorElement;
      link.href = item.href;
      const li = document.createElement('li');
      li.append(link);
      list.append(li);
    }
    box.append(list);
  }
  return box;
}

const PIN = L.divIcon({
  className: 'map-pin',
  html: '<span class="map-pin-shape" aria-hidden="true"></span>',
  iconSize: [44, 44],
  iconAnchor: [22, 40],
  popupAnchor: [0, -36],
});

export function drawMap(container: HTMLElement, markers: MapMarker[], options: MapOptions): MapHandle {
  const animate = !reducedMotion();
  const interactive = options.interactive ?? true;
  const map = L.map(container, {
    zoomControl: false,
    scrollWheelZoom: false,
    dragging: interactive || !L.Browser.mobile,
    zoomAnimation: animate,
    fadeAnimation: animate,
    markerZoomAnimation: animate,
    inertia: animate,
  });
  L.control.zoom({ zoomInTitle: options.zoomIn, zoomOutTitle: options.zoomOut }).addTo(map);
  L.tileLayer(import.meta.env.VITE_TILE_URL || DEFAULT_TILE_URL, {
    maxZoom: 19,
    attribution: import.meta.env.VITE_TILE_ATTRIBUTION || DEFAULT_ATTRIBUTION,
  }).addTo(map);
  container.setAttribute('role', 'region');
  container.setAttribute('aria-label', options.label);
  // Leaflet names its zoom buttons with `title` only: give them a name screen readers use everywhere
  for (const [selector, name] of [
    ['.leaflet-control-zoom-in', options.zoomIn],
    ['.leaflet-control-zoom-out', options.zoomOut],
  ] as const) {
    container.querySelector(selector)?.setAttribute('aria-label', name);
  }

  let opener: HTMLElement | null = null;
  map.on('popupopen', (event: L.PopupEvent) => {
    const element = event.popup.getElement();
    element?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', options.close);
    // opened from the keyboard: continue in the popup (its link), and come back to the marker after
    if (opener && document.activeElement === opener) element?.querySelector<HTMLElement>('a[href^="/"]')?.focus();
  });
  map.on('popupclose', (event: L.PopupEvent) => {
    const element = event.popup.getElement();
    if (opener && element?.contains(document.activeElement)) opener.focus();
  });

  const layer = L.layerGroup().addTo(map);
  const setMarkers = (items: MapMarker[]) => {
    layer.clearLayers();
    const points: L.LatLngTuple[] = [];
    for (const item of items) {
      const point: L.LatLngTuple = [item.lat, item.lon];
      points.push(point);
      const label = item.label ?? item.title;
      const marker = L.marker(point, { icon: PIN, title: label, keyboard: true, riseOnHover: true });
      marker.bindPopup(popupContent(item), { autoPanPadding: [16, 16] });
      marker.on('add', () => {
        const element = marker.getElement();
        if (!element) return;
        element.setAttribute('aria-label', label);
        if (item.titleLang) element.lang = item.titleLang;
        element.addEventListener('focus', () => (opener = element));
        element.addEventListener('mousedown', () => (opener = null));
      });
      marker.addTo(layer);
    }
    if (points.length === 1) {
      map.setView(points[0], options.zoom ?? 15, { animate: false });
    } else if (points.length) {
      map.fitBounds(L.latLngBounds(points), { padding: [32, 32], maxZoom: 15, animate: false });
    } else {
      const center = options.center;
      map.setView(center ? [center.lat, center.lon] : FALLBACK_CENTER, options.zoom ?? 11, { animate: false });
    }
  };
  setMarkers(markers);

  return {
    setMarkers,
    destroy: () => map.remove(),
  };
}
