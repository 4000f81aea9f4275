import { afterEach, describe, expect, it, vi } from 'vitest';
import { cache, MAX_ENTRIES } from './cache';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A Storage that refuses writes past `quota` characters, like a full phone. */
class SmallStorage implements Storage {
  private items = new Map<string, string>();
  constructor(private quota: number) {}
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

describe('cache', () => {
  it('keeps a value with the time it was saved', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-11-24T10:00:00Z'));
    cache.put('home', { hobbies: [1, 2] });
    expect(cache.get('home')).toEqual({ hobbies: [1, 2] });
    expect(cache.entry('home')).toEqual({
      value: { hobbies: [1, 2] },
      savedAt: new Date('2025-11-24T10:00:00Z'),
      keep: false,
    });
    expect(localStorage.getItem('hp:cache:home')).toContain('"hobbies"');
  });

  it('gives undefined for what it does not have, and for garbage', () => {
    expect(cache.get('nothing')).toBeUndefined();
    localStorage.setItem('hp:cache:broken', '{not json');
    expect(cache.get('broken')).toBeUndefined();
  });

  it('replaces, removes, lists and clears', () => {
    cache.put('search:futis', [1]);
    cache.put('search:futis', [2]);
    cache.put('favourites', ['7']);
    expect(cache.get('search:futis')).toEqual([2]);
    expect(cache.keys().sort()).toEqual(['favourites', 'search:futis']);
    expect(cache.keys('search:')).toEqual(['search:futis']);
    cache.remove('favourites');
    expect(cache.get('favourites')).toBeUndefined();
    cache.clear();
    expect(cache.keys()).toEqual([]);
  });

  it('holds at most MAX_ENTRIES evictable entries, dropping the oldest, but never a kept one', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000);
    cache.put('redemptions', [{ code: 'ABC123' }], { keep: true });
    for (let i = 0; i < MAX_ENTRIES + 5; i++) {
      vi.setSystemTime(2_000 + i);
      cache.put(`search:${i}`, i);
    }
    expect(cache.keys('search:')).toHaveLength(MAX_ENTRIES);
    expect(cache.get('search:0')).toBeUndefined();
    expect(cache.get(`search:${MAX_ENTRIES + 4}`)).toBe(MAX_ENTRIES + 4);
    expect(cache.get('redemptions')).toEqual([{ code: 'ABC123' }]);
    expect(cache.entry('redemptions')?.keep).toBe(true);
  });

  it('makes room when the storage is full', () => {
    vi.stubGlobal('localStorage', new SmallStorage(400));
    vi.useFakeTimers();
    vi.setSystemTime(1_000);
    cache.put('old', 'x'.repeat(150));
    vi.setSystemTime(2_000);
    cache.put('redemptions', ['CODE'], { keep: true });
    vi.setSystemTime(3_000);
    cache.put('new', 'y'.repeat(150));
    expect(cache.get('new')).toBe('y'.repeat(150));
    expect(cache.get('old')).toBeUndefined();
    expect(cache.get('redemptions')).toEqual(['CODE']);
  });
});
