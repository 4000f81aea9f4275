/**
 * A small data-fetching hook with an offline copy.
 *
 *   const home = useQuery({
 *     key: `home:${lang}:${JSON.stringify(vars)}`,   // refetch when this changes
 *     cacheKey: 'home',                               // keep the last answer for offline (optional)
 *     fetch: (signal) => gql<HomeData>(HOME, vars, { signal }),
 *   });
 *   home.data / home.error / home.loading / home.fromCache / home.savedAt / home.reload()
 *
 * The cached copy is shown at once while the network answers, and stays when the network fails
 * (`fromCache` true, `error` set): a page then says when the copy was saved.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { cache } from '../state/cache';

export interface QueryOptions<T> {
  /** Identifies the request: a change fetches again. Null: do nothing (not ready yet). */
  key: string | null;
  /** Keep the answer in the offline cache under this key. */
  cacheKey?: string;
  fetch: (signal: AbortSignal) => Promise<T>;
}

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** `data` is the saved copy, not a fresh answer. */
  fromCache: boolean;
  /** When the shown copy was saved (with fromCache). */
  savedAt: Date | undefined;
  reload: () => void;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('INTERNAL', error instanceof Error ? error.message : String(error));
}

export function useQuery<T>({ key, cacheKey, fetch }: QueryOptions<T>): QueryState<T> {
  const initial = cacheKey ? cache.entry<T>(cacheKey) : undefined;
  const [state, setState] = useState<Omit<QueryState<T>, 'reload'>>({
    data: initial?.value,
    error: undefined,
    loading: key !== null,
    fromCache: !!initial,
    savedAt: initial?.savedAt,
  });
  const [attempt, setAttempt] = useState(0);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    fetchRef
      .current(controller.signal)
      .then((data) => {
        if (controller.signal.aborted) return;
        if (cacheKey) cache.put(cacheKey, data);
        setState({ data, error: undefined, loading: false, fromCache: false, savedAt: undefined });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const saved = cacheKey ? cache.entry<T>(cacheKey) : undefined;
        setState((s) => ({
          data: s.data ?? saved?.value,
          error: asApiError(error),
          loading: false,
          fromCache: s.data ? s.fromCache : !!saved,
          savedAt: s.data ? s.savedAt : saved?.savedAt,
        }));
      });
    return () => controller.abort();
  }, [key, cacheKey, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
