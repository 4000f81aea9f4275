import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { language } from '../state/settings';
import { NAV_ROUTES } from '../routes';
import { infoPath } from '../paths';
import { Icon } from './Icon';
import { OfflineBanner } from './OfflineBanner';
import { UpdatePrompt } from './UpdatePrompt';
import { RatingPrompt } from './rating/RatingPrompt';

/** The CMS slugs of the accessibility statement and the privacy notice in each language (any language's
 * slug finds the page; these read best). */
const STATEMENT_SLUGS = {
  fi: { accessibility: 'saavutettavuusseloste', privacy: 'tietosuojaseloste' },
  sv: { accessibility: 'tillganglighetsutlatande', privacy: 'dataskyddsbeskrivning' },
  en: { accessibility: 'accessibility-statement', privacy: 'privacy-notice' },
} as const;

/** Move focus to the page's main heading (after a client-side navigation), so a screen reader announces the
 * new page and the keyboard continues from there. */
export function focusPageHeading(): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
}

function isCurrent(routePath: string, path: string): boolean {
  return routePath === '/' ? path === '/' : path === routePath || path.startsWith(`${routePath}/`);
}

export function MainNav({ path }: { path: string }) {
  return (
    <nav class="main-nav" aria-label={t('common.navLabel')}>
      <ul>
        {NAV_ROUTES.map((route) => {
          const current = isCurrent(route.path, path);
          return (
            <li key={route.name}>
              <a href={route.path} aria-current={current ? 'page' : undefined}>
                <Icon name={route.nav!.icon} />
                <span class="main-nav-label">{t(route.nav!.label)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The frame of every screen: skip link, header, banners, navigation (bottom on phones, side on wide screens),
 * the page in <main>, and a footer. The first-run screen gets no navigation. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  const firstRun = path === '/welcome';
  const slugs = STATEMENT_SLUGS[language.value];
  return (
    <div class={firstRun ? 'app app-first-run' : 'app'}>
      <a class="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header class="app-header">
        <a class="brand" href="/">
          <img src="/favicon.svg" width="32" height="32" alt="" />
          <span>{t('common.appName')}</span>
        </a>
      </header>
      <OfflineBanner />
      <div class="app-body">
        {!firstRun && <MainNav path={path} />}
        <div class="app-content">
          <main id="main" tabIndex={-1}>
            {children}
          </main>
          <footer class="app-footer">
            <ul>
              <li>
                <a href="/feedback">{t('common.footerFeedback')}</a>
              </li>
              <li>
                <a href={infoPath(slugs.accessibility)}>{t('common.footerAccessibility')}</a>
              </li>
              <li>
                <a href={infoPath(slugs.privacy)}>{t('common.footerPrivacy')}</a>
              </li>
            </ul>
          </footer>
        </div>
      </div>
      <div class="app-bottom-slot">
        <UpdatePrompt />
        <RatingPrompt />
      </div>
    </div>
  );
}

