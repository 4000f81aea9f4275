import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HobbyCard } from './HobbyCard';
import { updateSettings } from '../state/settings';
import { hobby } from '../test/data';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('HobbyCard', () => {
  it('shows the title as a link, the next time, distance, price and badges', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-11-24T10:00:00Z'));
    updateSettings({ language: 'fi' });
    render(
      <HobbyCard
        hobby={hobby('42', {
          distanceKm: 2.44,
          price: { kind: 'PAID', amount: 30, unit: 'term' },
          trialSession: true,
          beginnerFriendly: true,
        })}
        reason="Koska pidät kiipeilystä"
      />,
    );
    const link = screen.getByRole('link', { name: 'Harrastus 42' });
    expect(link.getAttribute('href')).toBe('/hobbies/42');
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Harrastus 42');
    expect(screen.getByText('Koska pidät kiipeilystä')).toBeTruthy();
    expect(screen.getByText('huomenna klo 17.00').tagName).toBe('TIME');
    expect(screen.getByText(/2,4\skm päässä/)).toBeTruthy();
    expect(screen.getByText(/30\s€ \/ lukukausi/)).toBeTruthy();
    expect(screen.getByText('Eka kerta ilmaiseksi')).toBeTruthy();
    expect(screen.getByText('Sopii aloittelijalle')).toBeTruthy();
  });

  it('marks a title in another language and loads its picture lazily with a size', () => {
    updateSettings({ language: 'en' });
    const { container } = render(
      <HobbyCard
        hobby={hobby('7', {
          title: { text: 'Jalkapallokerho', language: 'fi' },
          image: {
            alt: { text: 'Pelaajia', language: 'fi' },
            renditions: [
              { size: 'SMALL', url: '/media/s.jpg', width: 320, height: 240 },
              { size: 'MEDIUM', url: '/media/m.jpg', width: 640, height: 480 },
            ],
          },
        })}
      />,
    );
    expect(screen.getByText('Jalkapallokerho').getAttribute('lang')).toBe('fi');
    const img = container.querySelector('img')!;
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('width')).toBe('320');
    expect(img.getAttribute('height')).toBe('240');
    expect(img.getAttribute('srcset')).toContain('/media/m.jpg 640w');
    expect(img.getAttribute('alt')).toBe('');
    expect(screen.getByText('Free')).toBeTruthy();
  });
});
