import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import FeedbackPage from './Feedback';
import { defaultSettings, settings } from '../state/settings';
import { setDeviceToken } from '../state/device';
import { offerRating } from '../state/rating';
import { jsonResponse, mockFetch, type Call } from '../test/fetch';

function renderPage() {
  return render(
    <LocationProvider>
      <FeedbackPage />
    </LocationProvider>,
  );
}

const ok = () => jsonResponse({ data: { submitFeedback: { ok: true, errors: [] } } });

let calls: Call[];
beforeEach(() => {
  setDeviceToken('token-1');
  settings.value = { ...defaultSettings(), language: 'en', onboarded: true };
  ({ calls } = mockFetch(ok));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Feedback', () => {
  it('has five labelled stars in a group and an optional text with its limit', () => {
    renderPage();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Give feedback');
    const group = screen.getByRole('group', { name: 'How many stars do you give?' });
    expect(group.tagName).toBe('FIELDSET');
    const stars = screen.getAllByRole('radio');
    expect(stars.map((s) => s.getAttribute('name'))).toEqual(Array(5).fill('rating'));
    expect(screen.getByLabelText('1 star')).toBe(stars[0]);
    expect(screen.getByLabelText('5 stars')).toBe(stars[4]);
    const text = screen.getByLabelText('Tell us more (you can leave this empty)');
    expect(text.getAttribute('maxlength')).toBe('2000');
    expect(text.getAttribute('aria-describedby')).toBe('feedback-text-hint feedback-count');
    expect(screen.getByText(/At most 2,000 characters/)).toBeTruthy();
    expect(screen.getByText('2,000 characters left')).toBeTruthy();
  });

  it('asks for stars or a text before sending', () => {
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Send feedback' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose stars or write something before you send.');
    expect(document.activeElement).toBe(screen.getByLabelText('1 star'));
    expect(calls).toHaveLength(0);
  });

  it('sends the stars and the text anonymously and says thank you', async () => {
    renderPage();
    fireEvent.click(screen.getByLabelText('4 stars'));
    fireEvent.input(screen.getByLabelText(/Tell us more/), { target: { value: '  Nice app!  ' } });
    expect(screen.getByText('1,987 characters left')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send feedback' }));
    const thanks = await screen.findByRole('heading', { name: 'Thank you for your feedback!' });
    await waitFor(() => expect(document.activeElement).toBe(thanks));
    expect(calls[0].variables).toEqual({ input: { rating: 4, text: 'Nice app!', channel: 'WEB' } });
    expect(calls[0].headers.Authorization).toBeUndefined();
    // feedback just given: no "How did it go?" after the next sign-up or benefit
    expect(offerRating('join', '42')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Give more feedback' }));
    expect((screen.getByLabelText('4 stars') as HTMLInputElement).checked).toBe(false);
  });

  it('shows the server’s message next to the field', async () => {
    mockFetch(() =>
      jsonResponse({
        data: {
          submitFeedback: { ok: false, errors: [{ field: 'text', message: 'The text contains invalid characters.', code: 'INVALID_INPUT' }] },
        },
      }),
    );
    renderPage();
    const text = screen.getByLabelText(/Tell us more/);
    fireEvent.input(text, { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send feedback' }));
    await waitFor(() => expect(text.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('The text contains invalid characters.').getAttribute('role')).toBe('alert');
    expect(text.getAttribute('aria-describedby')).toContain('feedback-text-error');
    expect(document.activeElement).toBe(text);
  });

  it('keeps the text and says so when offline', async () => {
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    renderPage();
    fireEvent.click(screen.getByLabelText('2 stars'));
    fireEvent.input(screen.getByLabelText(/Tell us more/), { target: { value: 'Hmm' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send feedback' }));
    await waitFor(() =>
      expect(screen.getByText('This needs an internet connection. Try again when you are back online.')).toBeTruthy(),
    );
    expect((screen.getByLabelText(/Tell us more/) as HTMLTextAreaElement).value).toBe('Hmm');
  });
});
