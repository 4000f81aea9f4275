import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { MapHandle, MapMarker } from './leaflet';
import './frame.css';

export type { MapMarker };

type Status = 'waiting' | 'loading' | 'ready' | 'error';

export interface MapViewProps {
  markers: MapMarker[];
  /** The map's accessible name. */
  label: string;
  /** A small map inside a page (lower, no touch dragging). */
  small?: boolean;
  /** Load only when the map comes near the screen (for a map further down a page). */
  lazy?: boolean;
  /** Where to centre an empty map. */
  center?: { lat: number; lon: number } | null;
}

/** A map that loads Leaflet (code, styles and tiles) only when it is shown: `import()` on mount, or when it
 * scrolls near the screen with `lazy`. While loading and when it fails it says so; the page always gives the
 * same information as text next to it. */
export function MapView({ markers, label, small, lazy, center }: MapViewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const handle = useRef<MapHandle | null>(null);
  const markersRef = useRef(markers);
  markersRef.current = markers;
  const [status, setStatus] = useState<Status>(lazy ? 'waiting' : 'loading');

  useEffect(() => {
    if (status !== 'waiting') return;
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') {
      setStatus('loading');
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          setStatus('loading');
        }
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [status]);

  useEffect(() => {
    if (status !== 'loading') return;
    let cancelled = false;
    import('./leaflet')
      .then((leaflet) => {
        if (cancelled || !ref.current) return;
        handle.current = leaflet.drawMap(ref.current, markersRef.current, {
          label,
          zoomIn: t('search.zoomIn'),
          zoomOut: t('search.zoomOut'),
          close: t('common.close'),
          interactive: !small,
          center,
        });
        setStatus('ready');
      })
      .catch((error: unknown) => {
        console.error(error);
        if (!cancelled) setStatus('error');
      });
    return () => {
      cancelled = true;
    };
  }, [status]);

  useEffect(
    () => () => {
      handle.current?.destroy();
      handle.current = null;
    },
    [],
  );

  const markerKey = JSON.stringify(markers);
  useEffect(() => {
    handle.current?.setMarkers(markersRef.current);
  }, [markerKey]);

  return (
    <div class="map-frame">
      <div ref={ref} class={small ? 'map map-small' : 'map'} data-testid="map" />
      <p class={status === 'error' ? 'map-status status-error' : 'map-status'} role="status">
        {status === 'loading' && t('search.mapLoading')}
        {status === 'error' && t('search.mapError')}
      </p>
    </div>
  );
}
