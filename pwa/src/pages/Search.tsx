/**
 * Search (/search): words with instant results, a filter sheet, the filters as removable chips, results as a
 * list or on a map, "show more", and what to loosen when nothing is found.
 *
 * Everything the person chose lives in the URL (`/search?q=…&cat=…&free=1…`, see api/search.ts), so a search
 * can be shared and Back / Forward step through the searches. Typing replaces the current history entry (one
 * per search, not per letter); filters, the view and "Search wider" add one. The last answer of each search is
 * kept for offline use (`search:<query>` in the cache).
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t, translate, type Language } from '../i18n';
import { language, nearPoint, settings } from '../state/settings';
import { hasPoint, useLocationChoice } from '../state/location';
import { cache } from '../state/cache';
import { useQuery } from '../hooks/useQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { formatSessionStart } from '../format';
import { hobbyPath } from '../paths';
import { fetchCategories } from '../api/catalogue';
import { ApiError } from '../api/client';
import type { CategoryData, TranslatedText } from '../api/types';
import {
  appendPage,
  fetchSearch,
  filterCount,
  isInputError,
  parseSearch,
  parseView,
  pruneCache,
  SEARCHES_KEPT,
  searchQueryString,
  searchUrl,
  searchVariables,
  withoutFilters,
  type SearchHobby,
  type SearchResult,
  type SearchState,
  type View,
} from '../api/search';
import { HobbyCard } from '../components/HobbyCard';
import { ErrorNotice, errorMessage } from '../components/ErrorNotice';
import { Icon } from '../components/Icon';
import { Text } from '../components/Text';
import { FilterSheet, savePlace } from '../components/search/FilterSheet';
import { ActiveFilters, activeFilters } from '../components/search/ActiveFilters';
import { NoResults } from '../components/search/NoResults';
import { LocateButton, LocationStatusLine } from '../components/Pickers';
import { MapView, type MapMarker } from '../components/map/MapView';
import '../components/search/search.css';

/** Wait this long after the last letter before searching. */
export const TYPING_DELAY_MS = 350;

function categoryNames(categories: CategoryData[] | undefined): Map<string, TranslatedText> {
  const names = new Map<string, TranslatedText>();
  for (const root of categories ?? []) {
    names.set(root.id, root.name);
    for (const child of root.children) names.set(child.id, child.name);
  }
  return names;
}

/** One marker per place (hobbies at the same place share it, each a link in its popup). */
export function markersOf(hobbies: SearchHobby[], lang: string): MapMarker[] {
  const other = (value: { language: string | null }) =>
    value.language && value.language !== lang ? value.language : undefined;
  const places = new Map<string, MapMarker>();
  for (const h of hobbies) {
    const venue = h.venue;
    if (!venue || venue.latitude == null || venue.longitude == null) continue;
    const key = `${venue.latitude},${venue.longitude}`;
    let place = places.get(key);
    if (!place) {
      place = {
        id: `${h.id}@${key}`,
        lat: venue.latitude,
        lon: venue.longitude,
        title: venue.name.text,
        titleLang: other(venue.name),
        links: [],
      };
      places.set(key, place);
    }
    place.links!.push({ title: h.title.text, lang: other(h.title), href: hobbyPath(h.id) });
  }
  return [...places.values()].map((place) => ({
    ...place,
    label: `${place.title}: ${translate(lang as Language, 'common.hobbyCount', { count: place.links!.length })}`,
  }));
}

function DistancePending() {
  const choice = useLocationChoice(savePlace);
  return (
    <div class="notice search-notice">
      <p>{t('search.distancePending')}</p>
      <LocateButton choice={choice} words="search" />
      <LocationStatusLine choice={choice} words="search" />
    </div>
  );
}

/** Does `longer` start with the hobbies of `page`? */
function extends_(longer: SearchResult, page: SearchResult | undefined): boolean {
  return !!page && page.hobbies.every((hobby, i) => longer.hobbies[i]?.id === hobby.id);
}

interface ResultsProps {
  state: SearchState;
  view: View;
  onChange: (next: SearchState) => void;
  /** What the last search showed: kept on screen while a new one loads. */
  previous: RefObject<SearchResult | undefined>;
  onAnnounce: (text: string) => void;
}

/** The results of one search (the page mounts a new one for each search, so each starts from its own saved
 * copy and its own "show more" pages). */
