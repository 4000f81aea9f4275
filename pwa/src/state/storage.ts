/**
 * localStorage with a prefix, JSON, and no exceptions: private browsing, a full quota or a blocked storage
 * fall back to memory for this visit. Everything the app keeps on the device goes through here (`hp:` keys).
 */
const PREFIX = 'hp:';
const memory = new Map<string, string>();

function store(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // a browser that blocks storage throws on the property access itself
  }
}

export function readRaw(key: string): string | null {
  const s = store();
  try {
    const value = s ? s.getItem(PREFIX + key) : null;
    return value ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

/** Store a string; false when the device refused (quota). The value is then kept in memory only. */
export function writeRaw(key: string, value: string): boolean {
  const s = store();
  try {
    if (s) {
      s.setItem(PREFIX + key, value);
      memory.delete(key);
      return true;
    }
  } catch {
    memory.set(key, value);
    return false;
  }
  memory.set(key, value);
  return true;
}

export function readJSON<T>(key: string, fallback: T): T {
  const raw = readRaw(key);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function writeJSON(key: string, value: unknown): boolean {
  return writeRaw(key, JSON.stringify(value));
}

export function removeKey(key: string): void {
  memory.delete(key);
  try {
    store()?.removeItem(PREFIX + key);
  } catch {
    /* nothing to remove */
  }
}

/** The keys (without the prefix) that start with `prefix`. */
export function keysStartingWith(prefix: string): string[] {
  const found = new Set<string>();
  const s = store();
  try {
    if (s) {
      for (let i = 0; i < s.length; i++) {
        const key = s.key(i);
        if (key?.startsWith(PREFIX + prefix)) found.add(key.slice(PREFIX.length));
      }
    }
  } catch {
    /* storage blocked: memory only */
  }
  for (const key of memory.keys()) if (key.startsWith(prefix)) found.add(key);
  return [...found];
}
