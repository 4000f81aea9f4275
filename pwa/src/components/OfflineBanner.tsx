import { t } from '../i18n';
import { online } from '../state/online';
import { Icon } from './Icon';

/** A quiet line under the header while the app cannot reach the server. */
export function OfflineBanner() {
  return (
    <div class="offline-banner-slot" role="status" aria-live="polite">
      {!online.value && (
        <p class="offline-banner">
          <Icon name="offline" size={20} />
          {t('common.offline')}
        </p>
      )}
    </div>
  );
}
