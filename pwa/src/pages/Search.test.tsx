import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SearchPage from './Search';
import { cache } from '../state/cache';
import { defaultSettings, settings } from '../state/settings';
import { setDeviceToken } from '../state/device';
import { hobby } from '../test/data';
import { jsonResponse, mockFetch, type Call } from '../test/fetch';

const drawMap = vi.hoisted(() => vi.fn());
vi.mock('../components/map/leaflet', () => ({ drawMap }));

const CATEGORIES = [
  { id: '1', slug: 'sports', icon: 'ball', name: { text: 'Urheilu', language: 'fi' }, hobbyCount: 3,
    children: [{ id: '2', slug: 'football', icon: 'football', name: { text: 'Jalkapallo', language: 'fi' }, hobbyCount: 2 }] },
  { id: '5', slug: 'music', icon: 'music', name: { text: 'Musiikki', language: 'fi' }, hobbyCount: 1, children: [] },
];

const venue = (lat: number | null) => ({ name: { text: 'Nuorisotalo', language: 'fi' }, latitude: lat, longitude: lat && 24.9 });

function page(ids: string[], { total = ids.length, next = false, cursor = 'c1' } = {}) {
  return {
    data: {
      hobbies: {
        totalCount: total,
        pageInfo: { hasNextPage: next, endCursor: cursor },
        edges: ids.map((id) => ({ node: { ...hobby(id), venue: venue(id === '3' ? null : 60.2) } })),
      },
    },
  };
}

let url = '';
function Where() {
  url = useLocation().url;
  return null;
}

function renderAt(path: string) {
  history.replaceState(null, '', path);
  return render(
    <LocationProvider>
      <Router>{[<Route key="search" path="/search" component={SearchPage} />]}</Router>
      <Where />
    </LocationProvider>,
  );
}

let answer: (call: Call) => unknown;
let calls: Call[];
const searches = () => calls.filter((c) => c.query.includes('query Search'));

