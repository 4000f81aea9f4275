/**
 * The one-question experience rating ("How did it go?"): when it may be shown.
 *
 * After a completed action (a benefit used, a sign-up link opened) the app offers it with `offerRating()`;
 * `components/rating/RatingPrompt.tsx` shows it while `ratingPrompt` is set. It is shown at most once per
 * RATING_INTERVAL_MS on this device (shown counts, also when it is dismissed), not within that time of
 * feedback sent from the feedback screen, and not while offline. Only two times are kept on the device.
 */
import { signal } from '@preact/signals';
import { online } from './online';
import { readRaw, removeKey, writeRaw } from './storage';

/** About a month. */
export const RATING_INTERVAL_MS = 30 * 24 * 60 * 60 * 1000;

const SHOWN_KEY = 'rating:shownAt';
const FEEDBACK_KEY = 'feedback:sentAt';

export type RatingTrigger = 'redemption' | 'join';

export interface RatingRequest {
  trigger: RatingTrigger;
  /** The hobby it was about, when known (sent with the rating). */
  hobbyId: string | null;
}

/** The prompt to show now, or null. */
export const ratingPrompt = signal<RatingRequest | null>(null);

function readTime(key: string): number | null {
  const value = Number(readRaw(key));
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** Within the interval of `key`'s time (either way: a clock set back must not bring the prompt back early). */
function recent(key: string, now: number): boolean {
  const at = readTime(key);
  return at !== null && Math.abs(now - at) < RATING_INTERVAL_MS;
}

/** May the rating be shown now? */
export function mayAskRating(now: number = Date.now()): boolean {
  return online.value && !ratingPrompt.value && !recent(SHOWN_KEY, now) && !recent(FEEDBACK_KEY, now);
}

/** After a completed action: show the rating when the rules allow (true when it is shown). Never throws. */
export function offerRating(trigger: RatingTrigger, hobbyId: string | null = null, now: number = Date.now()): boolean {
  if (!mayAskRating(now)) return false;
  writeRaw(SHOWN_KEY, String(now));
  ratingPrompt.value = { trigger, hobbyId };
  return true;
}

/** The person answered, chose "Not now", or closed the thanks. */
export function closeRating(): void {
  ratingPrompt.value = null;
}

/** Feedback was sent from the feedback screen: no rating question for a while. */
export function noteFeedbackSent(now: number = Date.now()): void {
  writeRaw(FEEDBACK_KEY, String(now));
}

/** Forget both times ("delete my data"). */
export function forgetRating(): void {
  removeKey(SHOWN_KEY);
  removeKey(FEEDBACK_KEY);
  ratingPrompt.value = null;
}
