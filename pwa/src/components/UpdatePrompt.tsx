import { t } from '../i18n';
import { applyUpdate, dismissUpdate, updateReady } from '../sw-register';

/** "A new version is ready" with Update now / Later, when the service worker has one waiting. */
export function UpdatePrompt() {
  return (
    <div role="status" aria-live="polite">
      {updateReady.value && (
        <div class="update-prompt">
          <p>{t('common.updateAvailable')}</p>
          <div class="button-row">
            <button type="button" class="button button-primary" onClick={applyUpdate}>
              {t('common.updateNow')}
            </button>
            <button type="button" class="button" onClick={dismissUpdate}>
              {t('common.updateLater')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
