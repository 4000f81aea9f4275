import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider, useLocation } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WelcomePage from './Welcome';
import { startLanguageSync } from '../i18n';
import { defaultSettings, settings } from '../state/settings';
import { setDeviceToken } from '../state/device';
import { jsonResponse, mockFetch, type Call } from '../test/fetch';

const CATEGORIES = [
  { id: '1', slug: 'sports', icon: 'ball', name: { text: 'Urheilu', language: 'fi' }, hobbyCount: 3,
    children: [{ id: '2', slug: 'football', icon: 'football', name: { text: 'Jalkapallo', language: 'fi' }, hobbyCount: 2 }] },
  { id: '5', slug: 'music', icon: 'music', name: { text: 'Musiikki', language: 'fi' }, hobbyCount: 1, children: [] },
];

let path = '';
function Where() {
  path = useLocation().path;
  return null;
}

function renderWelcome() {
  return render(
    <LocationProvider>
      <WelcomePage />
      <Where />
    </LocationProvider>,
  );
}

let calls: Call[];
beforeEach(() => {
  setDeviceToken(null);
  settings.value = { ...defaultSettings(), language: 'fi' };
  ({ calls } = mockFetch((call) => {
    if (call.query.includes('categories')) return jsonResponse({ data: { categories: CATEGORIES } });
    if (call.query.includes('registerDevice')) return jsonResponse({ data: { registerDevice: { token: 't', errors: [] } } });
    return jsonResponse({ data: { updateDevice: { device: { id: '1' }, errors: [] } } });
  }));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const mainButton = () => screen.getByRole('button', { name: /Seuraava|Ohita$|Nästa|Hoppa över$|Next|Skip$|Näytä harrastukset/ });

describe('Welcome', () => {
  it('changes the language at once', () => {
    const stop = startLanguageSync();
    renderWelcome();
    fireEvent.click(screen.getByLabelText('Svenska'));
    expect(settings.value.language).toBe('sv');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Välkommen till Harrastuspassi!');
    expect(document.documentElement.lang).toBe('sv');
    stop();
  });

  it('walks through every step, saves the answers and registers the device with them', async () => {
    renderWelcome();
    fireEvent.click(mainButton()); // language: keep Finnish
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Kuinka vanha olet?');
    expect(mainButton().textContent).toContain('Ohita');
    fireEvent.click(screen.getByLabelText(/13–15/));
    expect(mainButton().textContent).toContain('Seuraava');
    fireEvent.click(mainButton());

    const chip = await screen.findByRole('checkbox', { name: 'Urheilu' });
    fireEvent.click(chip);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Jalkapallo' }));
    expect(settings.value.interests).toEqual(['1', '2']);
    expect(screen.getByText('2 valittu')).toBeTruthy();
    fireEvent.click(mainButton());

    const area = screen.getByLabelText('Postinumero tai kaupunginosa');
    fireEvent.input(area, { target: { value: 'Mannerheimintie 5' } });
    fireEvent.click(mainButton());
    expect(screen.getByRole('alert').textContent).toContain('viisinumeroinen postinumero');
    expect(area.getAttribute('aria-invalid')).toBe('true');
    expect(settings.value.onboarded).toBe(false);

    fireEvent.input(area, { target: { value: '00530' } });
    fireEvent.click(mainButton());
    expect(settings.value).toMatchObject({
      onboarded: true,
      ageGroup: 'AGE_13_15',
      interests: ['1', '2'],
      place: { kind: 'area', area: '00530' },
    });
    expect(path).toBe('/');
    await waitFor(() => expect(calls.some((c) => c.query.includes('registerDevice'))).toBe(true));
    const register = calls.find((c) => c.query.includes('registerDevice'))!;
    expect(register.variables.input).toEqual({
      language: 'FI',
      ageGroup: 'AGE_13_15',
      homeArea: '00530',
      interests: ['1', '2'],
      personalisation: true,
      analytics: true,
    });
  });

  it('skips everything at once', async () => {
    renderWelcome();
    fireEvent.click(screen.getByRole('button', { name: 'Ohita kaikki' }));
    expect(settings.value.onboarded).toBe(true);
    expect(settings.value.ageGroup).toBeNull();
    expect(path).toBe('/');
  });

  it('stores a rounded location from the device', async () => {
    const getCurrentPosition = vi.fn((ok: PositionCallback) =>
      ok({ coords: { latitude: 60.1841234, longitude: 24.9494321 } } as GeolocationPosition),
    );
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
    renderWelcome();
    for (let i = 0; i < 3; i++) fireEvent.click(mainButton());
    fireEvent.click(await screen.findByRole('button', { name: 'Käytä sijaintiani' }));
    expect(settings.value.place).toEqual({ kind: 'point', lat: 60.184, lon: 24.949 });
    expect(screen.getByText('Sijainti tallennettu tähän laitteeseen.')).toBeTruthy();
    fireEvent.click(mainButton());
    expect(settings.value).toMatchObject({ onboarded: true, place: { kind: 'point' } });
    delete (navigator as { geolocation?: unknown }).geolocation;
  });

  it('explains a refused location', async () => {
    const getCurrentPosition = vi.fn((_ok: PositionCallback, fail: PositionErrorCallback) =>
      fail({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError),
    );
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
    renderWelcome();
    for (let i = 0; i < 3; i++) fireEvent.click(mainButton());
    fireEvent.click(await screen.findByRole('button', { name: 'Käytä sijaintiani' }));
    expect(screen.getByText(/Et antanut lupaa käyttää sijaintia/)).toBeTruthy();
    expect(settings.value.place).toBeNull();
    delete (navigator as { geolocation?: unknown }).geolocation;
  });
});
