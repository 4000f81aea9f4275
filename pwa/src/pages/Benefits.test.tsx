import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import BenefitsPage from './Benefits';
import { cache } from '../state/cache';
import { online } from '../state/online';
import { defaultSettings, settings } from '../state/settings';
import { setDeviceToken } from '../state/device';
import { ratingPrompt } from '../state/rating';
import { benefit } from '../test/data';
import { jsonResponse, mockFetch, type Call } from '../test/fetch';
import type { WalletBenefit } from '../api/benefits';

const walletBenefit = (id: string, extra: Partial<WalletBenefit> = {}): WalletBenefit => ({
  ...benefit(id),
  description: { text: `Kuvaus ${id}`, language: 'fi' },
  terms: { text: 'Vain kerran', language: 'fi' },
  validFrom: '2025-11-01T00:00:00Z',
  perDeviceLimit: 1,
  redeemedByMe: 0,
  ...extra,
});

const WALLET = { data: { benefits: [walletBenefit('9'), walletBenefit('10', { redeemedByMe: 1 })] } };

const REDEEMED = {
  data: {
    redeemBenefit: {
      redemption: {
        code: 'KX7P2M9Q',
        redeemedAt: '2025-11-24T10:00:00Z',
        validUntil: '2025-12-31T21:59:00Z',
        benefit: {
          id: '9',
          kind: 'TRIAL',
          title: { text: 'Etu 9', language: 'fi' },
          organizationName: 'Seura ry',
          hobby: { id: '1', title: { text: 'Harrastus 1', language: 'fi' } },
        },
      },
      errors: [],
    },
  },
};

const refused = (code: string) => ({
  data: { redeemBenefit: { redemption: null, errors: [{ field: 'benefitId', message: 'Ei', code }] } },
});

function renderPage() {
  return render(
    <LocationProvider>
      <BenefitsPage />
    </LocationProvider>,
  );
}

async function openConfirm() {
  const card = await screen.findByTestId('benefit-9');
  fireEvent.click(within(card).getByRole('button', { name: 'Käytä etu' }));
  return screen.getByTestId('redeem-dialog');
}

