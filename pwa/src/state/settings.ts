/**
 * What the person chose (language, age group, interests, place, personalisation), kept on the device and
 * mirrored to the anonymous device profile on the server by `api/device.ts`.
 *
 *   settings.value.language        read (components re-render when it changes)
 *   updateSettings({ ageGroup })   change and save
 */
import { computed, signal } from '@preact/signals';
import type { Language } from '../i18n';
import { readJSON, removeKey, writeJSON } from './storage';

/** The API's AgeGroup enum. */
export type AgeGroup = 'UNDER_13' | 'AGE_13_15' | 'AGE_16_17' | 'OVER_17';
export const AGE_GROUPS: readonly AgeGroup[] = ['UNDER_13', 'AGE_13_15', 'AGE_16_17', 'OVER_17'];

/** Where to look for hobbies: a point from the device's location (rounded to about 100 m), or a postal code /
 * district the person typed. Only a point gives "near you" results. */
export type Place = { kind: 'point'; lat: number; lon: number } | { kind: 'area'; area: string };

export interface Settings {
  language: Language;
  ageGroup: AgeGroup | null;
  /** Category ids. */
  interests: string[];
  place: Place | null;
  /** Suggestions may use what this device did (favourites, views). */
  personalisation: boolean;
  /** What this device does may be counted in anonymous usage statistics (never shown about fewer than 5 devices). */
  analytics: boolean;
  /** The first-run questions have been answered or skipped. */
  onboarded: boolean;
}

const KEY = 'settings';

/** sv → sv, en → en, anything else → fi, from the browser's preferred languages. */
export function detectLanguage(preferred: readonly string[] = browserLanguages()): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fi' || base === 'sv' || base === 'en') return base;
  }
  return 'fi';
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export function defaultSettings(): Settings {
  return {
    language: detectLanguage(),
    ageGroup: null,
    interests: [],
    place: null,
    personalisation: true,
    analytics: true,
    onboarded: false,
  };
}

function load(): Settings {
  const saved = readJSON<Partial<Settings>>(KEY, {});
  return { ...defaultSettings(), ...saved };
}

export const settings = signal<Settings>(load());

/** The interface language. */
export const language = computed(() => settings.value.language);

export function updateSettings(patch: Partial<Settings>): void {
  settings.value = { ...settings.value, ...patch };
  writeJSON(KEY, settings.value);
}

/** Back to a first visit (used by "delete my data"). */
export function resetSettings(): void {
  removeKey(KEY);
  settings.value = defaultSettings();
}

/** Reload from storage (tests, and another tab's change). */
export function reloadSettings(): void {
  settings.value = load();
}

/** One age that stands for the group, for API arguments that take an age. */
export function ageForGroup(group: AgeGroup | null): number | undefined {
  switch (group) {
    case 'UNDER_13':
      return 12;
    case 'AGE_13_15':
      return 14;
    case 'AGE_16_17':
      return 16;
    case 'OVER_17':
      return 18;
    default:
      return undefined;
  }
}

/** Round a coordinate to three decimals (about 100 m): enough for "near you", not an address. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The point to search near, when the person gave their location. */
export function nearPoint(s: Settings = settings.value): { lat: number; lon: number } | null {
  return s.place?.kind === 'point' ? { lat: s.place.lat, lon: s.place.lon } : null;
}

/** A home area the server accepts: a five-digit postal code, or a place name without digits (never a street
 * address). Mirrors the check of `updateDevice`'s `homeArea`. */
export function isValidArea(text: string): boolean {
  const area = text.trim();
  if (!area || area.length > 100) return false;
  return /\d/.test(area) ? /^\d{5}$/.test(area) : /\p{L}/u.test(area);
}
