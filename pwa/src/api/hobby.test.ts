import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  enrolment,
  factAnswer,
  fetchHobby,
  paragraphs,
  recordInteraction,
  safeHref,
  setFavourite,
  shortUrl,
  type HobbyDetail,
} from './hobby';
import { ApiError } from './client';
import { cache } from '../state/cache';
import { setDeviceToken } from '../state/device';
import { defaultSettings, settings } from '../state/settings';
import { hobbyDetail } from '../components/hobby/fixtures';
import { jsonResponse, mockFetch } from '../test/fetch';
import { hobby } from '../test/data';

beforeEach(() => {
  settings.value = { ...defaultSettings(), language: 'fi' };
  setDeviceToken('tok');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setDeviceToken(null);
});

describe('paragraphs', () => {
  it('splits at blank lines and keeps line breaks, trimming the rest', () => {
    expect(paragraphs('Eka rivi\nToka rivi\n\n  \n\nUusi kappale \r\n')).toEqual([['Eka rivi', 'Toka rivi'], ['Uusi kappale']]);
    expect(paragraphs('')).toEqual([]);
    expect(paragraphs(null)).toEqual([]);
  });

  it('keeps markup as text', () => {
    expect(paragraphs('<b>hei</b>')).toEqual([['<b>hei</b>']]);
  });
});

describe('enrolment', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  it('tells open, open until, not yet and ended apart', () => {
    expect(enrolment({ enrolmentOpen: true, enrolmentStart: null, enrolmentEnd: null }, now)).toEqual({ state: 'always' });
    expect(enrolment({ enrolmentOpen: true, enrolmentStart: '2026-11-01T00:00:00Z', enrolmentEnd: '2026-12-01T00:00:00Z' }, now))
      .toEqual({ state: 'open', until: '2026-12-01T00:00:00Z' });
    expect(enrolment({ enrolmentOpen: false, enrolmentStart: '2026-12-01T00:00:00Z', enrolmentEnd: null }, now))
      .toEqual({ state: 'notYet', from: '2026-12-01T00:00:00Z' });
    expect(enrolment({ enrolmentOpen: false, enrolmentStart: null, enrolmentEnd: '2026-11-01T00:00:00Z' }, now))
      .toEqual({ state: 'ended', ended: '2026-11-01T00:00:00Z' });
  });
});

describe('small helpers', () => {
  it('says yes, no or not known', () => {
    expect([true, false, null, undefined].map(factAnswer)).toEqual(['yes', 'no', 'unknown', 'unknown']);
  });

  it('only links to http(s)', () => {
    expect(safeHref('https://example.fi/x')).toBe('https://example.fi/x');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('')).toBeNull();
    expect(shortUrl('https://www.seura.fi/')).toBe('www.seura.fi');
    expect(shortUrl('https://www.seura.fi/nuoret')).toBe('www.seura.fi/nuoret');
  });
});

describe('fetchHobby', () => {
  it('asks whether the hobby is a favourite when the device is known', async () => {
    const { calls } = mockFetch(() =>
      jsonResponse({ data: { hobby: hobbyDetail('42'), favourites: { edges: [{ node: { id: '7' } }, { node: { id: '42' } }] } } }),
    );
    const data = await fetchHobby('42', true);
    expect(data.favourited).toBe(true);
    expect(calls[0].variables).toEqual({ id: '42', withFavourites: true, favourites: 50 });
    expect(calls[0].query).toContain('sessions(first: 10)');
    expect(calls[0].query).toContain('similarHobbies(first: 6)');
  });

  it('shows the hobby when only the favourites failed, and says not found otherwise', async () => {
    mockFetch(() =>
      jsonResponse({
        data: { hobby: hobbyDetail('42'), favourites: null },
        errors: [{ message: 'x', path: ['favourites'], extensions: { code: 'INTERNAL' } }],
      }),
    );
    expect((await fetchHobby('42', true)).favourited).toBeNull();

    mockFetch(() =>
      jsonResponse({ data: { hobby: null }, errors: [{ message: 'No such hobby', path: ['hobby'], extensions: { code: 'NOT_FOUND' } }] }),
    );
    await expect(fetchHobby('9', false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('setFavourite', () => {
  const detail = hobbyDetail('42') as HobbyDetail;

  it('saves, and keeps the offline favourites in step', async () => {
    cache.put('favourites', [hobby('7')]);
    const { calls } = mockFetch(() => jsonResponse({ data: { addFavourite: { favourited: true, errors: [] } } }));
    expect(await setFavourite(detail, true)).toBe(true);
    expect(calls[0].query).toContain('addFavourite');
    expect(calls[0].variables).toEqual({ hobbyId: '42' });
    expect(cache.get<{ id: string }[]>('favourites')!.map((h) => h.id)).toEqual(['42', '7']);
    expect(cache.get<Record<string, unknown>[]>('favourites')![0]).not.toHaveProperty('description');

    mockFetch(() => jsonResponse({ data: { removeFavourite: { favourited: false, errors: [] } } }));
    expect(await setFavourite(detail, false)).toBe(false);
    expect(cache.get<{ id: string }[]>('favourites')!.map((h) => h.id)).toEqual(['7']);
  });

  it('throws the problem, and OFFLINE without a network', async () => {
    mockFetch(() =>
      jsonResponse({ data: { addFavourite: { favourited: null, errors: [{ field: null, message: 'Hidas', code: 'RATE_LIMITED' }] } } }),
    );
    await expect(setFavourite(detail, true)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(setFavourite(detail, true)).rejects.toBeInstanceOf(ApiError);
    await expect(setFavourite(detail, true)).rejects.toMatchObject({ code: 'OFFLINE' });
  });
});

describe('recordInteraction', () => {
  it('sends one item and never throws', async () => {
    const { calls } = mockFetch(() => jsonResponse({ data: { recordInteractions: { accepted: 1, errors: [] } } }));
    await recordInteraction('42', 'VIEW');
    expect(calls[0].variables).toEqual({ items: [{ hobbyId: '42', kind: 'VIEW' }] });
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(recordInteraction('42', 'JOIN_CLICK')).resolves.toBeUndefined();
  });
});
