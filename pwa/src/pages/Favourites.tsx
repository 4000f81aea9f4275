/**
 * Favourites (/favourites): the hobbies this device saved, as cards, each with a "Remove" button (and an Undo
 * right after). The list is kept for offline use (cache key `favourites`); removing needs the network.
 */
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { settings } from '../state/settings';
import { deviceToken } from '../state/device';
import { useQuery } from '../hooks/useQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { ApiError } from '../api/client';
import {
  addFavourite,
  fetchFavourites,
  forgetCachedFavourite,
  removeFavourite,
  rememberCachedFavourite,
  FAVOURITES_CACHE_KEY,
} from '../api/favourites';
import type { HobbyCardData } from '../api/types';
import { formatSessionStart } from '../format';
import { PATHS } from '../paths';
import { HobbyCard } from '../components/HobbyCard';
import { ErrorNotice, errorMessage } from '../components/ErrorNotice';
import { Icon } from '../components/Icon';
import './Favourites.css';

type Message =
  | { kind: 'removed'; hobby: HobbyCardData }
  | { kind: 'restored'; hobby: HobbyCardData }
  | { kind: 'error'; error: ApiError; hobby: HobbyCardData; undoing: boolean };

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL', String(e)));

export default function FavouritesPage() {
  const s = settings.value;
  usePageTitle(t('favourites.title'));
  const favourites = useQuery({
    key: `favourites:${s.language}:${deviceToken.value ? 'device' : 'anonymous'}`,
    cacheKey: FAVOURITES_CACHE_KEY,
    fetch: (signal) => fetchFavourites(signal),
  });
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  const say = (next: Message) => {
    setMessage(next);
    // the button that was pressed may be gone: continue from the message (read out as it gets focus)
    requestAnimationFrame(() => messageRef.current?.focus());
  };

  const remove = async (hobby: HobbyCardData) => {
    if (busy) return;
    setBusy(hobby.id);
    try {
      await removeFavourite(hobby.id);
      setHidden((old) => new Set(old).add(hobby.id));
      forgetCachedFavourite(hobby.id);
      say({ kind: 'removed', hobby });
    } catch (error) {
      say({ kind: 'error', error: asApiError(error), hobby, undoing: false });
    } finally {
      setBusy(null);
    }
  };

  const undo = async (hobby: HobbyCardData) => {
    if (busy) return;
    setBusy(hobby.id);
    try {
      await addFavourite(hobby.id);
      setHidden((old) => {
        const next = new Set(old);
        next.delete(hobby.id);
        return next;
      });
      rememberCachedFavourite(hobby);
      say({ kind: 'restored', hobby });
    } catch (error) {
      say({ kind: 'error', error: asApiError(error), hobby, undoing: true });
    } finally {
      setBusy(null);
    }
  };

  // another screen may have left something else under the key: only a list is shown
  const saved = Array.isArray(favourites.data) ? favourites.data : undefined;
  const list = saved?.filter((h) => !hidden.has(h.id));
  const title = (hobby: HobbyCardData) => hobby.title.text;

  return (
    <div class="page favourites">
      <h1>{t('favourites.title')}</h1>

      <div ref={messageRef} tabIndex={-1} class="favourites-message">
        <div role="status" aria-live="polite">
          {message?.kind === 'removed' && (
            <p class="notice favourites-notice">
              <span>{t('favourites.removed', { title: title(message.hobby) })}</span>
              <button
                type="button"
                class="button"
                onClick={() => undo(message.hobby)}
                aria-disabled={busy === message.hobby.id ? 'true' : undefined}
              >
                {t('favourites.undo')}
              </button>
            </p>
          )}
          {message?.kind === 'restored' && (
            <p class="notice favourites-notice">{t('favourites.restored', { title: title(message.hobby) })}</p>
          )}
        </div>
        <div role="alert">
          {message?.kind === 'error' && (
            <div class="notice notice-error">
              <p>
                {message.undoing ? '' : `${t('favourites.removeFailed')} `}
                {errorMessage(message.error)}
              </p>
            </div>
          )}
        </div>
      </div>

      {favourites.fromCache && favourites.savedAt && favourites.error && (
        <p class="notice">{t('common.savedCopy', { time: formatSessionStart(favourites.savedAt, s.language) })}</p>
      )}
      {favourites.error && !list && <ErrorNotice error={favourites.error} onRetry={favourites.reload} />}
      {favourites.loading && !list && (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}

      {list &&
        (list.length ? (
          <>
            <p>{t('favourites.count', { count: list.length })}</p>
            <ul class="card-list favourites-list">
              {list.map((hobby) => (
                <li key={hobby.id} class="favourite-item">
                  <HobbyCard hobby={hobby} headingLevel={2} />
                  <button
                    type="button"
                    class="button favourite-remove"
                    aria-label={t('favourites.removeLabel', { title: title(hobby) })}
                    onClick={() => remove(hobby)}
                    aria-disabled={busy === hobby.id ? 'true' : undefined}
                  >
                    <Icon name="heart" size={20} />
                    {t('favourites.remove')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <div class="favourites-empty">
            <h2>{t('favourites.emptyTitle')}</h2>
            <p>{t('favourites.emptyText')}</p>
            <p>
              <a class="button button-primary" href={PATHS.search}>
                <Icon name="search" />
                {t('favourites.findHobbies')}
              </a>
            </p>
          </div>
        ))}
    </div>
  );
}
