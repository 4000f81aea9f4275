import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import FavouritesPage from './Favourites';
import { cache } from '../state/cache';
import { defaultSettings, settings } from '../state/settings';
import { setDeviceToken } from '../state/device';
import { hobby } from '../test/data';
import { jsonResponse, mockFetch, type Call } from '../test/fetch';

const LIST = { data: { favourites: { edges: [{ node: hobby('1') }, { node: hobby('2') }] } } };
const removed = (id: string) => ({ data: { removeFavourite: { hobbyId: id, favourited: false, errors: [] } } });
const added = (id: string) => ({ data: { addFavourite: { hobbyId: id, favourited: true, errors: [] } } });

function renderPage() {
  return render(
    <LocationProvider>
      <FavouritesPage />
    </LocationProvider>,
  );
}

let calls: Call[];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-11-24T10:00:00Z'));
  setDeviceToken('token-1');
  settings.value = { ...defaultSettings(), language: 'fi', onboarded: true };
  ({ calls } = mockFetch((call) => {
    if (call.query.includes('removeFavourite')) return jsonResponse(removed(String(call.variables.hobbyId)));
    if (call.query.includes('addFavourite')) return jsonResponse(added(String(call.variables.hobbyId)));
    return jsonResponse(LIST);
  }));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Favourites', () => {
  it('shows the saved hobbies as cards and keeps them for offline use', async () => {
    renderPage();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Suosikit');
    expect(await screen.findByRole('link', { name: 'Harrastus 1' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Harrastus 1', 'Harrastus 2']);
    expect(screen.getByText('Sinulla on 2 suosikkia.')).toBeTruthy();
    expect(calls[0].query).toContain('favourites(first: $first)');
    expect(calls[0].headers.Authorization).toBe('Device token-1');
    expect(cache.get('favourites')).toHaveLength(2);
  });

  it('removes a favourite, and can undo it', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Poista Harrastus 1 suosikeista' }));
    expect(await screen.findByText('Harrastus 1 poistettiin suosikeista.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Harrastus 1' })).toBeNull();
    expect(calls.find((c) => c.query.includes('removeFavourite'))!.variables).toEqual({ hobbyId: '1' });
    expect((cache.get('favourites') as { id: string }[]).map((h) => h.id)).toEqual(['2']);
    expect(screen.getByText('Sinulla on 1 suosikki.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Peru poisto' }));
    expect(await screen.findByText('Harrastus 1 on taas suosikeissa.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Harrastus 1' })).toBeTruthy();
    expect((cache.get('favourites') as { id: string }[]).map((h) => h.id)).toEqual(['1', '2']);
  });

  it('says so when removing fails offline, and keeps the card', async () => {
    renderPage();
    const button = await screen.findByRole('button', { name: 'Poista Harrastus 2 suosikeista' });
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Suosikkia ei voitu poistaa.'));
    expect(screen.getByRole('alert').textContent).toContain('Tähän tarvitaan verkkoyhteys');
    expect(screen.getByRole('link', { name: 'Harrastus 2' })).toBeTruthy();
  });

  it('points to search when there are none (and asks nothing before the device has registered)', async () => {
    setDeviceToken(null);
    renderPage();
    expect(await screen.findByRole('heading', { name: 'Ei vielä suosikkeja' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Etsi harrastuksia' }).getAttribute('href')).toBe('/search');
    expect(calls).toHaveLength(0);
  });

  it('shows the saved list offline', async () => {
    renderPage();
    await screen.findByRole('link', { name: 'Harrastus 1' });
    cleanup();
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    renderPage();
    expect(await screen.findByText(/Näet tiedot, jotka tallennettiin tänään klo 12\.00/)).toBeTruthy();
    expect(screen.getAllByRole('article')).toHaveLength(2);
  });
});
