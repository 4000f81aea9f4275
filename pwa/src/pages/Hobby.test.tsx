import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import HobbyPage from './Hobby';
import { cache } from '../state/cache';
import { defaultSettings, settings, updateSettings } from '../state/settings';
import { setDeviceToken } from '../state/device';
import { ratingPrompt } from '../state/rating';
import { hobbyDetail } from '../components/hobby/fixtures';
import type { HobbyDetail } from '../api/hobby';
import { jsonResponse, mockFetch, type Call } from '../test/fetch';

const drawMap = vi.hoisted(() => vi.fn());
vi.mock('../components/map/leaflet', () => ({ drawMap }));

let detail: HobbyDetail;
let favourites: string[];
let calls: Call[];
const mutations = (name: string) => calls.filter((c) => c.query.includes(name));

function answer(call: Call) {
  if (call.query.includes('query HobbyDetail')) {
    return jsonResponse({
      data: {
        hobby: detail,
        ...(call.variables.withFavourites ? { favourites: { edges: favourites.map((id) => ({ node: { id } })) } } : {}),
      },
    });
  }
  if (call.query.includes('addFavourite')) return jsonResponse({ data: { addFavourite: { favourited: true, errors: [] } } });
  if (call.query.includes('removeFavourite')) {
    return jsonResponse({ data: { removeFavourite: { favourited: false, errors: [] } } });
  }
  if (call.query.includes('recordInteractions')) {
    return jsonResponse({ data: { recordInteractions: { accepted: 1, errors: [] } } });
  }
  return jsonResponse({ data: null, errors: [{ message: 'unexpected', extensions: { code: 'INTERNAL' } }] });
}

/** The browser's navigator with some properties replaced. */
function fakeNavigator(values: Record<string, unknown>): Navigator {
  const fake = Object.create(navigator);
  for (const [name, value] of Object.entries(values)) Object.defineProperty(fake, name, { value, configurable: true });
  return fake;
}

