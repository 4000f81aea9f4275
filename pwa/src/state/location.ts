/**
 * Where to look for hobbies, chosen the same way on the first run, in Settings and in Search: the device's
 * location (asked from the browser, kept rounded to about 100 m), a postal code or district typed in, or none.
 * The hook keeps what is typed, whether it is wrong and how the last step went; the screens show it with
 * components/Pickers.tsx, each in its own words.
 */
import { useState } from 'preact/hooks';
import { isValidArea, roundCoordinate, settings, type Settings } from './settings';

export type LocationStatus = 'idle' | 'busy' | 'located' | 'denied' | 'unavailable' | 'areaSaved' | 'cleared';

export interface LocationChoice {
  status: LocationStatus;
  /** What is typed in the postal code / district field. */
  area: string;
  /** The typed text is not a postal code or a district. */
  areaError: boolean;
  setArea: (text: string) => void;
  /** Ask the browser for the location (ignored while asking). */
  locate: () => void;
  /** Keep the typed postal code or district; false when it is not one (the field is then marked and focused). */
  saveArea: () => boolean;
  /** Use no location. */
  clear: () => void;
}

const GEOLOCATION: PositionOptions = { enableHighAccuracy: false, timeout: 15_000, maximumAge: 10 * 60_000 };

/** True when the settings hold the device's location (not a typed area). */
export const hasPoint = () => settings.value.place?.kind === 'point';

/**
 * `save` keeps a new place (each screen sends it to the device profile in its own time); `areaField` is the id of
 * the area input (focused when what is typed is wrong); `remember` starts as "located" when a location is saved.
 */
export function useLocationChoice(
  save: (patch: Pick<Settings, 'place'>) => void,
  { areaField, remember }: { areaField?: string; remember?: boolean } = {},
): LocationChoice {
  const [status, setStatus] = useState<LocationStatus>(() =>
    remember && settings.peek().place?.kind === 'point' ? 'located' : 'idle',
  );
  const [area, setText] = useState(() => {
    const place = settings.peek().place;
    return place?.kind === 'area' ? place.area : '';
  });
  const [areaError, setAreaError] = useState(false);
  const setArea = (text: string) => {
    setText(text);
    setAreaError(false);
  };

  const locate = () => {
    if (status === 'busy') return;
    const geolocation = navigator.geolocation; // missing in some browsers and test environments
    if (!geolocation) {
      setStatus('unavailable');
      return;
    }
    setStatus('busy');
    geolocation.getCurrentPosition(
      ({ coords: { latitude, longitude } }) => {
        save({ place: { kind: 'point', lat: roundCoordinate(latitude), lon: roundCoordinate(longitude) } });
        setArea('');
        setStatus('located');
      },
      (error) => setStatus(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      GEOLOCATION,
    );
  };

  const saveArea = () => {
    const typed = area.trim();
    if (!isValidArea(typed)) {
      setAreaError(true);
      setStatus('idle');
      if (areaField) document.getElementById(areaField)?.focus();
      return false;
    }
    setArea(typed);
    save({ place: { kind: 'area', area: typed } });
    setStatus('areaSaved');
    return true;
  };

  const clear = () => {
    save({ place: null });
    setArea('');
    setStatus('cleared');
  };

  return { status, area, areaError, setArea, locate, saveArea, clear };
}
