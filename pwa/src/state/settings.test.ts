import { describe, expect, it } from 'vitest';
import {
  ageForGroup,
  detectLanguage,
  isValidArea,
  language,
  nearPoint,
  reloadSettings,
  resetSettings,
  roundCoordinate,
  settings,
  updateSettings,
} from './settings';

describe('detectLanguage', () => {
  it('picks sv and en from the browser, else fi', () => {
    expect(detectLanguage(['sv-FI'])).toBe('sv');
    expect(detectLanguage(['en-US', 'fi'])).toBe('en');
    expect(detectLanguage(['de-DE', 'sv'])).toBe('sv');
    expect(detectLanguage(['de-DE'])).toBe('fi');
    expect(detectLanguage([])).toBe('fi');
  });
});

describe('settings', () => {
  it('saves changes on the device and reads them back', () => {
    resetSettings();
    updateSettings({ language: 'en', ageGroup: 'AGE_13_15', interests: ['4'], onboarded: true });
    expect(language.value).toBe('en');
    expect(JSON.parse(localStorage.getItem('hp:settings')!)).toMatchObject({ language: 'en', interests: ['4'] });
    settings.value = { ...settings.value, language: 'fi' }; // in memory only
    reloadSettings();
    expect(settings.value).toMatchObject({ language: 'en', ageGroup: 'AGE_13_15', onboarded: true });
  });

  it('starts over after a reset', () => {
    updateSettings({ onboarded: true, interests: ['1'] });
    resetSettings();
    expect(settings.value.onboarded).toBe(false);
    expect(settings.value.interests).toEqual([]);
    expect(localStorage.getItem('hp:settings')).toBeNull();
  });

  it('knows a point only from the device location', () => {
    resetSettings();
    expect(nearPoint()).toBeNull();
    updateSettings({ place: { kind: 'area', area: '00530' } });
    expect(nearPoint()).toBeNull();
    updateSettings({ place: { kind: 'point', lat: 60.184, lon: 24.949 } });
    expect(nearPoint()).toEqual({ lat: 60.184, lon: 24.949 });
  });
});

describe('helpers', () => {
  it('rounds coordinates to about 100 m', () => {
    expect(roundCoordinate(60.18412345)).toBe(60.184);
    expect(roundCoordinate(24.9496)).toBe(24.95);
  });

  it('gives an age for each group', () => {
    expect(ageForGroup('UNDER_13')).toBe(12);
    expect(ageForGroup('AGE_13_15')).toBe(14);
    expect(ageForGroup(null)).toBeUndefined();
  });

  it('accepts postal codes and place names, not addresses', () => {
    expect(isValidArea('00530')).toBe(true);
    expect(isValidArea(' Kallio ')).toBe(true);
    expect(isValidArea('Östersundom')).toBe(true);
    expect(isValidArea('Mannerheimintie 5')).toBe(false);
    expect(isValidArea('0053')).toBe(false);
    expect(isValidArea('')).toBe(false);
    expect(isValidArea('   ')).toBe(false);
  });
});
