import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { setFavourite, type HobbyDetail } from '../../api/hobby';
import { ApiError } from '../../api/client';
import { errorMessage } from '../ErrorNotice';
import { Icon } from '../Icon';

/** "Save as favourite": a toggle button (aria-pressed) whose label stays the same; what happened is said in a
 * status line under the actions. Saving needs the network (and registers the device first when needed). */
export function FavouriteButton({
  hobby,
  pressed,
  onChange,
  onMessage,
}: {
  hobby: HobbyDetail;
  pressed: boolean;
  onChange: (favourite: boolean) => void;
  onMessage: (message: { text: string; error: boolean }) => void;
}) {
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const now = await setFavourite(hobby, !pressed);
      onChange(now);
      onMessage({ text: now ? t('hobby.saved') : t('hobby.removed'), error: false });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : undefined;
      onMessage({ text: `${t('hobby.saveError')} ${errorMessage(apiError)}`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      class={pressed ? 'button button-primary favourite-button' : 'button favourite-button'}
      aria-pressed={pressed ? 'true' : 'false'}
      aria-disabled={busy ? 'true' : undefined}
      onClick={toggle}
      data-testid="favourite"
    >
      <Icon name="heart" class={pressed ? 'icon-filled' : undefined} />
      {t('hobby.save')}
    </button>
  );
}
