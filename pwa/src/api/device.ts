/**
 * The anonymous device: registered silently on first use, its profile kept in step with the settings.
 *
 *   startDevice()     at start-up: register in the background when there is no token yet
 *   ensureDevice()    the token, registering first when needed (null when offline or refused; never throws)
 *   syncDevice()      send the current settings to the server's profile (queued while offline)
 *   forgetDeviceLocally()  drop the token (after forgetDevice)
 */
import { settings, type Settings } from '../state/settings';
import { deviceToken, setDeviceToken } from '../state/device';
import { readRaw, removeKey, writeRaw } from '../state/storage';
import { ApiError, fieldErrors, gql, setReauthenticate } from './client';
import type { ApiLanguage, FieldError } from './types';

const PENDING_KEY = 'deviceSyncPending';

const REGISTER = /* GraphQL */ `
  mutation RegisterDevice($input: DeviceInput) {
    registerDevice(input: $input) { token errors { field message code } }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation UpdateDevice($input: DeviceInput!) {
    updateDevice(input: $input) { device { id } errors { field message code } }
  }
`;

export interface DeviceInput {
  language?: ApiLanguage;
  ageGroup?: string | null;
  homeArea?: string | null;
  interests?: string[] | null;
  personalisation?: boolean;
  analytics?: boolean;
}

/** The server profile for these settings. `null`s clear a field in updateDevice. */
export function profileInput(s: Settings): DeviceInput {
  return {
    language: s.language.toUpperCase() as ApiLanguage,
    ageGroup: s.ageGroup,
    homeArea: s.place?.kind === 'area' ? s.place.area : null,
    interests: s.interests,
    personalisation: s.personalisation,
    analytics: s.analytics,
  };
}

/** The same without nulls (registerDevice takes only what is known). */
function registerInput(s: Settings): DeviceInput {
  return Object.fromEntries(Object.entries(profileInput(s)).filter(([, v]) => v !== null)) as DeviceInput;
}

let registering: Promise<string | null> | null = null;

async function register(): Promise<string | null> {
  type Answer = { registerDevice: { token: string | null; errors: FieldError[] } | null };
  let input = registerInput(settings.value);
  for (let attempt = 0; attempt < 2; attempt++) {
    const answer = await gql<Answer>(REGISTER, { input }, { auth: false, retryUnauthenticated: false });
    const payload = answer.registerDevice;
    if (payload?.token && !fieldErrors(payload).length) {
      setDeviceToken(payload.token);
      return payload.token;
    }
    // a profile the server refused (say an odd home area): register with the language alone
    input = { language: input.language };
  }
  return null;
}

/** The device token, registering the device first when there is none. Null when that failed (offline, rate
 * limited); a later call tries again. */
export function ensureDevice(): Promise<string | null> {
  if (deviceToken.value) return Promise.resolve(deviceToken.value);
  if (!registering) {
    registering = register()
      .catch(() => null)
      .finally(() => {
        registering = null;
      });
  }
  return registering;
}

/** The server forgot the device (deleted, or the token is unknown): register anew, once at a time. */
function reregister(): Promise<string | null> {
  if (!registering) setDeviceToken(null);
  return ensureDevice();
}

/** Send the current settings to the device profile. A fresh device is registered with them; when offline
 * the update is remembered and sent when the network is back. Never throws. */
export async function syncDevice(): Promise<boolean> {
  writeRaw(PENDING_KEY, '1');
  try {
    if (!deviceToken.value) {
      const token = await ensureDevice();
      if (token) removeKey(PENDING_KEY); // registered with the current settings
      return !!token;
    }
    type Answer = { updateDevice: { errors: FieldError[] } | null };
    let answer = await gql<Answer>(UPDATE, { input: profileInput(settings.value) });
    if (fieldErrors(answer.updateDevice).some((e) => e.field === 'homeArea')) {
      const { homeArea: _dropped, ...rest } = profileInput(settings.value);
      answer = await gql<Answer>(UPDATE, { input: rest });
    }
    removeKey(PENDING_KEY);
    return !fieldErrors(answer.updateDevice).length;
  } catch (error) {
    if (error instanceof ApiError && !error.offline) removeKey(PENDING_KEY); // refused: do not retry forever
    return false;
  }
}

/** Drop the token and any queued update (after `forgetDevice`, or when the person deletes their data). */
export function forgetDeviceLocally(): void {
  setDeviceToken(null);
  removeKey(PENDING_KEY);
}

/** At start-up: install the re-registration hook, register in the background when idle, and send a queued
 * profile update whenever the network comes back. Returns the stop function. */
export function startDevice(): () => void {
  setReauthenticate(reregister);
  const run = () => {
    if (readRaw(PENDING_KEY)) void syncDevice();
    else if (!deviceToken.value) void ensureDevice();
  };
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback;
  if (idle) idle(run);
  else setTimeout(run, 1000);
  addEventListener('online', run);
  return () => {
    removeEventListener('online', run);
    setReauthenticate(null);
  };
}
