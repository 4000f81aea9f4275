import { useEffect } from 'preact/hooks';
import { t } from '../i18n';

/** Set the browser tab's title to "<title> – Harrastuspassi" while the page is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    const app = t('common.appName');
    document.title = title && title !== app ? `${title} – ${app}` : app;
  }, [title]);
}
