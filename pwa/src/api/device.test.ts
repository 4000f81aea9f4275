import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureDevice, profileInput, startDevice, syncDevice } from './device';
import { gql } from './client';
import { deviceToken, setDeviceToken } from '../state/device';
import { readRaw } from '../state/storage';
import { defaultSettings, settings, updateSettings } from '../state/settings';
import { jsonResponse, mockFetch, type Call } from '../test/fetch';

const registered = (token: string) =>
  jsonResponse({ data: { registerDevice: { token, errors: [] } } });
const updated = () => jsonResponse({ data: { updateDevice: { device: { id: '1' }, errors: [] } } });

let stop: (() => void) | null = null;

beforeEach(() => {
  setDeviceToken(null);
  settings.value = { ...defaultSettings(), language: 'fi' };
});

afterEach(() => {
  stop?.();
  stop = null;
  vi.unstubAllGlobals();
});

describe('profileInput', () => {
  it('turns settings into DeviceInput', () => {
    expect(
      profileInput({
        ...defaultSettings(),
        language: 'sv',
        ageGroup: 'AGE_13_15',
        interests: ['12'],
        place: { kind: 'area', area: '00530' },
      }),
    ).toEqual({ language: 'SV', ageGroup: 'AGE_13_15', homeArea: '00530', interests: ['12'], personalisation: true, analytics: true });
  });

  it('never sends coordinates', () => {
    const input = profileInput({ ...defaultSettings(), place: { kind: 'point', lat: 60.18, lon: 24.95 } });
    expect(input.homeArea).toBeNull();
    expect(JSON.stringify(input)).not.toContain('60.18');
  });
});

describe('ensureDevice', () => {
  it('registers once, without a token, with the known profile, and keeps the token', async () => {
    updateSettings({ ageGroup: 'AGE_16_17', interests: ['3'] });
    const { calls } = mockFetch(() => registered('tok-1'));
    const [a, b] = await Promise.all([ensureDevice(), ensureDevice()]);
    expect(a).toBe('tok-1');
    expect(b).toBe('tok-1');
    expect(calls).toHaveLength(1);
    expect(calls[0].query).toContain('registerDevice');
    expect(calls[0].headers.Authorization).toBeUndefined();
    expect(calls[0].variables.input).toEqual({
      language: 'FI',
      ageGroup: 'AGE_16_17',
      interests: ['3'],
      personalisation: true,
      analytics: true,
    });
    expect(deviceToken.value).toBe('tok-1');
    expect(readRaw('deviceToken')).toBe('tok-1');
    await ensureDevice();
    expect(calls).toHaveLength(1);
  });

  it('falls back to the language alone when the profile is refused', async () => {
    updateSettings({ place: { kind: 'area', area: 'Kallio' } });
    const { calls } = mockFetch((call) =>
      call.variables.input && (call.variables.input as Record<string, unknown>).homeArea
        ? jsonResponse({
            data: { registerDevice: { token: null, errors: [{ field: 'homeArea', message: 'x', code: 'INVALID_INPUT' }] } },
          })
        : registered('tok-2'),
    );
    await expect(ensureDevice()).resolves.toBe('tok-2');
    expect(calls[1].variables.input).toEqual({ language: 'FI' });
  });

  it('returns null offline, and tries again later', async () => {
    mockFetch(() => {
      throw new TypeError('offline');
    });
    await expect(ensureDevice()).resolves.toBeNull();
    mockFetch(() => registered('tok-3'));
    await expect(ensureDevice()).resolves.toBe('tok-3');
  });
});

describe('re-registration', () => {
  it('replaces a token the server has forgotten and retries the request', async () => {
    stop = startDevice();
    setDeviceToken('forgotten');
    const seen: Call[] = [];
    mockFetch((call) => {
      seen.push(call);
      if (call.query.includes('registerDevice')) return registered('fresh');
      if (call.headers.Authorization === 'Device forgotten') {
        return jsonResponse({ errors: [{ message: 'Unknown device.', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      return jsonResponse({ data: { favourites: { totalCount: 0 } } });
    });
    await expect(gql('{ favourites { totalCount } }')).resolves.toEqual({ favourites: { totalCount: 0 } });
    expect(deviceToken.value).toBe('fresh');
    expect(seen.map((c) => (c.query.includes('registerDevice') ? 'register' : c.headers.Authorization))).toEqual([
      'Device forgotten',
      'register',
      'Device fresh',
    ]);
  });
});

describe('syncDevice', () => {
  it('updates the profile of a registered device', async () => {
    setDeviceToken('tok');
    updateSettings({ ageGroup: null, interests: [] });
    const { calls } = mockFetch(() => updated());
    await expect(syncDevice()).resolves.toBe(true);
    expect(calls[0].query).toContain('updateDevice');
    expect(calls[0].headers.Authorization).toBe('Device tok');
    // nulls clear what the person removed
    expect(calls[0].variables.input).toMatchObject({ ageGroup: null, homeArea: null, interests: [] });
    expect(readRaw('deviceSyncPending')).toBeNull();
  });

  it('registers a new device with the settings instead', async () => {
    const { calls } = mockFetch(() => registered('tok-new'));
    await expect(syncDevice()).resolves.toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0].query).toContain('registerDevice');
  });

  it('remembers an update made offline and sends it when the network is back', async () => {
    setDeviceToken('tok');
    mockFetch(() => {
      throw new TypeError('offline');
    });
    await expect(syncDevice()).resolves.toBe(false);
    expect(readRaw('deviceSyncPending')).toBe('1');

    stop = startDevice();
    const { calls } = mockFetch(() => updated());
    dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(readRaw('deviceSyncPending')).toBeNull());
    expect(calls.some((c) => c.query.includes('updateDevice'))).toBe(true);
  });
});
