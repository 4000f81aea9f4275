import { t } from '../i18n';
import { usePageTitle } from '../hooks/usePageTitle';

/** A screen that is not built yet: its title, a short note and a way home. */
export function Placeholder({ title }: { title: string }) {
  usePageTitle(title);
  return (
    <div class="page">
      <h1>{title}</h1>
      <p>{t('common.comingSoon')}</p>
      <p>
        <a href="/">{t('common.backHome')}</a>
      </p>
    </div>
  );
}
