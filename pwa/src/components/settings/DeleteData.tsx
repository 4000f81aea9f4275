import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../i18n';
import { ApiError } from '../../api/client';
import { deleteMyData } from '../../api/account';
import { syncDevice } from '../../api/device';
import { errorMessage } from '../ErrorNotice';
import { PATHS } from '../../paths';
import { Modal } from '../Modal';
import { cancelSync } from './sync';

/**
 * "Delete my data": a confirm dialog, then `forgetDevice` on the server and everything on this device (token,
 * offline copies and codes, settings), and on to the first-run screen. Offline it is refused: the server's
 * copy must go too.
 */
export function DeleteData() {
  const { route } = useLocation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    // a settings update still waiting must not be sent (or re-register the device) while the device is deleted
    const waiting = cancelSync();
    try {
      await deleteMyData();
      setOpen(false);
      route(PATHS.welcome);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError('INTERNAL', String(caught)));
      if (waiting) void syncDevice(); // nothing was deleted: send that update after all (queued while offline)
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    if (busy) return;
    setOpen(false);
    setError(null);
  };

  return (
    <>
      <p id="delete-help">{t('settings.deleteHelp')}</p>
      <p>
        <button type="button" class="button button-danger" onClick={() => setOpen(true)} aria-describedby="delete-help">
          {t('settings.deleteButton')}
        </button>
      </p>
      <Modal open={open} onClose={close} labelledBy="delete-title" describedBy="delete-text" testId="delete-dialog">
        <h2 id="delete-title">{t('settings.deleteConfirmTitle')}</h2>
        <p id="delete-text">{t('settings.deleteConfirmText')}</p>
        <div role="alert">
          {error && (
            <p class="notice notice-error">
              {t('settings.deleteFailed')} {errorMessage(error)}
            </p>
          )}
        </div>
        <p class="status-line" role="status">
          {busy ? t('settings.deleting') : ''}
        </p>
        <div class="button-row">
          {/* aria-disabled, not disabled, while busy: a disabled button would drop the keyboard focus */}
          <button type="button" class="button" onClick={close} aria-disabled={busy ? 'true' : undefined} data-autofocus>
            {t('settings.cancel')}
          </button>
          <button
            type="button"
            class="button button-danger-solid"
            onClick={confirm}
            aria-disabled={busy ? 'true' : undefined}
          >
            {t('settings.deleteConfirm')}
          </button>
        </div>
      </Modal>
    </>
  );
}
