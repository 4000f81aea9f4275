import { t } from '../i18n';
import type { ApiError } from '../api/client';

/** What an error means to the person, in their language (the server's own message is for developers). */
export function errorMessage(error: ApiError | undefined): string {
  switch (error?.code) {
    case 'OFFLINE':
      return t('common.errorOffline');
    case 'TIMEOUT':
      return t('common.errorTimeout');
    case 'RATE_LIMITED':
      return t('common.errorRateLimited');
    case 'NOT_FOUND':
      return t('common.errorNotFound');
    default:
      return t('common.errorGeneric');
  }
}

/** An error message (announced) with a "Try again" button. */
export function ErrorNotice({ error, onRetry }: { error: ApiError | undefined; onRetry?: () => void }) {
  return (
    <div class="notice notice-error" role="alert">
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
