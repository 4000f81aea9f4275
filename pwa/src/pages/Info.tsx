/**
 * A CMS page in the app (/info/:slug): about, school intro, accessibility statement, privacy notice. The page
 * comes from `page(slug, lang)` in the interface language (or its fallback, which is said and marked with
 * `lang`), and is kept for offline reading.
 */
import { t } from '../i18n';
import { settings } from '../state/settings';
import { useQuery } from '../hooks/useQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { fetchPage } from '../api/pages';
import { formatFullDate, formatSessionStart } from '../format';
import { PATHS } from '../paths';
import { ErrorNotice } from '../components/ErrorNotice';
import './Info.css';

export default function InfoPage({ params }: { params?: { slug?: string } }) {
  const s = settings.value;
  const slug = params?.slug ?? '';
  const page = useQuery({
    key: slug ? `page:${slug}:${s.language}` : null,
    cacheKey: slug ? `page:${slug}:${s.language}` : undefined,
    fetch: (signal) => fetchPage(slug, s.language, signal),
  });
  const data = page.data;
  const notFound = !slug || data === null || (page.error?.code === 'NOT_FOUND' && !data);
  const title = data ? data.title : notFound && !page.loading ? t('info.notFoundTitle') : t('info.title');
  usePageTitle(title);
  const otherLanguage = data && data.language !== s.language ? data.language : undefined;

  return (
    <div class="page info-page">
      {/* the heading stays the same element while the page loads, so focus set on navigation stays on it */}
      <h1 lang={otherLanguage}>{title}</h1>

      {page.fromCache && page.savedAt && page.error && (
        <p class="notice">{t('common.savedCopy', { time: formatSessionStart(page.savedAt, s.language) })}</p>
      )}
      {page.loading && data === undefined && (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {page.error && data === undefined && !notFound && <ErrorNotice error={page.error} onRetry={page.reload} />}

      {notFound && !page.loading && (
        <>
          <p>{t('info.notFoundText')}</p>
          <p>
            <a href={PATHS.home}>{t('common.backHome')}</a>
          </p>
        </>
      )}

      {data && (
        <>
          {data.isFallback && <p class="notice">{t('info.fallback')}</p>}
          {/*
            bodyHtml is the only HTML the app inserts: the server renders it from the page's CMS blocks with
            Django templates (every value escaped; rich text limited to Wagtail's allowed tags). Nothing a
            person types in the app, and no other API field, is ever rendered as HTML.
          */}
          <div class="cms-content" lang={data.language} dangerouslySetInnerHTML={{ __html: data.bodyHtml }} />
          {data.lastPublishedAt && (
            <p class="info-updated">{t('info.updated', { date: formatFullDate(data.lastPublishedAt, s.language) })}</p>
          )}
          <p>
            <a href={PATHS.feedback}>{t('info.feedbackLink')}</a>
          </p>
        </>
      )}
    </div>
  );
}
