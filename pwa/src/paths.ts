/**
 * Which URL paths the app draws and which the server answers.
 *
 * Shared by the page (links, router scope) and the service worker (navigation fallback), so it must not touch
 * the DOM. Django answers every client path with index.html (backend/urls.py); keep the two lists in step.
 */

/** The client routes, as preact-iso patterns. */
export const PATHS = {
  home: '/',
  welcome: '/welcome',
  search: '/search',
  hobby: '/hobbies/:id',
  favourites: '/favourites',
  benefits: '/benefits',
  settings: '/settings',
  feedback: '/feedback',
  info: '/info/:slug',
} as const;

export type PathName = keyof typeof PATHS;

/** A path the app draws itself (the service worker may answer it with the cached shell). */
export const CLIENT_PATH_RE =
  /^\/(?:welcome|search|hobbies\/\d+|favourites|benefits|settings|feedback|info\/[^/?#.]+)?\/?(?:[?#]|$)/;

/** Paths the server answers itself (CMS, API, CMS pages, health, media, calendars): never the shell. */
export const SERVER_PATH_RE =
  /^\/(?:cms|graphql|pages|healthz|media|static|documents|providers)(?:[/?#.]|$)|^\/hobbies\/\d+\.ics/;

/** `/hobbies/42` */
export const hobbyPath = (id: string | number): string => `/hobbies/${encodeURIComponent(String(id))}`;

/** `/info/privacy` */
export const infoPath = (slug: string): string => `/info/${encodeURIComponent(slug)}`;
