import { t } from '../i18n';
import { nearPoint, settings } from '../state/settings';
import { useQuery } from '../hooks/useQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { fetchHome, homeVariables, NEW_DAYS, publishedWithin } from '../api/home';
import { formatSessionStart } from '../format';
import { PATHS } from '../paths';
import { HobbyCard, HobbyList } from '../components/HobbyCard';
import { BenefitCard } from '../components/BenefitCard';
import { ErrorNotice } from '../components/ErrorNotice';
import { Icon } from '../components/Icon';
import { Section } from '../components/Section';

export default function HomePage() {
  const s = settings.value;
  usePageTitle(t('common.navHome'));
  const variables = homeVariables(s);
  const home = useQuery({
    key: `home:${s.language}:${JSON.stringify(variables)}`,
    cacheKey: 'home',
    fetch: (signal) => fetchHome(variables, signal),
  });
  const data = home.data;
  const failed = new Set(data?.failed ?? []);
  const fresh = data?.newest ? publishedWithin(data.newest, NEW_DAYS) : [];

  return (
    <div class="page home">
      <h1>{t('home.title')}</h1>
      <p>
        <a class="button button-primary button-wide" href={PATHS.search}>
          <Icon name="search" />
          {t('home.searchAll')}
        </a>
      </p>

      {home.fromCache && home.savedAt && home.error && (
        <p class="notice">{t('common.savedCopy', { time: formatSessionStart(home.savedAt, s.language) })}</p>
      )}
      {home.error && !data && <ErrorNotice error={home.error} onRetry={home.reload} />}
      {home.loading && !data && (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}

      {data && (
        <>
          <Section id="for-you" title={t('home.forYouTitle')}>
            {failed.has('recommendations') ? (
              <p>{t('home.sectionError')}</p>
            ) : data.recommendations?.length ? (
              <ul class="card-list">
                {data.recommendations.map((r, i) => (
                  <li key={r.hobby.id}>
                    <HobbyCard hobby={r.hobby} reason={r.reason.text} eager={i === 0} />
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('home.forYouEmpty')}</p>
            )}
          </Section>

          {(failed.has('benefits') || !!data.benefits?.length) && (
            <Section
              id="benefits"
              title={t('home.benefitsTitle')}
              action={
                <a class="section-link" href={PATHS.benefits}>
                  {t('home.benefitsAll')}
                </a>
              }
            >
              {failed.has('benefits') ? (
                <p>{t('home.sectionError')}</p>
              ) : (
                <ul class="card-list">
                  {data.benefits!.map((b) => (
                    <li key={b.id}>
                      <BenefitCard benefit={b} />
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          )}

          {data.near && (
            <Section id="near" title={t('home.nearTitle')}>
              {data.near.length ? <HobbyList hobbies={data.near} /> : <p>{t('home.nearEmpty')}</p>}
            </Section>
          )}

          {!!data.newest?.length && (
            <Section id="new" title={fresh.length ? t('home.newTitle') : t('home.newestTitle')}>
              <HobbyList hobbies={fresh.length ? fresh : data.newest} />
            </Section>
          )}

          {!nearPoint(s) && (
            <p class="hint">
              <Icon name="location" />
              <a href={PATHS.settings}>{t('home.nearAsk')}</a>
            </p>
          )}
        </>
      )}
    </div>
  );
}