beforeEach(() => {
  setDeviceToken(null);
  settings.value = { ...defaultSettings(), language: 'fi', onboarded: true };
  drawMap.mockReset();
  drawMap.mockImplementation(() => ({ setMarkers: vi.fn(), destroy: vi.fn() }));
  answer = () => page(['1', '2']);
  ({ calls } = mockFetch((call) => {
    if (call.query.includes('query Categories')) return jsonResponse({ data: { categories: CATEGORIES } });
    return jsonResponse(answer(call));
  }));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

describe('Search', () => {
  it('searches with the filters in the URL and shows them as chips that remove them', async () => {
    renderAt('/search?q=futis&cat=5&free=1&age=14&time=evening');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Hae harrastuksia');
    expect((screen.getByLabelText('Hakusanat') as HTMLInputElement).value).toBe('futis');
    expect(await screen.findByRole('heading', { name: '2 harrastusta' })).toBeTruthy();
    expect(searches()[0].variables).toEqual({
      text: 'futis',
      near: null,
      filter: { categories: ['5'], freeOnly: true, age: 14, timeFrom: '17:00' },
      first: 20,
      after: null,
    });
    expect(screen.getByRole('button', { name: /Rajaa hakua\s*4 valittu/ })).toBeTruthy();

    const chips = screen.getByRole('list', { name: 'Valitut rajaukset' });
    expect(within(chips).getAllByRole('button').map((b) => b.textContent?.replace('×', '').trim())).toEqual([
      'Poista rajaus: Musiikki',
      'Poista rajaus: Vain ilmaiset',
      'Poista rajaus: 14-vuotiaalle',
      'Poista rajaus: Ilta',
    ]);
    fireEvent.click(within(chips).getByRole('button', { name: 'Poista rajaus: Vain ilmaiset' }));
    await waitFor(() => expect(url).toBe('/search?q=futis&cat=5&age=14&time=evening'));
    await waitFor(() => expect(searches()).toHaveLength(2));
    expect(searches()[1].variables.filter).toEqual({ categories: ['5'], age: 14, timeFrom: '17:00' });
    await waitFor(() =>
      expect(document.activeElement?.textContent).toContain('14-vuotiaalle'),
    );
  });

  it('searches as you type, after a pause, without a history entry per letter', async () => {
    renderAt('/search');
    await screen.findByRole('heading', { name: '2 harrastusta' });
    const push = vi.spyOn(history, 'pushState');
    const input = screen.getByLabelText('Hakusanat');
    input.focus();
    fireEvent.input(input, { target: { value: 'ki' } });
    fireEvent.input(input, { target: { value: 'kitara' } });
    expect(url).toBe('/search');
    await waitFor(() => expect(url).toBe('/search?q=kitara'));
    expect(push).not.toHaveBeenCalled();
    await waitFor(() => expect(searches().at(-1)!.variables.text).toBe('kitara'));
    expect(searches().filter((c) => c.variables.text === 'ki')).toHaveLength(0);
    expect(document.activeElement).toBe(input);
    expect(await screen.findByText('Löytyi 2 harrastusta')).toBeTruthy();
  });

  it('follows Back and Forward (the URL decides the words)', async () => {
    renderAt('/search?q=futis');
    await screen.findByRole('heading', { name: '2 harrastusta' });
    history.replaceState(null, '', '/search?q=kuoro');
    fireEvent(window, new PopStateEvent('popstate'));
    await waitFor(() => expect((screen.getByLabelText('Hakusanat') as HTMLInputElement).value).toBe('kuoro'));
    await waitFor(() => expect(searches().at(-1)!.variables.text).toBe('kuoro'));
  });

  it('has a filter sheet: a dialog that applies on "Show results" and gives focus back', async () => {
    renderAt('/search?q=futis');
    await screen.findByRole('heading', { name: '2 harrastusta' });
    const opener = screen.getByRole('button', { name: 'Rajaa hakua' });
    expect(opener.getAttribute('aria-haspopup')).toBe('dialog');
    fireEvent.click(opener);
    const sheet = await screen.findByRole('dialog', { name: 'Rajaa hakua' });
    expect((sheet as HTMLDialogElement).open).toBe(true);
    expect(await within(sheet).findByLabelText(/Musiikki/)).toBeTruthy();

    fireEvent.click(within(sheet).getByLabelText(/Musiikki/));
    fireEvent.click(within(sheet).getByLabelText('Vain ilmaiset'));
    fireEvent.change(within(sheet).getByLabelText('Ikä'), { target: { value: '13' } });
    fireEvent.click(within(sheet).getByLabelText('tiistai'));
    fireEvent.click(within(sheet).getByLabelText('Iltapäivä (klo 12–17)'));
    fireEvent.click(within(sheet).getByLabelText('Eka kerta ilmaiseksi'));
    fireEvent.click(within(sheet).getByLabelText('Sopii aloittelijalle'));
    fireEvent.click(within(sheet).getByLabelText('Ruotsi'));
    fireEvent.click(within(sheet).getByRole('button', { name: 'Näytä tulokset' }));

    await waitFor(() =>
      expect(url).toBe('/search?q=futis&cat=5&free=1&age=13&day=tue&time=afternoon&trial=1&beginner=1&lang=sv'),
    );
    expect((sheet as HTMLDialogElement).open).toBe(false);
    expect(document.activeElement).toBe(opener);
    await waitFor(() =>
      expect(searches().at(-1)!.variables.filter).toEqual({
        categories: ['5'],
        freeOnly: true,
        age: 13,
        weekdays: ['TUE'],
        timeFrom: '12:00',
        timeTo: '16:59',
        trialSession: true,
        beginnerFriendly: true,
        languages: ['sv'],
      }),
    );
  });

  it('throws away the changes when the sheet is closed with Escape', async () => {
    renderAt('/search');
    await screen.findByRole('heading', { name: '2 harrastusta' });
    fireEvent.click(screen.getByRole('button', { name: 'Rajaa hakua' }));
    const sheet = screen.getByRole('dialog');
    fireEvent.click(within(sheet).getByLabelText('Vain ilmaiset'));
    fireEvent(sheet, new Event('cancel', { cancelable: true }));
    await waitFor(() => expect((sheet as HTMLDialogElement).open).toBe(false));
    expect(url).toBe('/search');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rajaa hakua' }));
    fireEvent.click(screen.getByRole('button', { name: 'Rajaa hakua' }));
    expect((within(sheet).getByLabelText('Vain ilmaiset') as HTMLInputElement).checked).toBe(false);
  });

  it('suggests what to loosen when nothing is found', async () => {
    answer = (call) => (call.variables.filter ? page([]) : page(['1']));
    renderAt('/search?age=14&km=5');
    settings.value = { ...settings.value, place: { kind: 'point', lat: 60.2, lon: 24.9 } };
    expect(await screen.findByRole('heading', { name: 'Yhtään harrastusta ei löytynyt' })).toBeTruthy();
    expect(searches().at(-1)!.variables.near).toEqual({ lat: 60.2, lon: 24.9, radiusKm: 5 });
    const options = screen.getByRole('list', { name: 'Kokeile väljentää hakua:' });
    expect(within(options).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Hae laajemmalta (10 km)',
      'Poista ikärajaus',
      'Poista kaikki rajaukset',
    ]);
    fireEvent.click(within(options).getByRole('button', { name: 'Poista ikärajaus' }));
    await waitFor(() => expect(url).toBe('/search?km=5'));
  });

  it('gives a spelling tip when words alone find nothing', async () => {
    answer = () => page([]);
    renderAt('/search?q=xyzzy');
    expect(await screen.findByText(/Tarkista, että sanat on kirjoitettu oikein/)).toBeTruthy();
  });

  it('asks for the location when a distance is chosen without one', async () => {
    renderAt('/search?km=5');
    expect(await screen.findByText(/Etäisyysrajaus ei ole vielä käytössä/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Käytä sijaintiani' })).toBeTruthy();
    expect(searches()[0].variables.near).toBeNull();
  });

  it('shows more with the cursor and moves focus to the first new result', async () => {
    answer = (call) =>
      call.variables.after ? page(['3', '4'], { total: 4 }) : page(['1', '2'], { total: 4, next: true, cursor: 'c1' });
    renderAt('/search?q=kuvis');
    await screen.findByRole('heading', { name: '4 harrastusta' });
    expect(screen.getByText('Näytetään 2/4')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Näytä lisää' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Harrastus 3'));
    expect(searches().at(-1)!.variables.after).toBe('c1');
    expect(screen.getAllByRole('article')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: 'Näytä lisää' })).toBeNull();
    expect(cache.get<{ hobbies: unknown[] }>('search:q=kuvis')!.hobbies).toHaveLength(4);
  });

  it('loads the map only on the map view, with the places also as a list', async () => {
    answer = () => page(['1', '2', '3']);
    renderAt('/search?q=kuoro');
    await screen.findByRole('heading', { name: '3 harrastusta' });
    expect(drawMap).not.toHaveBeenCalled();
    const mapButton = screen.getByRole('button', { name: 'Kartalla' });
    expect(mapButton.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(mapButton);
    await waitFor(() => expect(url).toBe('/search?q=kuoro&view=map'));
    await waitFor(() => expect(drawMap).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('button', { name: 'Kartalla' }).getAttribute('aria-pressed')).toBe('true');
    const [, markers, options] = drawMap.mock.calls[0];
    // one marker per place; the hobbies there are links in its popup
    expect(markers).toEqual([
      {
        id: '1@60.2,24.9',
        lat: 60.2,
        lon: 24.9,
        title: 'Nuorisotalo',
        titleLang: undefined,
        label: 'Nuorisotalo: 2 harrastusta',
        links: [
          { title: 'Harrastus 1', lang: undefined, href: '/hobbies/1' },
          { title: 'Harrastus 2', lang: undefined, href: '/hobbies/2' },
        ],
      },
    ]);
    expect(options).toMatchObject({ label: 'Kartta hakutuloksista', zoomIn: 'Lähennä', zoomOut: 'Loitonna' });
    expect(screen.getByRole('heading', { name: 'Kartan paikat listana' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Harrastus 2' }).getAttribute('href')).toBe('/hobbies/2');
    expect(screen.getByText('1 harrastuksella ei ole paikkaa kartalla.')).toBeTruthy();
  });

  it('shows the saved results offline, saying when they were saved', async () => {
    renderAt('/search?q=futis');
    await screen.findByRole('heading', { name: '2 harrastusta' });
    cleanup();
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    renderAt('/search?q=futis');
    expect(await screen.findByText(/Näet tiedot, jotka tallennettiin/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Harrastus 1' })).toBeTruthy();
  });

  it('says what went wrong when nothing is saved, and offers to clear a filter that no longer works', async () => {
    mockFetch((call) => {
      if (call.query.includes('query Categories')) throw new TypeError('Failed to fetch');
      return jsonResponse({ data: null, errors: [{ message: 'No such category', path: ['hobbies'], extensions: { code: 'NOT_FOUND', field: 'categories' } }] });
    });
    renderAt('/search?q=x&cat=999');
    expect((await screen.findByRole('alert')).textContent).toContain('Jokin valinnoista ei enää toimi');
    fireEvent.click(screen.getByRole('button', { name: 'Tyhjennä rajaukset' }));
    await waitFor(() => expect(url).toBe('/search?q=x'));
  });
});
