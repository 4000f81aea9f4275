/**
 * Search: the filters as they live in the URL (`/search?q=…&cat=…&free=1…`), the `hobbies` query they make, and
 * what to loosen when nothing was found. Pure functions apart from `fetchSearch`, so the page stays thin and the
 * logic is tested in search.test.ts.
 *
 * URL parameters (all optional; unknown or malformed values are ignored):
 *   q=text  cat=12,5  free=1  age=14  day=mon,tue  time=morning|afternoon|evening  km=5  trial=1  beginner=1
 *   lang=fi,sv (language of instruction)  view=map
 */
import { ApiError, gql } from './client';
import { cache } from '../state/cache';
import { HOBBY_CARD_FIELDS } from './fragments';
import { nodes, type Connection, type HobbyCardData, type TranslatedText, type Weekday } from './types';

export const PAGE_SIZE = 20;
export const WEEKDAYS: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];
/** The distance choices, in km; "Search wider" steps up through them. */
export const DISTANCES: readonly number[] = [1, 3, 5, 10, 25, 50];
/** Languages of instruction one can filter by. */
export const INSTRUCTION_LANGUAGES = ['fi', 'sv', 'en'] as const;
/** Ages the age filter offers. */
export const AGE_MIN = 6;
export const AGE_MAX = 25;

/** Start times (Finnish time, HH:MM) for each part of the day: `timeFrom` / `timeTo` of the filter. */
export const TIME_RANGES: Record<TimeOfDay, { timeFrom?: string; timeTo?: string }> = {
  morning: { timeTo: '11:59' },
  afternoon: { timeFrom: '12:00', timeTo: '16:59' },
  evening: { timeFrom: '17:00' },
};

export type View = 'list' | 'map';

/** Everything the person chose: the words and the filters. */
export interface SearchState {
  q: string;
  categories: string[];
  freeOnly: boolean;
  age: number | null;
  weekdays: Weekday[];
  time: TimeOfDay | null;
  distanceKm: number | null;
  trial: boolean;
  beginner: boolean;
  languages: string[];
}

export const EMPTY_SEARCH: SearchState = {
  q: '',
  categories: [],
  freeOnly: false,
  age: null,
  weekdays: [],
  time: null,
  distanceKm: null,
  trial: false,
  beginner: false,
  languages: [],
};

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** The search the URL's query describes. */
export function parseSearch(query: Record<string, string | undefined>): SearchState {
  const age = Number(query.age);
  const km = Number(query.km);
  const time = query.time as TimeOfDay;
  return {
    q: (query.q ?? '').slice(0, 200),
    categories: unique(list(query.cat).filter((id) => /^\d+$/.test(id))),
    freeOnly: query.free === '1',
    age: Number.isInteger(age) && age >= AGE_MIN && age <= AGE_MAX ? age : null,
    weekdays: WEEKDAYS.filter((day) => list(query.day?.toUpperCase()).includes(day)),
    time: TIMES_OF_DAY.includes(time) ? time : null,
    distanceKm: DISTANCES.includes(km) ? km : null,
    trial: query.trial === '1',
    beginner: query.beginner === '1',
    languages: INSTRUCTION_LANGUAGES.filter((lang) => list(query.lang?.toLowerCase()).includes(lang)),
  };
}

export function parseView(query: Record<string, string | undefined>): View {
  return query.view === 'map' ? 'map' : 'list';
}

/** The URL query for a search, in a fixed order (also the offline cache's key): "" when there is nothing. */
export function searchQueryString(state: SearchState, view: View = 'list'): string {
  const params = new URLSearchParams();
  const q = state.q.trim();
  if (q) params.set('q', q);
  if (state.categories.length) params.set('cat', [...state.categories].sort((a, b) => Number(a) - Number(b)).join(','));
  if (state.freeOnly) params.set('free', '1');
  if (state.age !== null) params.set('age', String(state.age));
  if (state.weekdays.length) {
    params.set('day', WEEKDAYS.filter((d) => state.weekdays.includes(d)).join(',').toLowerCase());
  }
  if (state.time) params.set('time', state.time);
  if (state.distanceKm !== null) params.set('km', String(state.distanceKm));
  if (state.trial) params.set('trial', '1');
  if (state.beginner) params.set('beginner', '1');
  if (state.languages.length) {
    params.set('lang', INSTRUCTION_LANGUAGES.filter((l) => state.languages.includes(l)).join(','));
  }
  if (view === 'map') params.set('view', 'map');
  return params.toString().replace(/%2C/g, ',');
}

/** `/search?…` */
export function searchUrl(state: SearchState, view: View = 'list'): string {
  const query = searchQueryString(state, view);
  return query ? `/search?${query}` : '/search';
}

/** How many filters are on (the words are not a filter). */
export function filterCount(state: SearchState): number {
  return (
    state.categories.length +
    Number(state.freeOnly) +
    Number(state.age !== null) +
    Number(state.weekdays.length > 0) +
    Number(state.time !== null) +
    Number(state.distanceKm !== null) +
    Number(state.trial) +
    Number(state.beginner) +
    Number(state.languages.length > 0)
  );
}

export function withoutFilters(state: SearchState): SearchState {
  return { ...EMPTY_SEARCH, q: state.q };
}

