import { useState } from 'preact/hooks';
import { roundCoordinate, settings, updateSettings } from '../../state/settings';
import { syncDevice } from '../../api/device';

export type Locating = 'idle' | 'busy' | 'saved' | 'denied' | 'unavailable';

/** "Use my location": asks the browser once, keeps the point rounded to about 100 m in the settings (as the first
 * run does) and tells how it went. */
export function useLocate(): { locating: Locating; locate: () => void } {
  const [locating, setLocating] = useState<Locating>('idle');
  const locate = () => {
    if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
      setLocating('unavailable');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        updateSettings({
          place: {
            kind: 'point',
            lat: roundCoordinate(position.coords.latitude),
            lon: roundCoordinate(position.coords.longitude),
          },
        });
        void syncDevice();
        setLocating('saved');
      },
      (error) => setLocating(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 10 * 60_000 },
    );
  };
  return { locating, locate };
}

/** The i18n key of what to say about the locating, or null. */
export function locatingMessage(locating: Locating): string | null {
  switch (locating) {
    case 'busy':
      return 'search.locating';
    case 'saved':
      return 'search.locationSaved';
    case 'denied':
      return 'search.locationDenied';
    case 'unavailable':
      return 'search.locationUnavailable';
    default:
      return null;
  }
}

export const hasPoint = () => settings.value.place?.kind === 'point';
