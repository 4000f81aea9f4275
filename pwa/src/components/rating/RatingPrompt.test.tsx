import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RatingPrompt, THANKS_MS } from './RatingPrompt';
import { online } from '../../state/online';
import { defaultSettings, settings } from '../../state/settings';
import { setDeviceToken } from '../../state/device';
import {
  RATING_INTERVAL_MS,
  closeRating,
  forgetRating,
  noteFeedbackSent,
  offerRating,
  ratingPrompt,
} from '../../state/rating';
import { jsonResponse, mockFetch, type Call } from '../../test/fetch';

const NOW = new Date('2026-11-22T10:00:00Z').getTime();
const DAY = 24 * 60 * 60 * 1000;

let calls: Call[];
const sent = () => calls.filter((c) => c.query.includes('submitFeedback'));

/** The card with a page heading before it (where focus goes when the card closes under the keyboard). */
function renderPrompt() {
  return render(
    <>
      <main>
        <h1 tabIndex={-1}>Edut</h1>
        <button type="button">Käytä etu</button>
      </main>
      <RatingPrompt />
    </>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  online.value = true;
  setDeviceToken('token-1');
  settings.value = { ...defaultSettings(), language: 'en', onboarded: true };
  ({ calls } = mockFetch(() => jsonResponse({ data: { submitFeedback: { ok: true, errors: [] } } })));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('when the rating is offered', () => {
  it('after a completed action, once: not again within 30 days, again after them', () => {
    expect(offerRating('redemption', '1')).toBe(true);
    expect(ratingPrompt.value).toEqual({ trigger: 'redemption', hobbyId: '1' });
    expect(localStorage.getItem('hp:rating:shownAt')).toBe(String(NOW));
    closeRating();
    expect(offerRating('join', '42', NOW + DAY)).toBe(false);
    expect(offerRating('join', '42', NOW + RATING_INTERVAL_MS - 1)).toBe(false);
    expect(ratingPrompt.value).toBeNull();
    expect(offerRating('join', '42', NOW + RATING_INTERVAL_MS)).toBe(true);
    expect(ratingPrompt.value).toEqual({ trigger: 'join', hobbyId: '42' });
  });

  it('counts a dismissed prompt as shown', () => {
    offerRating('join', '42');
    renderPrompt();
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.queryByTestId('rating-card')).toBeNull();
    expect(offerRating('redemption', '1', NOW + 2 * DAY)).toBe(false);
    expect(sent()).toHaveLength(0);
  });

  it('not within 30 days of feedback sent from the feedback screen', () => {
    noteFeedbackSent(NOW - 10 * DAY);
    expect(offerRating('redemption', '1')).toBe(false);
    expect(offerRating('redemption', '1', NOW + 20 * DAY)).toBe(true);
  });

  it('not offline', () => {
    online.value = false;
    expect(offerRating('redemption', '1')).toBe(false);
    expect(localStorage.getItem('hp:rating:shownAt')).toBeNull(); // not shown, so not counted
    online.value = true;
    expect(offerRating('redemption', '1')).toBe(true);
  });

  it('not with a clock set back, and forgotten with "delete my data"', () => {
    offerRating('join', null);
    closeRating();
    expect(offerRating('join', null, NOW - 3 * DAY)).toBe(false);
    forgetRating();
    expect(Object.keys(localStorage).filter((key) => /rating|feedback/.test(key))).toEqual([]);
    expect(offerRating('join', null)).toBe(true);
  });
});

describe('RatingPrompt', () => {
  it('shows nothing until offered, then a named card that is announced without taking the focus', async () => {
    renderPrompt();
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    expect(screen.queryByTestId('rating-card')).toBeNull();
    const opener = screen.getByRole('button', { name: 'Käytä etu' });
    opener.focus();

    offerRating('redemption', '1');
    const card = await screen.findByRole('region', { name: 'How did it go?' });
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe('How did it go?');
    expect(card.closest('[role="dialog"], dialog')).toBeNull(); // a card, not a modal
    expect(status.textContent).toBe('How did it go? You can give stars at the bottom of the screen.');
    expect(document.activeElement).toBe(opener);

    const group = within(card).getByRole('radiogroup', { name: 'How did it go?' });
    const stars = within(group).getAllByRole('radio');
    expect(stars.map((s) => s.getAttribute('name'))).toEqual(Array(5).fill('quick-rating'));
    expect(within(group).getByLabelText('1 star – poor')).toBe(stars[0]);
    expect(within(group).getByLabelText('5 stars – great')).toBe(stars[4]);
    expect(within(card).getByRole('button', { name: 'Not now' })).toBeTruthy();
  });

  it('sends the stars anonymously with the hobby and the channel, then thanks and closes itself', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(NOW);
    offerRating('join', '42');
    renderPrompt();
    const card = screen.getByTestId('rating-card');
    fireEvent.click(within(card).getByLabelText('4 stars – good'));
    expect(within(card).getByText('4 stars – good', { selector: '.stars-chosen' })).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Send' }));
    await vi.waitFor(() => expect(within(card).getByText(/Thank you!/)).toBeTruthy());
    expect(sent()).toHaveLength(1);
    expect(sent()[0].variables).toEqual({ input: { channel: 'WEB', rating: 4, hobbyId: '42' } });
    expect(sent()[0].headers.Authorization).toBeUndefined(); // never tied to the device
    expect(screen.getAllByRole('status')[0].textContent).toBe(
      'Thank you! Your answer helps us make the service better.',
    );
    vi.advanceTimersByTime(THANKS_MS);
    await vi.waitFor(() => expect(screen.queryByTestId('rating-card')).toBeNull());
    expect(ratingPrompt.value).toBeNull();
  });

  it('asks for stars before sending, and keeps the card when sending fails', async () => {
    offerRating('redemption', null);
    renderPrompt();
    const card = screen.getByTestId('rating-card');
    fireEvent.click(within(card).getByRole('button', { name: 'Send' }));
    expect(within(card).getByRole('alert').textContent).toBe('Choose the stars first.');
    expect(document.activeElement).toBe(within(card).getByLabelText('1 star – poor'));
    expect(sent()).toHaveLength(0);

    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    fireEvent.click(within(card).getByLabelText('2 stars – not great'));
    fireEvent.click(within(card).getByRole('button', { name: 'Send' }));
    expect((await within(card).findByRole('alert')).textContent).toBe(
      'This needs an internet connection. Try again when you are back online.',
    );
    expect(within(card).getByRole('button', { name: 'Send' })).toBeTruthy();
  });

  it('keeps the keyboard on the thanks and returns it to the page heading on closing', async () => {
    offerRating('redemption', '1');
    renderPrompt();
    const card = screen.getByTestId('rating-card');
    const five = within(card).getByLabelText('5 stars – great');
    five.focus();
    fireEvent.click(five);
    const send = within(card).getByRole('button', { name: 'Send' });
    send.focus();
    fireEvent.click(send);
    const close = await within(card).findByRole('button', { name: 'Close' });
    await waitFor(() => expect(document.activeElement).toBe(close));
    expect(sent()[0].variables).toEqual({ input: { channel: 'WEB', rating: 5, hobbyId: '1' } });
    fireEvent.click(close);
    expect(screen.queryByTestId('rating-card')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
  });
});