function Results({ state, view, onChange, previous, onAnnounce }: ResultsProps) {
  const lang = language.value;
  const point = nearPoint(settings.value);
  const canonical = searchQueryString(state);
  const cacheKey = `search:${canonical}`;
  const variables = searchVariables(state, point);
  const results = useQuery<SearchResult>({
    key: `search:${lang}:${JSON.stringify(variables)}`,
    cacheKey,
    fetch: (signal) => fetchSearch(variables, signal),
  });
  // the pages added with "show more" (kept while a fresh first page agrees with them, e.g. after a saved copy)
  const [more, setMore] = useState<{ lang: string; result: SearchResult } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | undefined>();
  const focusIndex = useRef<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const data = more && more.lang === lang && extends_(more.result, results.data) ? more.result : results.data;
  const waiting = !data && results.loading;
  const shown = data ?? (waiting ? previous.current : undefined);
  if (data) previous.current = data;

  useEffect(() => {
    if (results.data && !results.fromCache) {
      onAnnounce(t('search.resultsFound', { count: results.data.totalCount }));
      pruneCache('search:', SEARCHES_KEPT);
    }
  }, [results.data]);

  useEffect(() => {
    if (focusIndex.current === null) return;
    const from = focusIndex.current;
    focusIndex.current = null;
    // the first new result (on the map view, the first new one in the list of places)
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-index]') ?? [])];
    items.find((item) => Number(item.dataset.index) >= from)?.querySelector<HTMLElement>('a')?.focus();
  }, [data]);

  const loadMore = async () => {
    if (!data?.endCursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const next = await fetchSearch(searchVariables(state, point, data.endCursor));
      const merged = appendPage(data, next);
      focusIndex.current = data.hobbies.length;
      setMore({ lang, result: merged });
      cache.put(cacheKey, merged);
      onAnnounce(t('search.showing', { shown: merged.hobbies.length, total: merged.totalCount }));
    } catch (error) {
      setMoreError(error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)));
    } finally {
      setLoadingMore(false);
    }
  };

  if (results.error && !data) {
    if (isInputError(results.error)) {
      return (
        <div class="notice notice-error" role="alert">
          <p>{t('search.errorInput')}</p>
          <button type="button" class="button" onClick={() => onChange(withoutFilters(state))}>
            {t('search.clearAll')}
          </button>
        </div>
      );
    }
    return <ErrorNotice error={results.error} onRetry={results.reload} />;
  }

  if (!shown) {
    return (
      <p class="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }

  const hobbies = shown.hobbies;
  const markers = view === 'map' ? markersOf(hobbies, lang) : [];
  const unplaced = hobbies.length - markers.reduce((sum, marker) => sum + (marker.links?.length ?? 0), 0);
  return (
    <div class="search-results" data-testid="search-results" ref={listRef} aria-busy={results.loading || loadingMore ? 'true' : undefined}>
      {results.fromCache && results.savedAt && results.error && (
        <p class="notice">{t('common.savedCopy', { time: formatSessionStart(results.savedAt, lang) })}</p>
      )}
      {hobbies.length === 0 && !waiting ? (
        <NoResults state={state} onChange={onChange} />
      ) : (
        <>
          <div class="results-head">
            <h2 id="results-title">{t('common.hobbyCount', { count: shown.totalCount })}</h2>
            {results.loading && <span class="loading">{t('common.loading')}</span>}
          </div>
          {view === 'map' ? (
            <div class="results-map">
              <p class="field-hint" id="map-help">
                {t('search.mapHelp')}
              </p>
              <MapView markers={markers} label={t('search.mapLabel')} center={point} />
              <h3 class="map-list-title">{t('search.mapListTitle')}</h3>
              <ul class="map-list">
                {hobbies
                  .filter((h) => h.venue?.latitude != null && h.venue?.longitude != null)
                  .map((h) => (
                    <li key={h.id} data-index={hobbies.indexOf(h)}>
                      <a href={hobbyPath(h.id)}>
                        <Text value={h.title} />
                      </a>
                      {h.venue && (
                        <span class="map-list-place">
                          {' – '}
                          <Text value={h.venue.name} />
                        </span>
                      )}
                    </li>
                  ))}
              </ul>
              {unplaced > 0 && <p class="field-hint">{t('search.mapMissing', { count: unplaced })}</p>}
            </div>
          ) : (
            <ul class="card-list" aria-labelledby="results-title">
              {hobbies.map((hobby, index) => (
                <li key={hobby.id} data-index={index}>
                  <HobbyCard hobby={hobby} eager={index === 0} />
                </li>
              ))}
            </ul>
          )}
          <div class="results-foot">
            {hobbies.length < shown.totalCount && (
              <p class="results-count">{t('search.showing', { shown: hobbies.length, total: shown.totalCount })}</p>
            )}
            {data?.hasNextPage && (
              <button type="button" class="button button-wide" onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? t('search.loadingMore') : t('search.showMore')}
              </button>
            )}
            {moreError && (
              <p class="status-error" role="alert">
                {t('search.moreError')} {errorMessage(moreError)}
              </p>
            )}
          </div>
        </>
      )}
    </div>
  );
}

