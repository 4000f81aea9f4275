/** The CMS pages (about, school intro, accessibility statement, privacy notice) the app shows at /info/:slug. */
import { gql } from './client';
import type { ApiLanguage } from './types';
import type { Language } from '../i18n';

export type PageKind = 'SCHOOL_INTRO' | 'INFO' | 'ACCESSIBILITY_STATEMENT' | 'PRIVACY_NOTICE';

export interface PublicPage {
  id: string;
  type: PageKind;
  title: string;
  slug: string;
  /** The language of this version of the page (fi, sv, en). */
  language: string;
  /** Not in the asked language: none was written in it. */
  isFallback: boolean;
  /** HTML the server renders from the page's blocks (Django templates, escaped; rich text filtered). */
  bodyHtml: string;
  lastPublishedAt: string | null;
}

export interface PageLink {
  type: PageKind;
  title: string;
  slug: string;
  language: string;
}

export const PAGE_QUERY = /* GraphQL */ `
  query Page($slug: String!, $lang: Language) {
    page(slug: $slug, lang: $lang) { id type title slug language isFallback bodyHtml lastPublishedAt }
  }
`;

export const PAGES_QUERY = /* GraphQL */ `
  query Pages($lang: Language) {
    pages(lang: $lang) { type title slug language }
  }
`;

export const apiLanguage = (lang: Language): ApiLanguage => lang.toUpperCase() as ApiLanguage;

/** The page with this slug in `lang` (or its fallback); null when there is no such page. */
export async function fetchPage(slug: string, lang: Language, signal?: AbortSignal): Promise<PublicPage | null> {
  const data = await gql<{ page: PublicPage | null }>(PAGE_QUERY, { slug, lang: apiLanguage(lang) }, { signal });
  return data.page;
}

/** One version of every page, in `lang` when it exists. */
export async function fetchPages(lang: Language, signal?: AbortSignal): Promise<PageLink[]> {
  const data = await gql<{ pages: PageLink[] }>(PAGES_QUERY, { lang: apiLanguage(lang) }, { signal });
  return data.pages;
}

/** The slugs of the statements in each language (the demo content's; any language's slug finds the page). */
export const STATEMENT_SLUGS: Record<Language, { accessibility: string; privacy: string }> = {
  fi: { accessibility: 'saavutettavuusseloste', privacy: 'tietosuojaseloste' },
  sv: { accessibility: 'tillganglighetsutlatande', privacy: 'dataskyddsbeskrivning' },
  en: { accessibility: 'accessibility-statement', privacy: 'privacy-notice' },
};
