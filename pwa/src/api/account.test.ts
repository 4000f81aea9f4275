// Unit tests for api/favourites.ts, account.ts, feedback.ts and pages.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteMyData, myDataFileName, myDataJson } from './account';
import { submitFeedback } from './feedback';
import { cachedFavourites, fetchFavourites, forgetCachedFavourite, rememberCachedFavourite, removeFavourite } from './favourites';
import { fetchPage } from './pages';
import { ApiError } from './client';
import { cache } from '../state/cache';
import { deviceToken, setDeviceToken } from '../state/device';
import { defaultSettings, settings } from '../state/settings';
import { hobby } from '../test/data';
import { jsonResponse, mockFetch } from '../test/fetch';

beforeEach(() => {
  setDeviceToken('token-1');
  settings.value = { ...defaultSettings(), language: 'fi' };
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('favourites', () => {
  it('asks nothing before the device has registered', async () => {
    setDeviceToken(null);
    const { fn } = mockFetch(() => jsonResponse({}));
    expect(await fetchFavourites()).toEqual([]);
    await removeFavourite('1');
    expect(fn).not.toHaveBeenCalled();
  });

  it('counts a device the server forgot as having no favourite', async () => {
    mockFetch(() =>
      jsonResponse({ data: { removeFavourite: { hobbyId: null, favourited: null, errors: [{ field: null, message: 'x', code: 'UNAUTHENTICATED' }] } } }),
    );
    await expect(removeFavourite('1')).resolves.toBeUndefined();
  });

  it('throws what the server refused', async () => {
    mockFetch(() =>
      jsonResponse({ data: { removeFavourite: { hobbyId: null, favourited: null, errors: [{ field: null, message: 'x', code: 'RATE_LIMITED' }] } } }),
    );
    await expect(removeFavourite('1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('keeps the offline copy in step', () => {
    rememberCachedFavourite(hobby('1'));
    rememberCachedFavourite(hobby('2'));
    rememberCachedFavourite(hobby('1'));
    expect(cachedFavourites().map((h) => h.id)).toEqual(['1', '2']);
    forgetCachedFavourite('1');
    expect(cachedFavourites().map((h) => h.id)).toEqual(['2']);
  });
});

describe('account', () => {
  it('writes my data as readable JSON with a dated file name', () => {
    const now = new Date('2025-11-24T10:00:00Z');
    const text = myDataJson({ profile: { id: 'x' } }, now);
    expect(JSON.parse(text)).toEqual({ exportedAt: '2025-11-24T10:00:00.000Z', profile: { id: 'x' } });
    expect(text).toContain('\n  "profile"');
    expect(myDataFileName(now)).toBe('harrastuspassi-my-data-2025-11-24.json');
  });

  it('deletes on the device alone when it never registered', async () => {
    setDeviceToken(null);
    cache.put('home', 1);
    settings.value = { ...settings.value, onboarded: true };
    const { fn } = mockFetch(() => jsonResponse({}));
    await deleteMyData();
    expect(fn).not.toHaveBeenCalled();
    expect(cache.keys()).toEqual([]);
    expect(settings.value.onboarded).toBe(false);
  });

  it('counts a device the server no longer knows as deleted there', async () => {
    const { calls } = mockFetch(() =>
      jsonResponse({ data: { forgetDevice: null }, errors: [{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }] }),
    );
    await deleteMyData();
    expect(calls).toHaveLength(1); // no re-registration
    expect(deviceToken.value).toBeNull();
  });

  it('changes nothing when the server refuses', async () => {
    mockFetch(() =>
      jsonResponse({ data: { forgetDevice: { ok: false, errors: [{ field: null, message: 'x', code: 'RATE_LIMITED' }] } } }),
    );
    cache.put('redemptions', ['A'], { keep: true });
    await expect(deleteMyData()).rejects.toBeInstanceOf(ApiError);
    expect(deviceToken.value).toBe('token-1');
    expect(cache.get('redemptions')).toEqual(['A']);
  });
});

describe('feedback', () => {
  it('sends only what was given, and returns the field problems', async () => {
    const { calls } = mockFetch(() =>
      jsonResponse({ data: { submitFeedback: { ok: false, errors: [{ field: 'rating', message: '1–5', code: 'OUT_OF_RANGE' }] } } }),
    );
    const errors = await submitFeedback({ rating: null, text: ' hi ' });
    expect(calls[0].variables).toEqual({ input: { text: 'hi', channel: 'WEB' } });
    expect(errors).toEqual([{ field: 'rating', message: '1–5', code: 'OUT_OF_RANGE' }]);
  });

  it('throws a problem of the whole request (rate limit)', async () => {
    mockFetch(() =>
      jsonResponse({ data: { submitFeedback: { ok: false, errors: [{ field: null, message: 'slow down', code: 'RATE_LIMITED' }] } } }),
    );
    await expect(submitFeedback({ rating: 5, text: '' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('pages', () => {
  it('asks for the page in the interface language', async () => {
    const { calls } = mockFetch(() => jsonResponse({ data: { page: null } }));
    expect(await fetchPage('about', 'sv')).toBeNull();
    expect(calls[0].variables).toEqual({ slug: 'about', lang: 'SV' });
  });
});