/** The `hobbies` arguments. `distanceKm` needs a point; without one it is left out (the page says so). */
export function searchVariables(
  state: SearchState,
  point: { lat: number; lon: number } | null,
  after: string | null = null,
): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (state.categories.length) filter.categories = state.categories;
  if (state.freeOnly) filter.freeOnly = true;
  if (state.age !== null) filter.age = state.age;
  if (state.weekdays.length) filter.weekdays = state.weekdays;
  if (state.time) Object.assign(filter, TIME_RANGES[state.time]);
  if (state.trial) filter.trialSession = true;
  if (state.beginner) filter.beginnerFriendly = true;
  if (state.languages.length) filter.languages = state.languages;
  const text = state.q.trim();
  const near = state.distanceKm !== null && point ? { lat: point.lat, lon: point.lon, radiusKm: state.distanceKm } : null;
  return {
    text: text || null,
    near,
    filter: Object.keys(filter).length ? filter : null,
    first: PAGE_SIZE,
    after,
  };
}

export const SEARCH_QUERY = /* GraphQL */ `
  query Search($text: String, $near: NearInput, $filter: HobbyFilterInput, $first: Int, $after: String) {
    hobbies(text: $text, near: $near, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...HobbyCard venue { name { text language } latitude longitude } } }
    }
  }
  ${HOBBY_CARD_FIELDS}
`;

/** A result: a hobby card and where it is (for the map). */
export interface SearchHobby extends HobbyCardData {
  venue: { name: TranslatedText; latitude: number | null; longitude: number | null } | null;
}

export interface SearchResult {
  hobbies: SearchHobby[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export async function fetchSearch(variables: Record<string, unknown>, signal?: AbortSignal): Promise<SearchResult> {
  const data = await gql<{ hobbies: Connection<SearchHobby> & { totalCount: number } }>(SEARCH_QUERY, variables, {
    signal,
  });
  const connection = data.hobbies;
  return {
    hobbies: nodes(connection),
    totalCount: connection.totalCount ?? 0,
    hasNextPage: !!connection.pageInfo?.hasNextPage,
    endCursor: connection.pageInfo?.endCursor ?? null,
  };
}

/** A page added after the first: the hobbies together (without repeats) and the new page's cursor. */
export function appendPage(first: SearchResult, next: SearchResult): SearchResult {
  const seen = new Set(first.hobbies.map((h) => h.id));
  return {
    hobbies: [...first.hobbies, ...next.hobbies.filter((h) => !seen.has(h.id))],
    totalCount: next.totalCount || first.totalCount,
    hasNextPage: next.hasNextPage,
    endCursor: next.endCursor,
  };
}

/** Is this error about an input the person chose (a category that no longer exists, a bad cursor…)? */
export function isInputError(error: ApiError | undefined): boolean {
  return !!error && ['NOT_FOUND', 'INVALID_INPUT', 'OUT_OF_RANGE'].includes(error.code);
}

/** A way to find more when nothing was found: an i18n key (with params) and the search it leads to. */
export interface Loosening {
  id: string;
  label: string;
  params?: Record<string, string | number>;
  next: SearchState;
}

/** What to loosen when a search found nothing, most helpful first (at most `max`). The words alone get no
 * button: the page suggests checking the spelling instead. */
export function loosenings(state: SearchState, max = 4): Loosening[] {
  const out: Loosening[] = [];
  if (state.distanceKm !== null) {
    const wider = DISTANCES.find((km) => km > state.distanceKm!);
    out.push(
      wider
        ? { id: 'wider', label: 'search.looseWider', params: { km: wider }, next: { ...state, distanceKm: wider } }
        : { id: 'distance', label: 'search.looseDistance', next: { ...state, distanceKm: null } },
    );
  }
  if (state.time) out.push({ id: 'time', label: 'search.looseTime', next: { ...state, time: null } });
  if (state.weekdays.length) out.push({ id: 'days', label: 'search.looseDays', next: { ...state, weekdays: [] } });
  if (state.age !== null) out.push({ id: 'age', label: 'search.looseAge', next: { ...state, age: null } });
  if (state.freeOnly) out.push({ id: 'free', label: 'search.looseFree', next: { ...state, freeOnly: false } });
  if (state.trial) out.push({ id: 'trial', label: 'search.looseTrial', next: { ...state, trial: false } });
  if (state.beginner) out.push({ id: 'beginner', label: 'search.looseBeginner', next: { ...state, beginner: false } });
  if (state.languages.length) {
    out.push({ id: 'languages', label: 'search.looseLanguages', next: { ...state, languages: [] } });
  }
  if (state.categories.length) {
    out.push({ id: 'categories', label: 'search.looseCategories', next: { ...state, categories: [] } });
  }
  const shown = out.slice(0, max);
  if (filterCount(state) > 1) shown.push({ id: 'all', label: 'search.looseAll', next: withoutFilters(state) });
  if (state.q.trim() && filterCount(state) > 0) {
    shown.push({ id: 'words', label: 'search.looseWords', next: { ...state, q: '' } });
  }
  return shown;
}

/** How many searches (and hobby pages) are kept for offline use: enough for "the last results", few enough that
 * typing many searches never pushes the favourites or the home screen out of the offline cache. */
export const SEARCHES_KEPT = 6;

/** Keep only the `max` newest cache entries whose key starts with `prefix` (`search:`, `hobby:`). */
export function pruneCache(prefix: string, max: number): void {
  const entries = cache
    .keys(prefix)
    .map((key) => ({ key, savedAt: cache.entry(key)?.savedAt.getTime() ?? 0 }))
    .sort((a, b) => b.savedAt - a.savedAt);
  for (const { key } of entries.slice(max)) cache.remove(key);
}
