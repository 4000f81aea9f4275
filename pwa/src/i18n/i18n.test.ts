import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AREAS, LANGUAGES, hasKey, translate, type Message } from './index';

const placeholders = (message: Message): string[] => {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
};

describe('catalogues', () => {
  it('has the areas the app uses', () => {
    expect(Object.keys(AREAS)).toEqual(expect.arrayContaining(['common', 'welcome', 'home']));
  });

  for (const [name, area] of Object.entries(AREAS)) {
    describe(name, () => {
      it('has the same keys in fi, sv and en', () => {
        const fi = Object.keys(area.fi).sort();
        for (const lang of LANGUAGES) expect(Object.keys(area[lang] ?? {}).sort(), `${name}.${lang}`).toEqual(fi);
      });

      it('has no empty message', () => {
        for (const lang of LANGUAGES) {
          for (const [key, message] of Object.entries(area[lang])) {
            const texts = typeof message === 'string' ? [message] : Object.values(message);
            for (const text of texts) expect(text?.trim(), `${name}.${key} (${lang})`).toBeTruthy();
            if (typeof message !== 'string') expect(message.other, `${name}.${key} (${lang}) other`).toBeTruthy();
          }
        }
      });

      it('uses the same placeholders in every language', () => {
        for (const [key, message] of Object.entries(area.fi)) {
          for (const lang of LANGUAGES) {
            expect(placeholders(area[lang][key]), `${name}.${key} (${lang})`).toEqual(placeholders(message));
          }
        }
      });
    });
  }
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('fi', 'welcome.stepOf', { step: 2, total: 4 })).toBe('Vaihe 2/4');
    expect(translate('sv', 'welcome.stepOf', { step: 2, total: 4 })).toBe('Steg 2 av 4');
    expect(translate('en', 'welcome.stepOf', { step: 2, total: 4 })).toBe('Step 2 of 4');
  });

  it('chooses the plural form', () => {
    expect(translate('fi', 'common.hobbyCount', { count: 1 })).toBe('1 harrastus');
    expect(translate('fi', 'common.hobbyCount', { count: 3 })).toBe('3 harrastusta');
    expect(translate('sv', 'common.hobbyCount', { count: 1 })).toBe('1 hobby');
    expect(translate('en', 'common.hobbyCount', { count: 0 })).toBe('0 hobbies');
  });

  it('formats numbers in the language', () => {
    expect(translate('fi', 'common.hobbyCount', { count: 1500 })).toBe('1\u00a0500 harrastusta');
    expect(translate('en', 'common.hobbyCount', { count: 1500 })).toBe('1,500 hobbies');
  });

  it('shows the key of a missing message instead of failing', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(translate('en', 'common.noSuchThing')).toBe('common.noSuchThing');
  });
});

/** Every `t('area.key'…)` and `translate(lang, 'area.key'…)` in the source names a message. */
describe('keys used in the source', () => {
  const root = join(__dirname, '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(path);
    }
  };
  walk(root);

  it('exist', () => {
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const pattern = /\b(?:t|translate)\(\s*(?:[\w.]+\s*,\s*)?'([a-zA-Z]+\.[a-zA-Z0-9_]+)'/g;
      for (const match of source.matchAll(pattern)) if (!hasKey(match[1])) missing.push(`${match[1]} in ${file}`);
      // keys held in data: label: 'common.navHome'
      for (const match of source.matchAll(/label: '([a-z]+\.[a-zA-Z0-9_]+)'/g)) {
        if (!hasKey(match[1])) missing.push(`${match[1]} in ${file}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
