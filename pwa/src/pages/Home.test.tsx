import { cleanup, render, screen, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import HomePage from './Home';
import { homeVariables } from '../api/home';
import { cache } from '../state/cache';
import { defaultSettings, settings, updateSettings } from '../state/settings';
import { setDeviceToken } from '../state/device';
import { benefit, hobby } from '../test/data';
import { jsonResponse, mockFetch } from '../test/fetch';

const ANSWER = {
  data: {
    recommendations: [
      { hobby: hobby('1'), reason: { code: 'INTEREST', text: 'Koska pidät kiipeilystä' } },
      { hobby: hobby('2'), reason: { code: 'POPULAR', text: 'Suosittu 13–15-vuotiailla' } },
    ],
    benefits: [benefit('9')],
    near: { edges: [{ node: hobby('3', { distanceKm: 0.8 }) }] },
    newest: { edges: [{ node: hobby('4', { publishedAt: '2025-11-23T10:00:00Z' }) }] },
  },
};

function renderHome() {
  return render(
    <LocationProvider>
      <HomePage />
    </LocationProvider>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-11-24T10:00:00Z'));
  setDeviceToken(null);
  settings.value = { ...defaultSettings(), language: 'fi', onboarded: true };
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('homeVariables', () => {
  it('asks near the person only when their location is known', () => {
    expect(homeVariables(settings.value)).toMatchObject({ hasNear: false, near: null, interests: null, age: null });
    updateSettings({ place: { kind: 'point', lat: 60.18, lon: 24.95 }, ageGroup: 'AGE_13_15', interests: ['5'] });
    expect(homeVariables(settings.value)).toMatchObject({
      hasNear: true,
      near: { lat: 60.18, lon: 24.95, radiusKm: 10 },
      interests: ['5'],
      age: 14,
      filter: { age: 14 },
    });
  });

  it('leaves interests out when personalisation is off', () => {
    updateSettings({ interests: ['5'], personalisation: false });
    expect(homeVariables(settings.value).interests).toBeNull();
  });
});

describe('Home', () => {
  it('shows suggestions with their reasons, benefits, near you and new this week', async () => {
    updateSettings({ place: { kind: 'point', lat: 60.18, lon: 24.95 } });
    const { calls } = mockFetch(() => jsonResponse(ANSWER));
    renderHome();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Löydä oma harrastus');

    const forYou = await screen.findByRole('region', { name: 'Sinulle' });
    expect(within(forYou).getByText('Koska pidät kiipeilystä')).toBeTruthy();
    expect(within(forYou).getAllByRole('article')).toHaveLength(2);
    expect(within(screen.getByRole('region', { name: 'Edut nyt' })).getByText('Etu 9')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Lähelläsi' })).getByText(/800\sm päässä/)).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Uutta tällä viikolla' })).getByText('Harrastus 4')).toBeTruthy();

    expect(calls).toHaveLength(1);
    expect(calls[0].query).toContain('recommendations(first: 10');
    expect(calls[0].variables).toMatchObject({ hasNear: true });
    expect(cache.get('home')).toMatchObject({ failed: [] });
  });

  it('skips "near you" without a location and names the newest otherwise', async () => {
    const old = { ...ANSWER.data, near: undefined, newest: { edges: [{ node: hobby('4', { publishedAt: '2025-01-01T00:00:00Z' }) }] } };
    mockFetch(() => jsonResponse({ data: old }));
    renderHome();
    await screen.findByRole('region', { name: 'Sinulle' });
    expect(screen.queryByRole('region', { name: 'Lähelläsi' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Viimeksi lisätyt' })).toBeTruthy();
  });

  it('keeps the other parts when one fails', async () => {
    mockFetch(() =>
      jsonResponse({
        data: { ...ANSWER.data, recommendations: null, near: undefined },
        errors: [{ message: 'boom', path: ['recommendations'], extensions: { code: 'INTERNAL' } }],
      }),
    );
    renderHome();
    const forYou = await screen.findByRole('region', { name: 'Sinulle' });
    expect(within(forYou).getByText('Tätä osaa ei saatu ladattua.')).toBeTruthy();
    expect(screen.getByText('Etu 9')).toBeTruthy();
  });

  it('shows the saved copy offline, saying when it was saved', async () => {
    mockFetch(() => jsonResponse(ANSWER));
    renderHome();
    await screen.findByText('Koska pidät kiipeilystä');
    cleanup();

    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    renderHome();
    expect(await screen.findByText(/Näet tiedot, jotka tallennettiin tänään klo 12\.00/)).toBeTruthy();
    expect(screen.getByText('Koska pidät kiipeilystä')).toBeTruthy();
  });

  it('says what went wrong when there is nothing saved', async () => {
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    renderHome();
    expect((await screen.findByRole('alert')).textContent).toContain('Tähän tarvitaan verkkoyhteys');
    expect(screen.getByRole('button', { name: 'Yritä uudelleen' })).toBeTruthy();
  });
});
