import { t } from '../../i18n';
import { settings } from '../../state/settings';
import { useLocationChoice } from '../../state/location';
import { AreaField, LocateButton, LocationStatusLine } from '../Pickers';
import { Icon } from '../Icon';
import { saveSetting } from './sync';

/**
 * Where to look for hobbies: the device's location (rounded to about 100 m), a postal code or district, or
 * none. What is in use is said first; the buttons change it.
 */
export function LocationSetting({ describedBy }: { describedBy: string }) {
  const place = settings.value.place;
  const choice = useLocationChoice(saveSetting, { areaField: 'settings-area' });

  const now =
    place?.kind === 'point'
      ? t('settings.locationNowPoint')
      : place?.kind === 'area'
        ? t('settings.locationNowArea', { area: place.area })
        : t('settings.locationNowNone');

  return (
    <>
      <p class="location-now" data-testid="location-now">
        <Icon name="location" size={20} />
        <strong>{now}</strong>
      </p>
      <LocationStatusLine choice={choice} words="settings" />
      <div class="button-row">
        <LocateButton choice={choice} words="settings" describedBy={describedBy} />
        {place && (
          <button type="button" class="button button-quiet" onClick={choice.clear}>
            {t('settings.locationClear')}
          </button>
        )}
      </div>
      <form
        class="area-form"
        onSubmit={(event) => {
          event.preventDefault();
          choice.saveArea();
        }}
        noValidate
      >
        <AreaField choice={choice} words="settings" id="settings-area">
          <button type="submit" class="button">
            {t('settings.areaSave')}
          </button>
        </AreaField>
      </form>
    </>
  );
}
