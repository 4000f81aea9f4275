// Unit tests for the benefits wallet's logic (api/benefits.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isStillValid,
  redeemBenefit,
  redeemErrorKey,
  saveRedemptions,
  savedRedemptions,
  usesLeft,
  walletVariables,
  type SavedRedemption,
} from './benefits';
import { hasKey } from '../i18n';
import { cache } from '../state/cache';
import { deviceToken, setDeviceToken } from '../state/device';
import { defaultSettings, settings } from '../state/settings';
import { jsonResponse, mockFetch } from '../test/fetch';

const code = (c: string, redeemedAt: string, extra: Partial<SavedRedemption> = {}): SavedRedemption => ({
  code: c,
  redeemedAt,
  validUntil: '2025-12-31T21:59:00Z',
  benefitId: '9',
  kind: 'TRIAL',
  title: { text: 'Etu', language: 'fi' },
  organizationName: 'Seura ry',
  hobby: null,
  ...extra,
});

beforeEach(() => {
  setDeviceToken('token-1');
  settings.value = { ...defaultSettings(), language: 'fi' };
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('benefits', () => {
  it('keeps codes newest first, never evicted, one entry per code', () => {
    saveRedemptions([code('AAA', '2025-11-01T10:00:00Z')]);
    saveRedemptions([code('BBB', '2025-11-02T10:00:00Z'), code('AAA', '2025-11-01T10:00:00Z', { validUntil: null })]);
    expect(savedRedemptions().map((r) => r.code)).toEqual(['BBB', 'AAA']);
    // what is known stays known
    expect(savedRedemptions()[1].validUntil).toBe('2025-12-31T21:59:00Z');
    expect(cache.entry('redemptions')?.keep).toBe(true);
  });

  it('ignores a cache entry that is not a list of codes', () => {
    cache.put('redemptions', { nope: true }, { keep: true });
    expect(savedRedemptions()).toEqual([]);
  });

  it('names an explanation for every error code', () => {
    for (const c of ['SOLD_OUT', 'LIMIT_REACHED', 'NOT_ACTIVE', 'NOT_FOUND', 'RATE_LIMITED', 'OFFLINE', 'TIMEOUT'] as const) {
      expect(redeemErrorKey(c)).toBe(`benefits.error${c}`);
      expect(hasKey(redeemErrorKey(c))).toBe(true);
    }
    expect(redeemErrorKey('INTERNAL')).toBe('benefits.errorOther');
    expect(hasKey('benefits.errorOther')).toBe(true);
  });

  it('counts the uses left and the validity', () => {
    expect(usesLeft({ perDeviceLimit: 1, redeemedByMe: null })).toBe(1);
    expect(usesLeft({ perDeviceLimit: 2, redeemedByMe: 1 })).toBe(1);
    expect(usesLeft({ perDeviceLimit: 1, redeemedByMe: 3 })).toBe(0);
    const now = new Date('2025-11-24T10:00:00Z');
    expect(isStillValid({ validUntil: '2025-11-24T10:00:01Z' }, now)).toBe(true);
    expect(isStillValid({ validUntil: '2025-11-24T09:59:59Z' }, now)).toBe(false);
    expect(isStillValid({ validUntil: null }, now)).toBe(true);
  });

  it('asks near a point only when there is one', () => {
    expect(walletVariables(null)).toEqual({ near: null, first: 50 });
    expect(walletVariables({ lat: 60.1, lon: 24.9 })).toEqual({ near: { lat: 60.1, lon: 24.9, radiusKm: 25 }, first: 50 });
  });

  it('registers anew and tries once more when the server forgot the device', async () => {
    let redeems = 0;
    const { calls } = mockFetch((call) => {
      if (call.query.includes('registerDevice')) return jsonResponse({ data: { registerDevice: { token: 'token-2', errors: [] } } });
      redeems++;
      if (redeems === 1) {
        return jsonResponse({ data: { redeemBenefit: { redemption: null, errors: [{ field: null, message: 'x', code: 'UNAUTHENTICATED' }] } } });
      }
      return jsonResponse({
        data: {
          redeemBenefit: {
            redemption: {
              code: 'NEWCODE1', redeemedAt: '2025-11-24T10:00:00Z', validUntil: '2025-12-31T21:59:00Z',
              benefit: { id: '9', kind: 'TRIAL', title: { text: 'Etu', language: 'fi' }, organizationName: 'Seura', hobby: null },
            },
            errors: [],
          },
        },
      });
    });
    const saved = await redeemBenefit('9');
    expect(saved).toMatchObject({ code: 'NEWCODE1', benefitId: '9', organizationName: 'Seura' });
    expect(deviceToken.value).toBe('token-2');
    expect(calls.at(-1)!.headers.Authorization).toBe('Device token-2');
    expect(savedRedemptions().map((r) => r.code)).toEqual(['NEWCODE1']);
  });

  it('refuses at once when the browser knows it is offline', async () => {
    const { fn } = mockFetch(() => jsonResponse({}));
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await expect(redeemBenefit('9')).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(fn).not.toHaveBeenCalled();
    onLine.mockRestore();
  });
});
