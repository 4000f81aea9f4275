/**
 * Settings (/settings): language (the interface changes at once), age group, interests, location,
 * personalisation, notifications (opt-in push), "show my data" / "delete my data", and links to the info pages
 * and feedback. Every change is saved on the device at once and sent to the device profile shortly after.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { settings } from '../state/settings';
import { useQuery } from '../hooks/useQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { ApiError } from '../api/client';
import { fetchMyData, type MyData } from '../api/account';
import { fetchPages, STATEMENT_SLUGS, type PageLink } from '../api/pages';
import { infoPath, PATHS } from '../paths';
import { Section } from '../components/Section';
import { ErrorNotice } from '../components/ErrorNotice';
import { Switch } from '../components/settings/Switch';
import { AgePicker, InterestPicker, LanguagePicker } from '../components/Pickers';
import { LocationSetting } from '../components/settings/LocationSetting';
import { MyDataView } from '../components/settings/MyDataView';
import { DeleteData } from '../components/settings/DeleteData';
import { NotificationSettings } from '../components/notifications/NotificationSettings';
import { flushSync, saveSetting } from '../components/settings/sync';
import '../components/settings/settings.css';

type DataState =
  | { kind: 'hidden' }
  | { kind: 'loading' }
  | { kind: 'shown'; data: MyData | null }
  | { kind: 'error'; error: ApiError };

function YourData() {
  const [state, setState] = useState<DataState>({ kind: 'hidden' });
  const regionRef = useRef<HTMLDivElement>(null);
  const load = async () => {
    setState({ kind: 'loading' });
    try {
      const data = await fetchMyData();
      setState({ kind: 'shown', data });
      requestAnimationFrame(() => regionRef.current?.querySelector<HTMLElement>('h3')?.focus());
    } catch (error) {
      setState({ kind: 'error', error: error instanceof ApiError ? error : new ApiError('INTERNAL', String(error)) });
    }
  };
  const shown = state.kind === 'shown';
  return (
    <>
      <p>{t('settings.dataHelp')}</p>
      <p>
        <button
          type="button"
          class="button"
          aria-expanded={shown ? 'true' : 'false'}
          aria-controls="my-data-region"
          aria-disabled={state.kind === 'loading' ? 'true' : undefined}
          onClick={() => {
            if (state.kind === 'loading') return;
            if (shown) setState({ kind: 'hidden' });
            else void load();
          }}
        >
          {shown ? t('settings.hideData') : t('settings.showData')}
        </button>
      </p>
      <div id="my-data-region" ref={regionRef}>
        {state.kind === 'loading' && (
          <p class="loading" role="status">
            {t('common.loading')}
          </p>
        )}
        {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={load} />}
        {shown && <MyDataView data={state.data} />}
      </div>
    </>
  );
}

function MoreLinks() {
  const lang = settings.value.language;
  const pages = useQuery<PageLink[]>({
    key: `pages:${lang}`,
    cacheKey: `pages:${lang}`,
    fetch: (signal) => fetchPages(lang, signal),
  });
  const slugs = STATEMENT_SLUGS[lang];
  // the statements are always listed (also before the list has loaded, and offline)
  const links: { href: string; title: string; lang?: string }[] = pages.data?.length
    ? pages.data.map((p) => ({ href: infoPath(p.slug), title: p.title, lang: p.language !== lang ? p.language : undefined }))
    : [
        { href: infoPath(slugs.accessibility), title: t('settings.accessibilityLink') },
        { href: infoPath(slugs.privacy), title: t('settings.privacyLink') },
      ];
  return (
    <ul class="link-list">
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href} lang={link.lang}>
            {link.title}
          </a>
        </li>
      ))}
      <li>
        <a href={PATHS.feedback}>{t('settings.feedbackLink')}</a>
      </li>
    </ul>
  );
}

export default function SettingsPage() {
  const s = settings.value;
  usePageTitle(t('settings.title'));
  // a change waiting to be sent goes when the person leaves the screen
  useLayoutEffect(() => flushSync, []);

  return (
    <div class="page settings">
      <h1>{t('settings.title')}</h1>
      <p class="lead">{t('settings.intro')}</p>

      <Section id="language" title={t('settings.languageTitle')}>
        <LanguagePicker save={saveSetting} labelledBy="language-title" />
      </Section>

      <Section id="age" title={t('settings.ageTitle')}>
        <p id="age-help">{t('settings.ageHelp')}</p>
        <AgePicker save={saveSetting} labelledBy="age-title" describedBy="age-help" none={t('settings.ageNone')} />
      </Section>

      <Section id="interests" title={t('settings.interestsTitle')}>
        <p id="interests-help">{t('settings.interestsHelp')}</p>
        <InterestPicker save={saveSetting} words="settings" labelledBy="interests-title" describedBy="interests-help" />
      </Section>

      <Section id="location" title={t('settings.locationTitle')}>
        <p id="location-help">{t('settings.locationHelp')}</p>
        <LocationSetting describedBy="location-help" />
      </Section>

      <Section id="personal" title={t('settings.personalTitle')}>
        <Switch
          id="personalisation"
          label={t('settings.personalLabel')}
          help={t('settings.personalHelp')}
          checked={s.personalisation}
          onChange={(on) => saveSetting({ personalisation: on }, 0)}
        />
        <Switch
          id="analytics"
          label={t('settings.analyticsLabel')}
          help={t('settings.analyticsHelp')}
          checked={s.analytics}
          onChange={(on) => saveSetting({ analytics: on }, 0)}
        />
      </Section>

      <Section id="notifications" title={t('settings.notificationsTitle')}>
        <NotificationSettings />
      </Section>

      <Section id="data" title={t('settings.dataTitle')}>
        <YourData />
        <DeleteData />
      </Section>

      <Section id="more" title={t('settings.moreTitle')}>
        <MoreLinks />
      </Section>
    </div>
  );
}
