/**
 * Interface strings in Finnish, Swedish and English.
 *
 * Every other `.ts` file in this folder is one *area* (`common.ts`, `home.ts`, …) whose default export is
 * `{ fi: {...}, sv: {...}, en: {...} }` with the same keys in each language. They are merged here by file name,
 * so `home.ts`'s key `title` is `t('home.title')`. Add an area by adding a file; nothing else to register.
 * A message is a string with `{name}` placeholders, or a plural object (`{ one: '…', other: '…' }`, chosen by
 * `params.count` with Intl.PluralRules). `src/i18n/i18n.test.ts` checks that every key exists in every language.
 */
import { effect } from '@preact/signals';
import { language } from '../state/settings';

export type Language = 'fi' | 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];

export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | Plural;
export type Messages = Record<string, Message>;
/** What an area file exports. */
export type Area = Record<Language, Messages>;
export type Params = Record<string, string | number>;

const modules = import.meta.glob<Area>(['./*.ts', '!./index.ts', '!./*.test.ts'], {
  eager: true,
  import: 'default',
});

/** The areas by name (file name without `.ts`), for the completeness test. */
export const AREAS: Record<string, Area> = Object.fromEntries(
  Object.entries(modules).map(([path, area]) => [path.replace(/^\.\/(.*)\.ts$/, '$1'), area]),
);

const CATALOGUES: Record<Language, Messages> = { fi: {}, sv: {}, en: {} };
for (const [name, area] of Object.entries(AREAS)) {
  for (const lang of LANGUAGES) {
    for (const [key, message] of Object.entries(area[lang] ?? {})) CATALOGUES[lang][`${name}.${key}`] = message;
  }
}

const pluralRules = new Map<Language, Intl.PluralRules>();
function pluralForm(lang: Language, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(count);
}

/** True when `key` names a message (in Finnish, the fallback language). */
export function hasKey(key: string): boolean {
  return key in CATALOGUES.fi;
}

/** The message `key` in `lang`, with `{name}` placeholders filled from `params`. Falls back to Finnish, then
 * to the key itself (so a missing string shows up on screen instead of crashing). */
export function translate(lang: Language, key: string, params?: Params): string {
  let message = CATALOGUES[lang][key] ?? CATALOGUES.fi[key];
  if (message === undefined) {
    if (import.meta.env.DEV) console.warn(`i18n: no message "${key}"`);
    return key;
  }
  if (typeof message !== 'string') {
    const count = Number(params?.count ?? 0);
    message = message[pluralForm(lang, count)] ?? message.other;
  }
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : value;
  });
}

/** The message `key` in the current interface language. Reading it in a component's render re-renders the
 * component when the language changes (the language is a signal). */
export function t(key: string, params?: Params): string {
  return translate(language.value, key, params);
}

/** Keep `<html lang>` equal to the interface language. Returns the stop function. */
export function startLanguageSync(): () => void {
  return effect(() => {
    document.documentElement.lang = language.value;
  });
}
