import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider, useLocation } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SettingsPage from './Settings';
import { cache } from '../state/cache';
import { deviceToken, setDeviceToken } from '../state/device';
import { defaultSettings, settings } from '../state/settings';
import { jsonResponse, mockFetch, type Call } from '../test/fetch';

const CATEGORIES = [
  { id: '1', slug: 'sports', icon: 'ball', name: { text: 'Urheilu', language: 'fi' }, hobbyCount: 3,
    children: [{ id: '2', slug: 'football', icon: 'football', name: { text: 'Jalkapallo', language: 'fi' }, hobbyCount: 2 }] },
  { id: '5', slug: 'music', icon: 'music', name: { text: 'Musiikki', language: 'fi' }, hobbyCount: 1, children: [] },
];

const MY_DATA = {
  profile: {
    id: 'b1c2', language: 'fi', ageGroup: '13-15', homeArea: '00530', personalisation: true, analytics: false,
    createdAt: '2025-11-20T08:00:00+00:00', lastSeenOn: '2025-11-24',
  },
  interests: [{ id: '1', slug: 'sports', name: 'Urheilu' }],
  favourites: [{ hobbyId: '42', title: 'Kiipeily', createdAt: '2025-11-21T10:00:00+00:00' }],
  interactions: [{ hobbyId: '42', kind: 'view', createdAt: '2025-11-21T09:00:00+00:00' }],
  redemptions: [{ benefitId: '9', title: 'Etu 9', code: 'KX7P2M9Q', redeemedAt: '2025-11-22T10:00:00+00:00' }],
};

const PAGES = [
  { type: 'INFO', title: 'Kunnille', slug: 'kunnille', language: 'fi' },
  { type: 'ACCESSIBILITY_STATEMENT', title: 'Saavutettavuusseloste', slug: 'saavutettavuusseloste', language: 'fi' },
];

// what the demo server says: no Firebase configured
const PUSH_SETTINGS = {
  available: false, webConfig: null, vapidKey: null, registered: false,
  newHobbies: true, enrolmentOpening: true, benefitExpiring: true,
};

let path = '';
function Where() {
  path = useLocation().path;
  return null;
}

function renderPage() {
  return render(
    <LocationProvider>
      <SettingsPage />
      <Where />
    </LocationProvider>,
  );
}

let calls: Call[];
const updates = () => calls.filter((c) => c.query.includes('updateDevice'));

function answer(call: Call): Response {
  if (call.query.includes('categories')) return jsonResponse({ data: { categories: CATEGORIES } });
  if (call.query.includes('pages(')) return jsonResponse({ data: { pages: PAGES } });
  if (call.query.includes('myData')) return jsonResponse({ data: { myData: MY_DATA } });
  if (call.query.includes('pushSettings')) return jsonResponse({ data: { pushSettings: PUSH_SETTINGS } });
  if (call.query.includes('forgetDevice')) return jsonResponse({ data: { forgetDevice: { ok: true, errors: [] } } });
  return jsonResponse({ data: { updateDevice: { device: { id: '1' }, errors: [] } } });
}

