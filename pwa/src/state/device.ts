/**
 * The anonymous device token (the server's `registerDevice` answer), kept on the device. Registration and
 * profile updates live in `api/device.ts`; this module only keeps the token.
 */
import { signal } from '@preact/signals';
import { readRaw, removeKey, writeRaw } from './storage';

const KEY = 'deviceToken';

export const deviceToken = signal<string | null>(readRaw(KEY));

export function setDeviceToken(token: string | null): void {
  if (token) writeRaw(KEY, token);
  else removeKey(KEY);
  deviceToken.value = token;
}
