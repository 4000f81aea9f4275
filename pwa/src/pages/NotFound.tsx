import { t } from '../i18n';
import { usePageTitle } from '../hooks/usePageTitle';

export default function NotFoundPage() {
  usePageTitle(t('common.notFoundTitle'));
  return (
    <div class="page">
      <h1>{t('common.notFoundTitle')}</h1>
      <p>{t('common.notFoundText')}</p>
      <p>
        <a href="/">{t('common.backHome')}</a>
      </p>
    </div>
  );
}
