/**
 * Saving a setting: at once on the device, and to the device profile on the server shortly after, so that
 * tapping several interest chips in a row sends one update (mutations are rate limited).
 */
import { syncDevice } from '../../api/device';
import { updateSettings, type Settings } from '../../state/settings';

export const SYNC_DELAY_MS = 800;
let timer: ReturnType<typeof setTimeout> | null = null;

/** Save `patch` now and send the profile after `delay` ms without further changes. */
export function saveSetting(patch: Partial<Settings>, delay = SYNC_DELAY_MS): void {
  updateSettings(patch);
  if (timer) clearTimeout(timer);
  timer = setTimeout(flushSync, delay);
}

/** Send a waiting update now (when leaving the screen). */
export function flushSync(): void {
  if (!timer) return;
  clearTimeout(timer);
  timer = null;
  void syncDevice();
}

/** Drop a waiting update (before "delete my data"); true when there was one. */
export function cancelSync(): boolean {
  const waiting = timer !== null;
  if (timer) clearTimeout(timer);
  timer = null;
  return waiting;
}