export default function SearchPage({ query = {} }: { query?: Record<string, string> }) {
  const { route } = useLocation();
  const lang = language.value;
  const state = parseSearch(query);
  const view = parseView(query);
  usePageTitle(t('search.title'));

  const stateRef = useRef({ state, view });
  stateRef.current = { state, view };
  const go = (next: SearchState, nextView: View = stateRef.current.view, replace = false) => {
    const url = searchUrl(next, nextView);
    if (url !== location.pathname + location.search) route(url, replace);
  };

  // the words as typed; the URL follows after a pause
  const [text, setText] = useState(state.q);
  const written = useRef(state.q);
  useEffect(() => {
    if (state.q !== written.current) {
      written.current = state.q;
      setText(state.q);
    }
  }, [state.q]);
  useEffect(() => {
    if (text.trim() === stateRef.current.state.q.trim()) return;
    const timer = setTimeout(() => {
      written.current = text.trim();
      go({ ...stateRef.current.state, q: text }, stateRef.current.view, true);
    }, TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const categories = useQuery({
    key: `categories:${lang}`,
    cacheKey: `categories:${lang}`,
    fetch: (signal) => fetchCategories(signal),
  });
  const names = categoryNames(categories.data);

  const [sheetOpen, setSheetOpen] = useState(false);
  const filterButton = useRef<HTMLButtonElement>(null);
  const closeSheet = () => {
    setSheetOpen(false);
    filterButton.current?.focus();
  };

  const previous = useRef<SearchResult | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');

  const count = filterCount(state);
  const chips = activeFilters(state, (id) => names.get(id) ?? null);
  const canonical = searchQueryString(state);

  return (
    <div class="page search">
      <h1>{t('search.title')}</h1>
      <form
        role="search"
        class="search-form field"
        onSubmit={(event) => {
          event.preventDefault();
          written.current = text.trim();
          go({ ...state, q: text });
        }}
      >
        <label for="search-text">{t('search.textLabel')}</label>
        <p class="field-hint" id="search-text-hint">
          {t('search.textHint')}
        </p>
        <div class="search-row">
          <input
            id="search-text"
            type="search"
            enterKeyHint="search"
            autocomplete="off"
            spellcheck={false}
            maxLength={200}
            aria-describedby="search-text-hint"
            value={text}
            onInput={(event) => setText((event.target as HTMLInputElement).value)}
          />
          <button type="submit" class="button button-primary">
            <Icon name="search" />
            {t('search.submit')}
          </button>
        </div>
      </form>

      <div class="search-tools">
        <button
          type="button"
          class="button"
          ref={filterButton}
          aria-haspopup="dialog"
          onClick={() => setSheetOpen(true)}
        >
          {t('search.filtersButton')}
          {count > 0 && ' '}
          {count > 0 && <span class="count-badge">{t('search.filtersOn', { count })}</span>}
        </button>
        <div class="view-toggle" role="group" aria-label={t('search.viewLabel')}>
          <button
            type="button"
            class={view === 'list' ? 'button button-primary' : 'button'}
            aria-pressed={view === 'list' ? 'true' : 'false'}
            onClick={() => go(state, 'list')}
          >
            {t('search.viewList')}
          </button>
          <button
            type="button"
            class={view === 'map' ? 'button button-primary' : 'button'}
            aria-pressed={view === 'map' ? 'true' : 'false'}
            onClick={() => go(state, 'map')}
          >
            <Icon name="location" />
            {t('search.viewMap')}
          </button>
        </div>
      </div>

      <ActiveFilters filters={chips} onChange={(next) => go(next)} fallbackFocus={() => filterButton.current?.focus()} />
      {state.distanceKm !== null && !hasPoint() && <DistancePending />}

      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      <Results
        key={canonical}
        state={state}
        view={view}
        onChange={(next) => go(next)}
        previous={previous}
        onAnnounce={setAnnouncement}
      />

      <FilterSheet
        open={sheetOpen}
        value={state}
        categories={categories.data}
        categoriesFailed={!!categories.error}
        onClose={closeSheet}
        onApply={(next) => {
          closeSheet();
          go({ ...next, q: text });
        }}
      />
    </div>
  );
}
