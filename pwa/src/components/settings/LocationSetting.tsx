import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { isValidArea, roundCoordinate, settings } from '../../state/settings';
import { Icon } from '../Icon';
import { saveSetting } from './sync';

type Status = 'idle' | 'busy' | 'located' | 'denied' | 'unavailable' | 'areaSaved' | 'cleared';

/**
 * Where to look for hobbies: the device's location (rounded to about 100 m), a postal code or district, or
 * none. What is in use is said first; the buttons change it.
 */
export function LocationSetting({ describedBy }: { describedBy: string }) {
  const place = settings.value.place;
  const [area, setArea] = useState(place?.kind === 'area' ? place.area : '');
  const [areaError, setAreaError] = useState(false);
  const [status, setStatus] = useState<Status>('idle');

  const locate = () => {
    if (status === 'busy') return;
    if (!('geolocation' in navigator)) {
      setStatus('unavailable');
      return;
    }
    setStatus('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        saveSetting({
          place: {
            kind: 'point',
            lat: roundCoordinate(position.coords.latitude),
            lon: roundCoordinate(position.coords.longitude),
          },
        });
        setArea('');
        setAreaError(false);
        setStatus('located');
      },
      (error) => setStatus(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 10 * 60_000 },
    );
  };

  const saveArea = (event: Event) => {
    event.preventDefault();
    const typed = area.trim();
    if (!isValidArea(typed)) {
      setAreaError(true);
      setStatus('idle');
      document.getElementById('settings-area')?.focus();
      return;
    }
    setAreaError(false);
    setArea(typed);
    saveSetting({ place: { kind: 'area', area: typed } });
    setStatus('areaSaved');
  };

  const clear = () => {
    saveSetting({ place: null });
    setArea('');
    setAreaError(false);
    setStatus('cleared');
  };

  const now =
    place?.kind === 'point'
      ? t('settings.locationNowPoint')
      : place?.kind === 'area'
        ? t('settings.locationNowArea', { area: place.area })
        : t('settings.locationNowNone');
  const message: Record<Status, string> = {
    idle: '',
    busy: t('settings.locating'),
    located: t('settings.locationSaved'),
    denied: t('settings.locationDenied'),
    unavailable: t('settings.locationUnavailable'),
    areaSaved: t('settings.areaSaved'),
    cleared: t('settings.locationCleared'),
  };
  const failed = status === 'denied' || status === 'unavailable';

  return (
    <>
      <p class="location-now" data-testid="location-now">
        <Icon name="location" size={20} />
        <strong>{now}</strong>
      </p>
      <p class={`status-line${failed ? ' status-error' : ''}`} role="status">
        {(status === 'located' || status === 'areaSaved' || status === 'cleared') && <Icon name="check" size={20} />}
        {message[status]}
      </p>
      <div class="button-row">
        <button
          type="button"
          class="button"
          onClick={locate}
          aria-disabled={status === 'busy' ? 'true' : undefined}
          aria-describedby={describedBy}
        >
          <Icon name="location" />
          {t('settings.useMyLocation')}
        </button>
        {place && (
          <button type="button" class="button button-quiet" onClick={clear}>
            {t('settings.locationClear')}
          </button>
        )}
      </div>
      <form class="area-form" onSubmit={saveArea} noValidate>
        <div class="field">
          <label for="settings-area">{t('settings.areaLabel')}</label>
          <p class="field-hint" id="settings-area-hint">
            {t('settings.areaHint')}
          </p>
          <div class="area-row">
            <input
              id="settings-area"
              type="text"
              autocomplete="postal-code"
              value={area}
              onInput={(e) => {
                setArea((e.target as HTMLInputElement).value);
                if (areaError) setAreaError(false);
              }}
              aria-describedby={areaError ? 'settings-area-hint settings-area-error' : 'settings-area-hint'}
              aria-invalid={areaError ? 'true' : undefined}
            />
            <button type="submit" class="button">
              {t('settings.areaSave')}
            </button>
          </div>
          {areaError && (
            <p class="field-error" id="settings-area-error" role="alert">
              {t('settings.areaInvalid')}
            </p>
          )}
        </div>
      </form>
    </>
  );
}