beforeEach(() => {
  setDeviceToken('token-1');
  settings.value = { ...defaultSettings(), language: 'fi', onboarded: true };
  ({ calls } = mockFetch(answer));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Settings', () => {
  it('switches the language at once and tells the server', async () => {
    renderPage();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Asetukset');
    const group = screen.getByRole('radiogroup', { name: 'Kieli' });
    fireEvent.click(within(group).getByLabelText('Svenska'));
    expect(settings.value.language).toBe('sv');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Inställningar');
    expect(screen.getByRole('radiogroup', { name: 'Språk' })).toBeTruthy();
    await waitFor(() => expect(updates()).toHaveLength(1));
    expect(updates()[0].variables.input).toMatchObject({ language: 'SV' });
  });

  it('chooses an age group, or none', () => {
    renderPage();
    const group = screen.getByRole('radiogroup', { name: 'Ikä' });
    fireEvent.click(within(group).getByLabelText('13–15 vuotta'));
    expect(settings.value.ageGroup).toBe('AGE_13_15');
    fireEvent.click(within(group).getByLabelText('En halua kertoa'));
    expect(settings.value.ageGroup).toBeNull();
  });

  it('toggles interests and sends them once after a pause', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Urheilu' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Musiikki' }));
    expect(settings.value.interests).toEqual(['1', '5']);
    expect(screen.getByText('2 valittu')).toBeTruthy();
    expect(updates()).toHaveLength(0);
    await waitFor(() => expect(updates()).toHaveLength(1), { timeout: 2000 });
    expect(updates()[0].variables.input).toMatchObject({ interests: ['1', '5'] });
  });

  it('saves a postal code or area, refuses an address, and clears the location', () => {
    renderPage();
    expect(screen.getByTestId('location-now').textContent).toBe('Et ole valinnut sijaintia.');
    const input = screen.getByLabelText('Postinumero tai alue');
    fireEvent.input(input, { target: { value: 'Mannerheimintie 5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna alue' }));
    expect(screen.getByRole('alert').textContent).toContain('viisinumeroinen postinumero');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(settings.value.place).toBeNull();

    fireEvent.input(input, { target: { value: '00530' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna alue' }));
    expect(settings.value.place).toEqual({ kind: 'area', area: '00530' });
    expect(screen.getByTestId('location-now').textContent).toBe('Käytössä: 00530');
    expect(screen.getByText('Alue on tallennettu.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Älä käytä sijaintia' }));
    expect(settings.value.place).toBeNull();
  });

  it('uses the device location, rounded', () => {
    const getCurrentPosition = vi.fn((ok: PositionCallback) =>
      ok({ coords: { latitude: 60.1841234, longitude: 24.9494321 } } as GeolocationPosition),
    );
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Käytä sijaintiani' }));
    expect(settings.value.place).toEqual({ kind: 'point', lat: 60.184, lon: 24.949 });
    expect(screen.getByTestId('location-now').textContent).toContain('sijaintisi');
    delete (navigator as { geolocation?: unknown }).geolocation;
  });

  it('turns personalisation off with a switch that explains itself; notifications say they are not in use', async () => {
    renderPage();
    const personal = screen.getByRole('switch', { name: /Ehdotukset sen mukaan, mitä teet/ });
    expect((personal as HTMLInputElement).checked).toBe(true);
    expect(document.getElementById(personal.getAttribute('aria-describedby')!)!.textContent).toContain('suosittuja');
    fireEvent.click(personal);
    expect(settings.value.personalisation).toBe(false);
    const statistics = screen.getByRole('switch', { name: /Nimetön käyttötilasto/ }) as HTMLInputElement;
    expect(statistics.checked).toBe(true);
    expect(document.getElementById(statistics.getAttribute('aria-describedby')!)!.textContent).toContain('tunnistaa');
    fireEvent.click(statistics);
    expect(settings.value.analytics).toBe(false);
    const section = screen.getByRole('region', { name: 'Ilmoitukset' });
    const notifications = (await within(section).findByRole('switch', { name: /Lähetä minulle ilmoituksia/ })) as HTMLInputElement;
    expect(notifications.disabled).toBe(true);
    expect(notifications.checked).toBe(false);
    expect(document.getElementById(notifications.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Ilmoitukset eivät ole vielä käytössä tässä palvelussa.',
    );
    expect(calls.some((c) => c.query.includes('pushSettings'))).toBe(true);
  });

  it('shows my data in words and offers it as a .json file', async () => {
    const createObjectURL = vi.fn(() => 'blob:my-data');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    renderPage();
    const show = screen.getByRole('button', { name: 'Näytä tietoni' });
    expect(show.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(show);
    const view = await screen.findByTestId('my-data');
    expect(within(view).getByText('Laitteen tunnus').nextElementSibling?.textContent).toBe('b1c2');
    expect(within(view).getByText('Ikä').nextElementSibling?.textContent).toBe('13–15 vuotta');
    expect(within(view).getByText('Kieli').nextElementSibling?.textContent).toBe('Suomi');
    expect(within(view).getByText('Käytön tilastointi').nextElementSibling?.textContent).toBe('Ei');
    expect(within(view).getByText(/Kiipeily ·/)).toBeTruthy();
    expect(within(view).getByText(/Katsoit: Harrastus 42/)).toBeTruthy();
    expect(within(view).getByText('KX7P2M9Q')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Piilota tietoni' }).getAttribute('aria-expanded')).toBe('true');

    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toMatch(/^harrastuspassi-my-data-\d{4}-\d{2}-\d{2}\.json$/);
      expect(this.href).toBe('blob:my-data');
    });
    fireEvent.click(within(view).getByRole('button', { name: 'Lataa tiedostona (.json)' }));
    expect(clicked).toHaveBeenCalledOnce();
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(JSON.parse(await blob.text())).toMatchObject({ profile: { id: 'b1c2' }, redemptions: [{ code: 'KX7P2M9Q' }] });
  });

  it('deletes my data after a confirm step and starts over', async () => {
    cache.put('redemptions', [{ code: 'X' }], { keep: true });
    cache.put('favourites', []);
    settings.value = { ...settings.value, interests: ['1'], ageGroup: 'AGE_13_15' };
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Poista tietoni' }));
    const dialog = screen.getByTestId('delete-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Poistetaanko kaikki tietosi?' })).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Peruuta');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Peruuta' }));
    expect(within(dialog).queryByRole('heading')).toBeNull();
    expect(calls.some((c) => c.query.includes('forgetDevice'))).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Poista tietoni' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Poista kaikki' }));
    await waitFor(() => expect(path).toBe('/welcome'));
    const forget = calls.find((c) => c.query.includes('forgetDevice'))!;
    expect(forget.headers.Authorization).toBe('Device token-1');
    expect(deviceToken.value).toBeNull();
    expect(cache.keys()).toEqual([]);
    expect(settings.value).toMatchObject({ onboarded: false, interests: [], ageGroup: null });
  });

  it('keeps everything when the server cannot be told', async () => {
    cache.put('redemptions', [{ code: 'X' }], { keep: true });
    renderPage();
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Poista tietoni' }));
    const dialog = screen.getByTestId('delete-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Poista kaikki' }));
    await waitFor(() => expect(within(dialog).getByText(/Tietoja ei poistettu\. Tähän tarvitaan verkkoyhteys/)).toBeTruthy());
    expect(deviceToken.value).toBe('token-1');
    expect(cache.get('redemptions')).toEqual([{ code: 'X' }]);
    expect(settings.value.onboarded).toBe(true);
  });

  it('links to the info pages and feedback', async () => {
    renderPage();
    const more = screen.getByRole('region', { name: 'Lisätietoa' });
    // before the list has loaded: the statements
    expect(within(more).getByRole('link', { name: 'Tietosuojaseloste' }).getAttribute('href')).toBe('/info/tietosuojaseloste');
    expect(await within(more).findByRole('link', { name: 'Kunnille' })).toBeTruthy();
    expect(within(more).getByRole('link', { name: 'Saavutettavuusseloste' }).getAttribute('href')).toBe(
      '/info/saavutettavuusseloste',
    );
    expect(within(more).getByRole('link', { name: 'Anna palautetta' }).getAttribute('href')).toBe('/feedback');
  });
});
