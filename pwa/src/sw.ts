/// <reference lib="webworker" />
/**
 * The service worker: precache the shell, answer the app's own routes with it (also offline), keep pictures
 * from /media/ for a while, wait for the page's "update" before a new version takes over, and show push
 * messages (opt-in notifications) and open their page when tapped.
 * API answers are not cached here: the app keeps its own offline copies (src/state/cache.ts).
 * The kill switch is a different build (VITE_DISABLE_SW=1, see vite.config.ts), not code here.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { CLIENT_PATH_RE, SERVER_PATH_RE } from './paths';
import { appPath, NOTIFICATION_ICON, readPushMessage } from './push-message';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Navigations to the app's routes get the cached index.html; /cms/, /graphql, /pages/, calendars… go to the server.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    allowlist: [CLIENT_PATH_RE],
    denylist: [SERVER_PATH_RE],
  }),
);

// Hobby pictures: from the cache first, at most 120 of them for 30 days.
registerRoute(
  ({ request, url }) =>
    request.destination === 'image' && url.origin === self.location.origin && url.pathname.startsWith('/media/'),
  new CacheFirst({
    cacheName: 'media-images',
    plugins: [new ExpirationPlugin({ maxEntries: 120, maxAgeSeconds: 30 * 24 * 60 * 60, purgeOnQuotaError: true })],
  }),
);

// The page's "Update now" (workbox-window's messageSkipWaiting).
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Push (opt-in, Firebase Cloud Messaging): show the message with the app's icon; a tap opens its page.
self.addEventListener('push', (event) => {
  let payload: unknown = null;
  try {
    payload = event.data?.json();
  } catch {
    payload = event.data ? { notification: { body: event.data.text() } } : null;
  }
  const message = readPushMessage(payload);
  if (!message) return;
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      icon: NOTIFICATION_ICON,
      data: { path: message.path },
    }),
  );
});

/** Focus an open window of the app and take it to `path`, or open a new one. */
async function openApp(path: string): Promise<void> {
  const url = new URL(path, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const own = windows.filter((client) => new URL(client.url).origin === self.location.origin);
  const target = own.find((client) => client.focused) ?? own[0];
  if (!target) {
    await self.clients.openWindow(url);
    return;
  }
  const focused = await target.focus().catch(() => target);
  if (focused.url === url) return;
  // navigate() works for the pages this worker controls; anything else gets a window of its own
  const navigated = await focused.navigate(url).catch(() => null);
  if (!navigated) await self.clients.openWindow(url);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as { path?: unknown } | null;
  event.waitUntil(openApp(appPath(data?.path)));
});
