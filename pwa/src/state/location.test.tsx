import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hasKey } from '../i18n';
import { defaultSettings, settings, updateSettings, type Settings } from './settings';
import { useLocationChoice, type LocationChoice, type LocationStatus } from './location';
import {
  AreaField,
  LocateButton,
  LocationStatusLine,
  STATUS_KEYS,
  type LocationWords,
} from '../components/Pickers';

let choice: LocationChoice;
let saved: Pick<Settings, 'place'>[];

function Harness({ words, remember }: { words: LocationWords; remember?: boolean }) {
  choice = useLocationChoice(
    (patch) => {
      saved.push(patch);
      updateSettings(patch);
    },
    { areaField: 'where', remember },
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        choice.saveArea();
      }}
    >
      <LocateButton choice={choice} words={words} />
      <LocationStatusLine choice={choice} words={words} />
      {words !== 'search' && (
        <AreaField choice={choice} words={words} id="where">
          <button type="submit">save</button>
        </AreaField>
      )}
      <button type="button" onClick={choice.clear}>
        clear
      </button>
    </form>
  );
}

/** The browser's geolocation, answering as `answer` says (or never, to stay busy). */
function geolocation(answer: (ok: PositionCallback, fail: PositionErrorCallback) => void) {
  const getCurrentPosition = vi.fn(answer);
  Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
  return getCurrentPosition;
}

const failure = (code: number) =>
  ({ code, PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 }) as GeolocationPositionError;
const status = () => screen.getByRole('status');
const locateButton = () => screen.getByRole('button', { name: 'Käytä sijaintiani' });

beforeEach(() => {
  saved = [];
  settings.value = { ...defaultSettings(), language: 'fi' };
});

afterEach(() => {
  cleanup();
  delete (navigator as { geolocation?: unknown }).geolocation;
});

describe('every screen has words for what it can show', () => {
  const reachable: Record<LocationWords, LocationStatus[]> = {
    welcome: ['busy', 'located', 'denied', 'unavailable'],
    settings: ['busy', 'located', 'denied', 'unavailable', 'areaSaved', 'cleared'],
    search: ['busy', 'located', 'denied', 'unavailable'],
  };
  for (const [words, statuses] of Object.entries(reachable)) {
    it(words, () => {
      const keys = ['useMyLocation', ...statuses.map((s) => STATUS_KEYS[s])];
      if (words !== 'search') keys.push('areaLabel', 'areaHint', 'areaInvalid');
      expect(keys.filter((key) => !hasKey(`${words}.${key}`))).toEqual([]);
    });
  }
});

describe('useLocationChoice', () => {
  it('keeps the location rounded to about 100 m and empties the typed area', () => {
    geolocation((ok) => ok({ coords: { latitude: 60.1841234, longitude: 24.9494321 } } as GeolocationPosition));
    render(<Harness words="settings" />);
    fireEvent.input(screen.getByLabelText('Postinumero tai alue'), { target: { value: 'Kallio' } });
    fireEvent.click(locateButton());
    expect(saved).toEqual([{ place: { kind: 'point', lat: 60.184, lon: 24.949 } }]);
    expect(choice.area).toBe('');
    expect(status().textContent).toBe('Sijaintisi on tallennettu.');
    expect(status().querySelector('svg')).not.toBeNull(); // the check mark
  });

  it('asks once while the browser is answering, and says so without losing the focus', () => {
    const ask = geolocation(() => {});
    render(<Harness words="welcome" />);
    fireEvent.click(locateButton());
    fireEvent.click(locateButton());
    expect(ask).toHaveBeenCalledTimes(1);
    expect(locateButton().getAttribute('aria-disabled')).toBe('true');
    expect(locateButton().hasAttribute('disabled')).toBe(false);
    expect(status().textContent).toBe('Haetaan sijaintia…');
  });

  it('tells a refusal from a location that could not be found', () => {
    let answer = failure(1);
    geolocation((_ok, fail) => fail(answer));
    render(<Harness words="search" />);
    fireEvent.click(locateButton());
    expect(status().textContent).toMatch(/Et antanut lupaa/);
    expect(status().className).toContain('status-error');
    answer = failure(3); // timed out
    fireEvent.click(locateButton());
    expect(status().textContent).toBe('Sijaintia ei löytynyt. Yritä myöhemmin uudelleen.');
    expect(saved).toEqual([]);
    expect(settings.value.place).toBeNull();
  });

  it('says "unavailable" when the browser has no geolocation', () => {
    render(<Harness words="welcome" />);
    fireEvent.click(locateButton());
    expect(status().textContent).toBe('Sijaintia ei löytynyt. Kirjoita postinumero tai alue.');
  });

  it('refuses a street address, focuses the field, and keeps a postal code', () => {
    render(<Harness words="settings" />);
    const input = screen.getByLabelText('Postinumero tai alue');
    fireEvent.input(input, { target: { value: 'Mannerheimintie 5' } });
    fireEvent.click(screen.getByRole('button', { name: 'save' }));
    expect(screen.getByRole('alert').textContent).toContain('viisinumeroinen postinumero');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('where-hint where-error');
    expect(document.activeElement).toBe(input);
    expect(saved).toEqual([]);

    fireEvent.input(input, { target: { value: ' 00530 ' } });
    expect(screen.queryByRole('alert')).toBeNull(); // typing again takes the error away
    expect(input.getAttribute('aria-describedby')).toBe('where-hint');
    fireEvent.click(screen.getByRole('button', { name: 'save' }));
    expect(saved).toEqual([{ place: { kind: 'area', area: '00530' } }]);
    expect((input as HTMLInputElement).value).toBe('00530');
    expect(status().textContent).toBe('Alue on tallennettu.');
  });

  it('uses no location after "clear"', () => {
    settings.value = { ...settings.value, place: { kind: 'area', area: 'Kallio' } };
    render(<Harness words="settings" />);
    expect(choice.area).toBe('Kallio'); // starts from the saved area
    fireEvent.click(screen.getByRole('button', { name: 'clear' }));
    expect(settings.value.place).toBeNull();
    expect(choice.area).toBe('');
    expect(status().textContent).toBe('Sijainti on poistettu.');
  });

  it('says a saved location at once when asked to remember it, and nothing a screen has no words for', () => {
    settings.value = { ...settings.value, place: { kind: 'point', lat: 60.2, lon: 24.9 } };
    render(<Harness words="welcome" remember />);
    expect(status().textContent).toBe('Sijainti tallennettu tähän laitteeseen.');
    fireEvent.input(screen.getByLabelText('Postinumero tai kaupunginosa'), { target: { value: '00530' } });
    fireEvent.click(screen.getByRole('button', { name: 'save' }));
    expect(settings.value.place).toEqual({ kind: 'area', area: '00530' });
    expect(status().textContent).toBe(''); // the first run has no "area saved": it moves on
  });
});
