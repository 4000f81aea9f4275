import { cleanup, render, screen, within } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Layout, focusPageHeading } from './Layout';
import { online } from '../state/online';
import { updateSettings } from '../state/settings';

function renderAt(path: string) {
  history.replaceState(null, '', path);
  return render(
    <LocationProvider>
      <Layout>
        <h1>Sivu</h1>
      </Layout>
    </LocationProvider>,
  );
}

beforeEach(() => {
  updateSettings({ language: 'fi' });
  online.value = true;
});

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

describe('Layout', () => {
  it('has a skip link to the main content, a header and the main navigation', () => {
    renderAt('/favourites');
    const skip = screen.getByRole('link', { name: 'Siirry sisältöön' });
    expect(skip.getAttribute('href')).toBe('#main');
    expect(document.getElementById('main')?.tagName).toBe('MAIN');
    const nav = screen.getByRole('navigation', { name: 'Päävalikko' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['Etusivu', 'Haku', 'Suosikit', 'Edut', 'Asetukset']);
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/', '/search', '/favourites', '/benefits', '/settings']);
    expect(within(nav).getByRole('link', { name: 'Suosikit' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Etusivu' }).getAttribute('aria-current')).toBeNull();
  });

  it('shows no navigation during the first run', () => {
    renderAt('/welcome');
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('says so when offline', async () => {
    renderAt('/');
    expect(screen.queryByText(/Ei verkkoyhteyttä/)).toBeNull();
    online.value = false;
    expect(await screen.findByText(/Ei verkkoyhteyttä/)).toBeTruthy();
  });

  it('moves focus to the page heading', () => {
    renderAt('/');
    focusPageHeading();
    expect(document.activeElement?.textContent).toBe('Sivu');
    expect(document.activeElement?.getAttribute('tabindex')).toBe('-1');
  });
});
