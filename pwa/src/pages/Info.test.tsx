import { cleanup, render, screen } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import InfoPage from './Info';
import { cache } from '../state/cache';
import { defaultSettings, settings } from '../state/settings';
import { jsonResponse, mockFetch, type Call } from '../test/fetch';

const PAGE = {
  id: '5',
  type: 'PRIVACY_NOTICE',
  title: 'Tietosuojaseloste',
  slug: 'tietosuojaseloste',
  language: 'fi',
  isFallback: true,
  bodyHtml: '<section aria-labelledby="c"><h2 id="c">Rekisterinpitäjä</h2><p>Kaupunki</p></section>',
  lastPublishedAt: '2025-11-01T10:00:00Z',
};

function renderPage(slug: string) {
  return render(
    <LocationProvider>
      <InfoPage params={{ slug }} />
    </LocationProvider>,
  );
}

let calls: Call[];
beforeEach(() => {
  settings.value = { ...defaultSettings(), language: 'en', onboarded: true };
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Info page', () => {
  it('shows the CMS page in the interface language, or says which language it falls back to', async () => {
    ({ calls } = mockFetch(() => jsonResponse({ data: { page: PAGE } })));
    const { container } = renderPage('tietosuojaseloste');
    const h1 = await screen.findByRole('heading', { level: 1, name: 'Tietosuojaseloste' });
    expect(h1.getAttribute('lang')).toBe('fi');
    expect(screen.getByText('This page is not available in English. You are seeing it in another language.')).toBeTruthy();
    const body = container.querySelector('.cms-content')!;
    expect(body.getAttribute('lang')).toBe('fi');
    expect(screen.getByRole('heading', { level: 2, name: 'Rekisterinpitäjä' })).toBeTruthy();
    expect(screen.getByText('Updated 1 Nov 2025')).toBeTruthy();
    expect(calls[0].variables).toEqual({ slug: 'tietosuojaseloste', lang: 'EN' });
    expect(cache.get('page:tietosuojaseloste:en')).toMatchObject({ title: 'Tietosuojaseloste' });
  });

  it('marks nothing when the page is in the interface language', async () => {
    settings.value = { ...settings.value, language: 'fi' };
    mockFetch(() => jsonResponse({ data: { page: { ...PAGE, isFallback: false } } }));
    renderPage('tietosuojaseloste');
    const h1 = await screen.findByRole('heading', { level: 1, name: 'Tietosuojaseloste' });
    expect(h1.getAttribute('lang')).toBeNull();
    expect(screen.queryByText(/Tätä sivua ei ole suomeksi/)).toBeNull();
  });

  it('says kindly when there is no such page', async () => {
    mockFetch(() => jsonResponse({ data: { page: null } }));
    renderPage('nothing-here');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText(/This page does not exist/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the home page' }).getAttribute('href')).toBe('/');
  });

  it('shows the saved copy offline', async () => {
    mockFetch(() => jsonResponse({ data: { page: PAGE } }));
    renderPage('tietosuojaseloste');
    await screen.findByRole('heading', { level: 2, name: 'Rekisterinpitäjä' });
    cleanup();
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    renderPage('tietosuojaseloste');
    expect(await screen.findByText(/You are seeing what was saved/)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Rekisterinpitäjä' })).toBeTruthy();
  });

  it('says what went wrong when nothing is saved', async () => {
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    renderPage('tietosuojaseloste');
    expect((await screen.findByRole('alert')).textContent).toContain('This needs an internet connection');
  });
});
