/**
 * The app's screens, declared once: the router renders them and the navigation lists those with `nav`.
 * Each page is its own lazily loaded chunk (src/pages/<Name>.tsx, default export).
 */
import { lazy } from 'preact-iso';
import type { ComponentType } from 'preact';
import { PATHS, type PathName } from './paths';
import type { IconName } from './components/Icon';
import { settings } from './state/settings';

export interface RouteDef {
  name: PathName;
  path: string;
  component: ComponentType<any>;
  /** In the main navigation, with this label (an i18n key) and icon. */
  nav?: { label: string; icon: IconName };
  /** Where to send the person instead, when this returns a path (e.g. the first run before home). */
  redirect?: () => string | null;
}

export const ROUTES: readonly RouteDef[] = [
  {
    name: 'home',
    path: PATHS.home,
    component: lazy(() => import('./pages/Home')),
    nav: { label: 'common.navHome', icon: 'home' },
    // the first visit starts with the first-run questions
    redirect: () => (settings.value.onboarded ? null : PATHS.welcome),
  },
  { name: 'welcome', path: PATHS.welcome, component: lazy(() => import('./pages/Welcome')) },
  {
    name: 'search',
    path: PATHS.search,
    component: lazy(() => import('./pages/Search')),
    nav: { label: 'common.navSearch', icon: 'search' },
  },
  { name: 'hobby', path: PATHS.hobby, component: lazy(() => import('./pages/Hobby')) },
  {
    name: 'favourites',
    path: PATHS.favourites,
    component: lazy(() => import('./pages/Favourites')),
    nav: { label: 'common.navFavourites', icon: 'heart' },
  },
  {
    name: 'benefits',
    path: PATHS.benefits,
    component: lazy(() => import('./pages/Benefits')),
    nav: { label: 'common.navBenefits', icon: 'ticket' },
  },
  {
    name: 'settings',
    path: PATHS.settings,
    component: lazy(() => import('./pages/Settings')),
    nav: { label: 'common.navSettings', icon: 'settings' },
  },
  { name: 'feedback', path: PATHS.feedback, component: lazy(() => import('./pages/Feedback')) },
  { name: 'info', path: PATHS.info, component: lazy(() => import('./pages/Info')) },
];

export const NAV_ROUTES = ROUTES.filter((route) => route.nav);

export const NotFound = lazy(() => import('./pages/NotFound'));