function renderHobby(id = '42') {
  return render(
    <LocationProvider>
      <HobbyPage params={{ id }} />
    </LocationProvider>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
  setDeviceToken('tok');
  settings.value = { ...defaultSettings(), language: 'fi', onboarded: true };
  detail = hobbyDetail('42');
  favourites = [];
  ({ calls } = mockFetch(answer));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Hobby', () => {
  it('shows what, for whom, when, where, price, how to join, the organizer, what to bring and accessibility', async () => {
    renderHobby();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Ladataan harrastusta…');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Kiipeily 42'));
    await waitFor(() => expect(document.title).toBe('Kiipeily 42 – Harrastuspassi'));

    const about = screen.getByRole('region', { name: 'Mitä tehdään' });
    const paragraphs = about.querySelectorAll('p');
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0].innerHTML).toBe('Ensimmäinen kappale.<br>Toinen rivi.');

    const forWhom = screen.getByRole('region', { name: 'Kenelle' });
    expect(within(forWhom).getByText('12–17-vuotiaille')).toBeTruthy();
    expect(within(forWhom).getByText('Kaikille tasoille')).toBeTruthy();
    expect(within(forWhom).getByText('Suomi, Ruotsi')).toBeTruthy();

    const when = screen.getByRole('region', { name: 'Milloin' });
    const sessions = within(when).getAllByRole('listitem');
    expect(sessions).toHaveLength(2);
    expect(sessions[0].textContent).toBe('huomenna klo 17.00–18.30');
    expect(sessions[1].textContent).toContain('Peruttu');
    expect(sessions[1].querySelector('s')).toBeTruthy();

    const where = screen.getByRole('region', { name: 'Missä' });
    expect(where.querySelector('address')!.innerHTML).toBe('<strong>Kallioseinä</strong><br>Runeberginkatu 42<br>00260 Helsinki');
    expect(within(where).getByRole('link', { name: 'Reittiohjeet' }).getAttribute('href')).toContain('google.com/maps');

    const price = screen.getByRole('region', { name: 'Hinta ja edut' });
    expect(within(price).getByText(/190\s€ \/ lukukausi/)).toBeTruthy();
    expect(within(price).getByText('Sisältää vakuutuksen.')).toBeTruthy();
    expect(within(price).getByText('Eka kerta ilmaiseksi')).toBeTruthy();
    expect(within(price).getByRole('link', { name: 'Etu 3' }).getAttribute('href')).toBe('/benefits');

    const join = screen.getByRole('region', { name: 'Näin pääset mukaan' });
    expect(within(join).getByText('Ilmoittautuminen on auki 31.12.2026 asti.')).toBeTruthy();
    const signUp = within(join).getByRole('link', { name: /Ilmoittaudu/ });
    expect(signUp.getAttribute('href')).toBe('https://www.seura.invalid/ilmo');
    expect(signUp.getAttribute('target')).toBe('_blank');
    expect(signUp.textContent).toContain('(avautuu uuteen välilehteen)');

    const contact = screen.getByRole('region', { name: 'Järjestäjä' });
    expect(within(contact).getByText('Kiipeilyseura ry')).toBeTruthy();
    expect(within(contact).getByRole('link', { name: 'www.seura.invalid' }).getAttribute('href')).toBe('https://www.seura.invalid/');
    expect(within(contact).getByRole('link', { name: 'info@seura.invalid' }).getAttribute('href')).toBe('mailto:info@seura.invalid');
    expect(within(contact).getByRole('link', { name: '+358 9 555 1000' }).getAttribute('href')).toBe('tel:+35895551000');

    expect(within(screen.getByRole('region', { name: 'Ota mukaan' })).getByText('Juomapullo.')).toBeTruthy();

    const access = screen.getByRole('region', { name: 'Esteettömyys' });
    const facts = [...access.querySelectorAll('.fact')].map((f) => [f.querySelector('dt')!.textContent, f.querySelector('dd')!.textContent]);
    expect(facts).toEqual([
      ['Pyörätuolilla pääsee', 'Kyllä'],
      ['Sisäänkäynti ilman portaita', 'Ei'],
      ['Esteetön WC', 'Ei tiedossa'],
      ['Induktiosilmukka', 'Ei tiedossa'],
    ]);

    const similar = screen.getByRole('region', { name: 'Samanlaisia harrastuksia' });
    expect(within(similar).getAllByRole('article')).toHaveLength(2);
    expect(within(similar).getByRole('link', { name: 'Harrastus 8' }).getAttribute('href')).toBe('/hobbies/8');

    const calendar = screen.getByRole('link', { name: 'Lisää kalenteriin' });
    expect(calendar.getAttribute('href')).toBe('http://localhost:3000/hobbies/42.ics?lang=fi');
  });

  it('marks the content language when it differs from the interface language', async () => {
    updateSettings({ language: 'en' });
    renderHobby();
    const title = await screen.findByText('Kiipeily 42', { selector: 'h1 span' });
    expect(title.getAttribute('lang')).toBe('fi');
    expect(screen.getByRole('region', { name: 'What you do' }).querySelector('.prose')!.getAttribute('lang')).toBe('fi');
    expect(screen.getByText('Finnish, Swedish')).toBeTruthy();
  });

  it('records a view in the background, and a join click', async () => {
    renderHobby();
    await screen.findByRole('heading', { level: 1, name: 'Kiipeily 42' });
    await waitFor(() => expect(mutations('recordInteractions')).toHaveLength(1));
    expect(mutations('recordInteractions')[0].variables).toEqual({ items: [{ hobbyId: '42', kind: 'VIEW' }] });
    const signUp = screen.getByRole('link', { name: /Ilmoittaudu/ });
    signUp.addEventListener('click', (event) => event.preventDefault()); // no new tab in the test
    fireEvent.click(signUp);
    await waitFor(() => expect(mutations('recordInteractions')).toHaveLength(2));
    expect(mutations('recordInteractions')[1].variables).toEqual({ items: [{ hobbyId: '42', kind: 'JOIN_CLICK' }] });
    // the sign-up opened: the quick rating is offered about this hobby (RatingPrompt shows it)
    expect(ratingPrompt.value).toEqual({ trigger: 'join', hobbyId: '42' });
  });

  it('saves and unsaves a favourite, with the pressed state and the offline list in step', async () => {
    renderHobby();
    const button = await screen.findByRole('button', { name: 'Tallenna suosikiksi' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(calls[0].variables).toMatchObject({ withFavourites: true });

    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    expect(mutations('addFavourite')[0].variables).toEqual({ hobbyId: '42' });
    expect(screen.getByText('Tallennettu suosikkeihin.')).toBeTruthy();
    expect(cache.get<{ id: string }[]>('favourites')!.map((h) => h.id)).toEqual(['42']);

    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
    expect(screen.getByText('Poistettu suosikeista.')).toBeTruthy();
    expect(cache.get<unknown[]>('favourites')).toEqual([]);
  });

  it('knows a saved favourite, and says clearly when saving needs the network', async () => {
    favourites = ['42'];
    renderHobby();
    const button = await screen.findByRole('button', { name: 'Tallenna suosikiksi' });
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    fireEvent.click(button);
    expect(await screen.findByText(/Suosikkia ei voitu muuttaa\. Tähän tarvitaan verkkoyhteys/)).toBeTruthy();
    expect(button.getAttribute('aria-pressed')).toBe('true');
  });

  it('shares with the Web Share API, or copies the link and says so', async () => {
    const share = vi.fn(async () => {});
    vi.stubGlobal('navigator', fakeNavigator({ share }));
    renderHobby();
    fireEvent.click(await screen.findByRole('button', { name: 'Jaa' }));
    await waitFor(() => expect(share).toHaveBeenCalledWith({ title: 'Kiipeily 42', url: `${location.origin}/hobbies/42` }));
    cleanup();

    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', fakeNavigator({ share: undefined, clipboard: { writeText } }));
    renderHobby();
    fireEvent.click(await screen.findByRole('button', { name: 'Jaa' }));
    expect(await screen.findByText('Linkki kopioitu. Voit liittää sen viestiin.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(`${location.origin}/hobbies/42`);
    cleanup();

    vi.stubGlobal('navigator', fakeNavigator({ share: undefined, clipboard: undefined }));
    renderHobby();
    fireEvent.click(await screen.findByRole('button', { name: 'Jaa' }));
    expect(((await screen.findByLabelText('Kopioi linkki tästä:')) as HTMLInputElement).value).toBe(`${location.origin}/hobbies/42`);
  });

  it('loads the small map only when it comes near the screen', async () => {
    let reveal = () => {};
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
          reveal = () => callback([{ isIntersecting: true }]);
        }
        observe() {}
        disconnect() {}
      },
    );
    renderHobby();
    await screen.findByRole('heading', { level: 1, name: 'Kiipeily 42' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(drawMap).not.toHaveBeenCalled();
    reveal();
    await waitFor(() => expect(drawMap).toHaveBeenCalled());
    const [, markers, options] = drawMap.mock.calls.at(-1)!;
    expect(markers).toEqual([{ id: '6', lat: 60.18, lon: 24.92, title: 'Kallioseinä', titleLang: undefined }]);
    expect(options).toMatchObject({ label: 'Kartta: Kallioseinä', interactive: false });
  });

  it('says "not found" with a way to search', async () => {
    mockFetch(() =>
      jsonResponse({ data: { hobby: null }, errors: [{ message: 'No such hobby', path: ['hobby'], extensions: { code: 'NOT_FOUND' } }] }),
    );
    renderHobby('999');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Harrastusta ei löytynyt'));
    expect(screen.getByRole('link', { name: 'Hae harrastuksia' }).getAttribute('href')).toBe('/search');
    cleanup();
    renderHobby('abc');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Harrastusta ei löytynyt');
  });

  it('shows the saved copy offline, and an error when nothing is saved', async () => {
    renderHobby();
    await screen.findByRole('heading', { level: 1, name: 'Kiipeily 42' });
    cleanup();
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    renderHobby();
    expect(await screen.findByText(/Näet tiedot, jotka tallennettiin/)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Kiipeily 42');
    cleanup();
    renderHobby('7');
    expect((await screen.findByRole('alert')).textContent).toContain('Tähän tarvitaan verkkoyhteys');
  });
});