let calls: Call[];
function answer(redeem: () => Response) {
  ({ calls } = mockFetch((call) => {
    if (call.query.includes('redeemBenefit')) return redeem();
    if (call.query.includes('myData')) {
      return jsonResponse({
        data: { myData: { redemptions: [{ benefitId: '9', title: 'Etu 9', code: 'OLD12345', redeemedAt: '2025-11-20T10:00:00Z' }] } },
      });
    }
    return jsonResponse(WALLET);
  }));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-11-24T10:00:00Z'));
  setDeviceToken('token-1');
  online.value = true;
  settings.value = { ...defaultSettings(), language: 'fi', onboarded: true };
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Benefits wallet', () => {
  it('lists benefits available now with what, validity and how many are left', async () => {
    answer(() => jsonResponse(REDEEMED));
    renderPage();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Edut');
    const card = await screen.findByTestId('benefit-9');
    expect(within(card).getByRole('heading', { level: 3 }).textContent).toBe('Etu 9');
    expect(within(card).getByText('Kuvaus 9')).toBeTruthy();
    expect(within(card).getByText('Voimassa 31.12.2025 asti')).toBeTruthy();
    expect(within(card).getByText('5 jäljellä')).toBeTruthy();
    // used up for this device: no button
    const used = screen.getByTestId('benefit-10');
    expect(within(used).queryByRole('button')).toBeNull();
    expect(within(used).getByText('Olet jo käyttänyt tämän edun.')).toBeTruthy();
    expect(calls[0].query).toContain('benefits(active: true');
    expect(calls[0].variables).toEqual({ near: null, first: 50 });
    expect(cache.get('wallet')).toHaveLength(2);
  });

  it('asks near the person when the location is known', async () => {
    settings.value = { ...settings.value, place: { kind: 'point', lat: 60.18, lon: 24.95 } };
    answer(() => jsonResponse(REDEEMED));
    renderPage();
    await screen.findByTestId('benefit-9');
    expect(calls[0].variables).toEqual({ near: { lat: 60.18, lon: 24.95, radiusKm: 25 }, first: 50 });
    expect(screen.getByText('Lähimmät edut näkyvät ensin.')).toBeTruthy();
  });

  it('confirms first, then shows the code and keeps it for offline use', async () => {
    answer(() => jsonResponse(REDEEMED));
    renderPage();
    const dialog = await openConfirm();
    expect(within(dialog).getByRole('heading', { name: 'Käytetäänkö etu nyt?' })).toBeTruthy();
    expect(within(dialog).getByText(/Näytä koodi paikan päällä/)).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Peruuta');
    expect(calls.some((c) => c.query.includes('redeemBenefit'))).toBe(false);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Käytä nyt' }));
    expect(await within(dialog).findByRole('heading', { name: 'Tässä on koodisi' })).toBeTruthy();
    expect(within(dialog).getByTestId('redemption-code').textContent).toBe('KX7P2M9Q');
    expect(within(dialog).getByText('Voimassa 31.12.2025 klo 23.59 asti')).toBeTruthy();
    expect(calls.find((c) => c.query.includes('redeemBenefit'))!.variables).toEqual({ benefitId: '9' });

    expect(cache.entry('redemptions')).toMatchObject({ keep: true, value: [{ code: 'KX7P2M9Q', benefitId: '9' }] });
    const myCodes = screen.getByRole('region', { name: 'Omat koodit' });
    expect(within(myCodes).getByText('KX7P2M9Q')).toBeTruthy();

    expect(ratingPrompt.value).toBeNull(); // not over the code
    fireEvent.click(within(dialog).getByRole('button', { name: 'Valmis' }));
    await waitFor(() => expect(within(dialog).queryByRole('heading')).toBeNull());
    // the used benefit's button goes away: focus continues from the codes
    await waitFor(() => expect(document.activeElement?.id).toBe('my-codes-title'));
    // and the quick rating is offered about the benefit's hobby
    expect(ratingPrompt.value).toEqual({ trigger: 'redemption', hobbyId: '1' });
  });

  it('offers no rating for a code got earlier, or when nothing was used', async () => {
    answer(() => jsonResponse(refused('LIMIT_REACHED')));
    renderPage();
    let dialog = await openConfirm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Käytä nyt' }));
    await within(dialog).findByTestId('redemption-code');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Valmis' }));
    dialog = await openConfirm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Peruuta' }));
    expect(ratingPrompt.value).toBeNull();
  });

  it('cancels without redeeming', async () => {
    answer(() => jsonResponse(REDEEMED));
    renderPage();
    const dialog = await openConfirm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Peruuta' }));
    expect(within(dialog).queryByRole('heading')).toBeNull();
    expect(calls.some((c) => c.query.includes('redeemBenefit'))).toBe(false);
  });

  it.each([
    ['SOLD_OUT', 'Harmi, tämä etu on loppunut.'],
    ['NOT_ACTIVE', 'Tätä etua ei voi käyttää juuri nyt. Se on ehkä päättynyt tai ei ole vielä alkanut.'],
    ['RATE_LIMITED', 'Liian monta yritystä vähän ajan sisällä. Odota hetki ja yritä uudelleen.'],
  ])('explains %s', async (code, text) => {
    answer(() => jsonResponse(refused(code)));
    renderPage();
    const dialog = await openConfirm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Käytä nyt' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(text);
    expect(within(dialog).getByRole('heading', { name: 'Koodia ei saatu' })).toBeTruthy();
    expect(cache.get('redemptions')).toBeUndefined();
  });

  it('shows the code got earlier when the limit is reached', async () => {
    answer(() => jsonResponse(refused('LIMIT_REACHED')));
    renderPage();
    const dialog = await openConfirm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Käytä nyt' }));
    expect(await within(dialog).findByText('Olit jo käyttänyt tämän edun. Tässä on saamasi koodi.')).toBeTruthy();
    expect(within(dialog).getByTestId('redemption-code').textContent).toBe('OLD12345');
    expect(cache.get('redemptions')).toMatchObject([{ code: 'OLD12345', validUntil: '2025-12-31T21:59:00Z' }]);
  });

  it('refuses clearly offline', async () => {
    answer(() => {
      throw new TypeError('Failed to fetch');
    });
    renderPage();
    const dialog = await openConfirm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Käytä nyt' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Edun käyttämiseen tarvitaan verkkoyhteys. Yritä uudelleen, kun olet taas verkossa.',
    );
    expect(within(dialog).getByRole('button', { name: 'Yritä uudelleen' })).toBeTruthy();
  });

  it('shows the saved benefits and codes offline, after a reload', async () => {
    answer(() => jsonResponse(REDEEMED));
    renderPage();
    const dialog = await openConfirm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Käytä nyt' }));
    await within(dialog).findByTestId('redemption-code');
    cleanup();

    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    online.value = false;
    renderPage();
    expect(await screen.findByText(/Näet tiedot, jotka tallennettiin/)).toBeTruthy();
    expect(screen.getByTestId('benefit-9')).toBeTruthy();
    expect(screen.getByText(/Edun käyttämiseen tarvitaan verkkoyhteys/)).toBeTruthy();
    const myCodes = screen.getByRole('region', { name: 'Omat koodit' });
    expect(within(myCodes).getByTestId('code-KX7P2M9Q')).toBeTruthy();
    expect(within(myCodes).getByText('Käytetty 24.11.2025 klo 12.00')).toBeTruthy();
  });

  it('folds away codes that are no longer valid', async () => {
    cache.put(
      'redemptions',
      [
        { code: 'OLDOLD11', redeemedAt: '2025-01-01T10:00:00Z', validUntil: '2025-02-01T10:00:00Z', benefitId: '3', kind: 'TICKET', title: { text: 'Lippu', language: 'fi' }, organizationName: 'Halli', hobby: null },
      ],
      { keep: true },
    );
    answer(() => jsonResponse(REDEEMED));
    renderPage();
    expect(screen.getByText('Vanha koodi (1)')).toBeTruthy();
    expect(screen.getByText('Ei enää voimassa')).toBeTruthy();
  });
});
