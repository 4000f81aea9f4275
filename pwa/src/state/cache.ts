/**
 * The offline cache: the last answers worth showing without a network (home, search results, favourites,
 * redeemed codes). Values are JSON kept in localStorage under `hp:cache:<key>`.
 *
 *   cache.put('home', data)                          keep the latest home answer
 *   cache.get<HomeData>('home')                      the value, or undefined
 *   cache.entry<HomeData>('home')?.savedAt           when it was saved
 *   cache.put('redemptions', codes, { keep: true })  never evicted to make room
 *
 * Keys in use: `home`, `search:<query>`, `favourites`, `redemptions`. At most MAX_ENTRIES entries that are not
 * `keep` are held; the oldest go first, and also when the device's storage is full.
 */
import { keysStartingWith, readJSON, removeKey, writeJSON } from './storage';

const PREFIX = 'cache:';
export const MAX_ENTRIES = 30;

interface Stored<T> {
  /** the value */
  v: T;
  /** saved at, ms since the epoch */
  t: number;
  /** keep: not evicted */
  k?: 1;
}

export interface CacheEntry<T> {
  value: T;
  savedAt: Date;
  keep: boolean;
}

export interface PutOptions {
  /** Never evict this entry to make room (redeemed codes). */
  keep?: boolean;
}

function read<T>(key: string): Stored<T> | undefined {
  const stored = readJSON<Stored<T> | null>(PREFIX + key, null);
  return stored && typeof stored === 'object' && 't' in stored ? stored : undefined;
}

/** Evictable entries, oldest first. */
function evictable(except: string): string[] {
  return keysStartingWith(PREFIX)
    .map((full) => full.slice(PREFIX.length))
    .filter((key) => key !== except)
    .map((key) => ({ key, stored: read<unknown>(key) }))
    .filter(({ stored }) => !stored?.k)
    .sort((a, b) => (a.stored?.t ?? 0) - (b.stored?.t ?? 0))
    .map(({ key }) => key);
}

export const cache = {
  put<T>(key: string, value: T, options: PutOptions = {}): void {
    const stored: Stored<T> = { v: value, t: Date.now(), ...(options.keep ? { k: 1 as const } : {}) };
    const old = evictable(key);
    // keep room: at most MAX_ENTRIES evictable entries, this one included
    const excess = old.length + (options.keep ? 0 : 1) - MAX_ENTRIES;
    for (const victim of old.slice(0, Math.max(0, excess))) removeKey(PREFIX + victim);
    const rest = old.slice(Math.max(0, excess));
    // storage full: drop the oldest until it fits (a failed write is still kept in memory for this visit)
    while (!writeJSON(PREFIX + key, stored) && rest.length) removeKey(PREFIX + rest.shift()!);
  },

  get<T>(key: string): T | undefined {
    return read<T>(key)?.v;
  },

  entry<T>(key: string): CacheEntry<T> | undefined {
    const stored = read<T>(key);
    return stored ? { value: stored.v, savedAt: new Date(stored.t), keep: !!stored.k } : undefined;
  },

  remove(key: string): void {
    removeKey(PREFIX + key);
  },

  /** Every key, or those starting with `prefix`. */
  keys(prefix = ''): string[] {
    return keysStartingWith(PREFIX + prefix).map((full) => full.slice(PREFIX.length));
  },

  /** Forget everything (used by "delete my data"). */
  clear(): void {
    for (const key of this.keys()) this.remove(key);
  },
};
