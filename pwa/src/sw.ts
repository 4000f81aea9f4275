/// <reference lib="webworker" />
/**
 * The service worker: precache the shell, answer the app's own routes with it (also offline), keep pictures
 * from /media/ for a while, and wait for the page's "update" before a new version takes over.
 * API answers are not cached here: the app keeps its own offline copies (src/state/cache.ts).
 * The kill switch is a different build (VITE_DISABLE_SW=1, see vite.config.ts), not code here.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { CLIENT_PATH_RE, SERVER_PATH_RE } from './paths';

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
