/**
 * Reading a push message (Firebase Cloud Messaging's web payload) in the service worker: what to show, and
 * which page of the app a tap opens. Shared with the unit tests; touches neither the DOM nor the worker.
 *
 * FCM delivers `{ "notification": { "title", "body" }, "data": { "path": "/hobbies/42", … }, … }`.
 */
import { CLIENT_PATH_RE } from './paths';

export const NOTIFICATION_TITLE = 'Harrastuspassi';
export const NOTIFICATION_ICON = '/icons/icon-192.png';

export interface PushMessage {
  title: string;
  body: string;
  /** A page of the app (never another site, never a server path). */
  path: string;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(...values: unknown[]): string {
  for (const value of values) if (typeof value === 'string' && value.trim()) return value.trim();
  return '';
}

/** `path` when it is one of the app's own pages, else the home page. */
export function appPath(path: unknown): string {
  return typeof path === 'string' && /^\/(?![/\\])/.test(path) && CLIENT_PATH_RE.test(path) ? path : '/';
}

/** What to show for a push payload (parsed JSON); null when there is nothing to read. */
export function readPushMessage(payload: unknown): PushMessage | null {
  if (payload === null || payload === undefined) return null;
  const outer = record(payload);
  const notification = record(outer.notification);
  const data = record(outer.data);
  return {
    title: text(notification.title, data.title) || NOTIFICATION_TITLE,
    body: text(notification.body, data.body),
    path: appPath(data.path),
  };
}
