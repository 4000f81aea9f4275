/**
 * "Show my data" and "Delete my data": what the server keeps about this device, and forgetting it.
 */
import { ApiError, fieldErrors, gql } from './client';
import { forgetDeviceLocally } from './device';
import type { FieldError } from './types';
import { deviceToken } from '../state/device';
import { cache } from '../state/cache';
import { resetSettings } from '../state/settings';
import { forgetRating } from '../state/rating';
import { dropPushSubscription } from './push';

export const MY_DATA_QUERY = /* GraphQL */ `
  query MyData { myData }
`;

export const FORGET_DEVICE = /* GraphQL */ `
  mutation ForgetDevice { forgetDevice { ok errors { field message code } } }
`;

/** `myData` as the server gives it (see backend/api/devices.py `my_data`); every part may be missing. */
export interface MyData {
  profile?: Record<string, unknown>;
  interests?: { id: string; slug?: string; name: string | null }[];
  favourites?: { hobbyId: string; title: string | null; createdAt: string }[];
  interactions?: { hobbyId: string; kind: string; createdAt: string }[];
  redemptions?: { benefitId: string; title: string | null; code: string; redeemedAt: string }[];
  [part: string]: unknown;
}

/** Everything the server keeps about this device; null when the device has not registered (nothing kept). */
export async function fetchMyData(signal?: AbortSignal): Promise<MyData | null> {
  if (!deviceToken.value) return null;
  const data = await gql<{ myData: MyData | null }>(MY_DATA_QUERY, {}, { signal });
  return data.myData ?? null;
}

/** The data as a pretty-printed JSON file's text. */
export function myDataJson(data: MyData | null, now: Date = new Date()): string {
  return `${JSON.stringify({ exportedAt: now.toISOString(), ...(data ?? {}) }, null, 2)}\n`;
}

/** `harrastuspassi-my-data-2025-11-24.json` */
export function myDataFileName(now: Date = new Date()): string {
  return `harrastuspassi-my-data-${now.toISOString().slice(0, 10)}.json`;
}

/** Offer the data as a .json download (a Blob link clicked once). */
export function downloadMyData(data: MyData | null): void {
  const blob = new Blob([myDataJson(data)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = myDataFileName();
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Delete everything: the device on the server (`forgetDevice`), then the token, the offline copies (saved codes
 * too), the settings, the quick rating's times and the push subscription on this device. Throws ApiError and
 * changes nothing on the device when the server could not be told (OFFLINE, RATE_LIMITED, …). A device the server
 * no longer knows is already deleted there.
 */
export async function deleteMyData(): Promise<void> {
  if (deviceToken.value) {
    type Answer = { forgetDevice: { ok: boolean; errors: FieldError[] } | null };
    const answer = await gql<Answer>(FORGET_DEVICE, {}, { retryUnauthenticated: false }).catch((error: unknown) => {
      // a token the server does not know any more: nothing left to delete there
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return { forgetDevice: { ok: true, errors: [] } };
      throw error;
    });
    const problem = fieldErrors(answer.forgetDevice).find((e) => e.code !== 'UNAUTHENTICATED');
    if (problem) throw new ApiError(problem.code, problem.message);
    if (!answer.forgetDevice) throw new ApiError('INTERNAL', 'forgetDevice gave no answer.');
  }
  forgetDeviceLocally();
  cache.clear();
  resetSettings();
  forgetRating();
  void dropPushSubscription(); // the server forgot the push token with the device; stop the browser's side too
}
