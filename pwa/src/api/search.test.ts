import { describe, expect, it, vi } from 'vitest';
import {
  appendPage,
  EMPTY_SEARCH,
  filterCount,
  loosenings,
  parseSearch,
  parseView,
  searchQueryString,
  searchUrl,
  searchVariables,
  type SearchResult,
  type SearchState,
} from './search';
import { hobby } from '../test/data';

const FULL: SearchState = {
  q: 'futis',
  categories: ['12', '5'],
  freeOnly: true,
  age: 14,
  weekdays: ['TUE', 'MON'],
  time: 'evening',
  distanceKm: 5,
  trial: true,
  beginner: true,
  languages: ['sv', 'fi'],
};

describe('the search in the URL', () => {
  it('writes every filter in a fixed order and reads it back', () => {
    const query = searchQueryString(FULL, 'map');
    expect(query).toBe('q=futis&cat=5,12&free=1&age=14&day=mon,tue&time=evening&km=5&trial=1&beginner=1&lang=fi,sv&view=map');
    const back = parseSearch(Object.fromEntries(new URLSearchParams(query)));
    expect(back).toEqual({ ...FULL, categories: ['5', '12'], weekdays: ['MON', 'TUE'], languages: ['fi', 'sv'] });
    expect(parseView(Object.fromEntries(new URLSearchParams(query)))).toBe('map');
  });

  it('is empty for an empty search, and keeps words with spaces and commas', () => {
    expect(searchUrl(EMPTY_SEARCH)).toBe('/search');
    expect(searchUrl({ ...EMPTY_SEARCH, q: '  ' })).toBe('/search');
    const url = searchUrl({ ...EMPTY_SEARCH, q: 'rock, pop & jazz' });
    expect(parseSearch(Object.fromEntries(new URL(url, 'http://x').searchParams)).q).toBe('rock, pop & jazz');
  });

  it('ignores what it does not understand', () => {
    expect(
      parseSearch({ cat: '1,x,1,', free: 'yes', age: '200', day: 'mon,funday', time: 'night', km: '7', lang: 'de,SV' }),
    ).toEqual({ ...EMPTY_SEARCH, categories: ['1'], weekdays: ['MON'], languages: ['sv'] });
    expect(parseSearch({ age: '' }).age).toBeNull();
    expect(parseView({ view: 'globe' })).toBe('list');
  });

  it('counts the filters, not the words', () => {
    expect(filterCount({ ...EMPTY_SEARCH, q: 'x' })).toBe(0);
    expect(filterCount(FULL)).toBe(10);
  });
});

describe('searchVariables', () => {
  it('maps the filters to the API filter', () => {
    const vars = searchVariables(FULL, { lat: 60.18, lon: 24.95 });
    expect(vars).toEqual({
      text: 'futis',
      near: { lat: 60.18, lon: 24.95, radiusKm: 5 },
      filter: {
        categories: ['12', '5'],
        freeOnly: true,
        age: 14,
        weekdays: ['TUE', 'MON'],
        timeFrom: '17:00',
        trialSession: true,
        beginnerFriendly: true,
        languages: ['sv', 'fi'],
      },
      first: 20,
      after: null,
    });
  });

  it('asks for the time ranges of the day', () => {
    expect(searchVariables({ ...EMPTY_SEARCH, time: 'morning' }, null).filter).toEqual({ timeTo: '11:59' });
    expect(searchVariables({ ...EMPTY_SEARCH, time: 'afternoon' }, null).filter).toEqual({
      timeFrom: '12:00',
      timeTo: '16:59',
    });
  });

  it('sends nothing extra for an empty search, and a distance only with a location', () => {
    expect(searchVariables(EMPTY_SEARCH, null, 'abc')).toEqual({ text: null, near: null, filter: null, first: 20, after: 'abc' });
    expect(searchVariables({ ...EMPTY_SEARCH, distanceKm: 5 }, null).near).toBeNull();
  });
});

describe('appendPage', () => {
  it('adds the next page without repeats', () => {
    const first: SearchResult = { hobbies: [hobby('1'), hobby('2')] as never, totalCount: 3, hasNextPage: true, endCursor: 'a' };
    const next: SearchResult = { hobbies: [hobby('2'), hobby('3')] as never, totalCount: 3, hasNextPage: false, endCursor: 'b' };
    const merged = appendPage(first, next);
    expect(merged.hobbies.map((h) => h.id)).toEqual(['1', '2', '3']);
    expect(merged).toMatchObject({ hasNextPage: false, endCursor: 'b', totalCount: 3 });
  });
});

describe('loosenings', () => {
  it('suggests searching wider, then dropping the narrowest filters, then all of them', () => {
    const options = loosenings({ ...EMPTY_SEARCH, distanceKm: 5, age: 14, time: 'morning' });
    expect(options.map((o) => o.id)).toEqual(['wider', 'time', 'age', 'all']);
    expect(options[0]).toMatchObject({ label: 'search.looseWider', params: { km: 10 } });
    expect(options[0].next.distanceKm).toBe(10);
    expect(options[2].next).toMatchObject({ age: null, distanceKm: 5, time: 'morning' });
    expect(options[3].next).toEqual(EMPTY_SEARCH);
  });

  it('drops the distance limit at the widest distance, and offers the words alone', () => {
    const options = loosenings({ ...EMPTY_SEARCH, q: 'kitara', distanceKm: 50 });
    expect(options.map((o) => o.id)).toEqual(['distance', 'words']);
    expect(options[0].next.distanceKm).toBeNull();
    expect(options[1].next).toMatchObject({ q: '', distanceKm: 50 });
  });

  it('has nothing to offer for words alone (the page gives a spelling tip)', () => {
    expect(loosenings({ ...EMPTY_SEARCH, q: 'xyzzy' })).toEqual([]);
  });

  it('shows at most four single steps', () => {
    expect(loosenings(FULL).map((o) => o.id)).toEqual(['wider', 'time', 'days', 'age', 'all', 'words']);
  });
});

describe('pruneCache', () => {
  it('keeps only the newest entries with the prefix', async () => {
    const { cache } = await import('../state/cache');
    const { pruneCache } = await import('./search');
    vi.useFakeTimers({ toFake: ['Date'] });
    const now = Date.now();
    for (let i = 0; i < 5; i++) {
      vi.setSystemTime(now + i * 1000);
      cache.put(`search:q=${i}`, i);
    }
    cache.put('favourites', []);
    pruneCache('search:', 2);
    expect(cache.keys('search:').sort()).toEqual(['search:q=3', 'search:q=4']);
    expect(cache.get('favourites')).toEqual([]);
    vi.useRealTimers();
  });
});
