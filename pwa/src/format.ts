/**
 * Dates, times, prices, distances and ages as a person reads them, in fi, sv or en.
 *
 * Every function takes the language explicitly (components pass `language.value`), so they are pure and
 * tested in each language (format.test.ts). Times are shown in Finnish time (Europe/Helsinki): that is where
 * the hobbies happen, whatever the device's clock says.
 */
import { translate, type Language } from './i18n';
import type { Price, Weekday } from './api/types';

export const TIME_ZONE = 'Europe/Helsinki';

/** The locale Intl uses for each interface language (Finland's Swedish, British English dates). */
const LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

function dateFormat(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`d:${lang}:${JSON.stringify(options)}`, () => {
    return new Intl.DateTimeFormat(LOCALE[lang], { timeZone: TIME_ZONE, ...options });
  });
}

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** "ti 24.11." · "tis 24.11" · "Tue 24 Nov" */
export function formatDate(value: string | Date, lang: Language): string {
  const options: Intl.DateTimeFormatOptions =
    lang === 'en'
      ? { weekday: 'short', day: 'numeric', month: 'short' }
      : { weekday: 'short', day: 'numeric', month: 'numeric' };
  return dateFormat(lang, options).format(toDate(value));
}

/** "24.11.2025" · "24.11.2025" · "24 Nov 2025" (a date without the weekday, with the year) */
export function formatFullDate(value: string | Date, lang: Language): string {
  const options: Intl.DateTimeFormatOptions =
    lang === 'en'
      ? { day: 'numeric', month: 'short', year: 'numeric' }
      : { day: 'numeric', month: 'numeric', year: 'numeric' };
  return dateFormat(lang, options).format(toDate(value));
}

/** "17.00" · "17.00" · "17:00" */
export function formatTime(value: string | Date, lang: Language): string {
  return dateFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(toDate(value));
}

/** The calendar day (in Finnish time) as a day number, for counting days between two moments. */
function dayNumber(date: Date): number {
  const parts = dateFormat('en', { year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / 86_400_000;
}

/** Whole calendar days from `now` to `value` in Finnish time: 0 today, 1 tomorrow, -1 yesterday. */
export function daysFrom(value: string | Date, now: Date = new Date()): number {
  return dayNumber(toDate(value)) - dayNumber(now);
}

/** "tänään" · "huomenna" · "3 päivän päästä"; "idag" · "i morgon"; "today" · "tomorrow" · "in 3 days" */
export function formatRelativeDay(value: string | Date, lang: Language, now: Date = new Date()): string {
  const rtf = cached(`r:${lang}`, () => new Intl.RelativeTimeFormat(LOCALE[lang], { numeric: 'auto' }));
  return rtf.format(daysFrom(value, now), 'day');
}

/** When a session starts: "tänään klo 17.00", "huomenna klo 9.30", else "ti 24.11. klo 17.00".
 * English: "today, 17:00", "Tue 24 Nov, 17:00". */
export function formatSessionStart(value: string | Date, lang: Language, now: Date = new Date()): string {
  const days = daysFrom(value, now);
  const date = days === 0 || days === 1 ? formatRelativeDay(value, lang, now) : formatDate(value, lang);
  return translate(lang, 'common.atTime', { date, time: formatTime(value, lang) });
}

const WEEKDAY_INDEX: Record<Weekday, number> = { MON: 0, TUE: 1, WED: 2, THU: 3, FRI: 4, SAT: 5, SUN: 6 };

/** The API's weekday as a word: "maanantai" / "måndag" / "Monday" (or "ma" / "mån" / "Mon"). */
export function weekdayName(day: Weekday, lang: Language, style: 'long' | 'short' = 'long'): string {
  // 1 Jan 2024 was a Monday; noon UTC is the same day in Helsinki
  const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAY_INDEX[day], 12));
  return dateFormat(lang, { weekday: style }).format(date);
}

/** "30 €" · "12,50 €" · "€30" */
export function formatEuros(amount: number, lang: Language): string {
  const whole = Number.isInteger(amount);
  return cached(`e:${lang}:${whole}`, () => {
    return new Intl.NumberFormat(LOCALE[lang], {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    });
  }).format(amount);
}

const UNIT_KEYS: Record<string, string> = {
  once: 'common.unitOnce',
  month: 'common.unitMonth',
  term: 'common.unitTerm',
  year: 'common.unitYear',
  course: 'common.unitCourse',
};

/** "Ilmainen" · "30 € / lukukausi" · "€30 / term" · "Maksullinen" (paid, no amount given) */
export function formatPrice(price: Pick<Price, 'kind' | 'amount' | 'unit'>, lang: Language): string {
  if (price.kind === 'FREE' || price.amount === 0) return translate(lang, 'common.free');
  if (price.amount === null || price.amount === undefined) return translate(lang, 'common.paid');
  const amount = formatEuros(price.amount, lang);
  const unitKey = price.unit ? UNIT_KEYS[price.unit] : undefined;
  if (!unitKey) return amount;
  return translate(lang, 'common.priceWithUnit', { amount, unit: translate(lang, unitKey) });
}

/** "800 m" · "2,4 km" (fi, sv) · "2.4 km" (en) · "12 km". A non-breaking space keeps number and unit together. */
export function formatDistance(km: number, lang: Language): string {
  if (km < 1) {
    const metres = Math.max(50, Math.round((km * 1000) / 50) * 50);
    return metres >= 1000 ? formatDistance(1, lang) : `${metres}\u00a0m`;
  }
  const digits = km < 10 ? 1 : 0;
  const number = cached(`n:${lang}:${digits}`, () => {
    return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  }).format(km);
  return `${number}\u00a0km`;
}

/** The lowest and highest age the API stores (0 and 99 mean no limit). */
const AGE_FLOOR = 0;
const AGE_CEILING = 99;

/** "13–17-vuotiaille" · "För 13–17 år" · "Ages 13–17"; one-sided and open ranges read naturally. */
export function formatAgeRange(min: number, max: number, lang: Language): string {
  const noMin = min <= AGE_FLOOR;
  const noMax = max >= AGE_CEILING;
  if (noMin && noMax) return translate(lang, 'common.ageAll');
  if (noMin) return translate(lang, 'common.ageUpTo', { max: String(max) });
  if (noMax) return translate(lang, 'common.ageFrom', { min: String(min) });
  return translate(lang, 'common.ageRange', { min: String(min), max: String(max) });
}
