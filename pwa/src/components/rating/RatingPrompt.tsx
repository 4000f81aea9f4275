import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { closeRating, ratingPrompt } from '../../state/rating';
import { ApiError } from '../../api/client';
import { submitFeedback } from '../../api/feedback';
import { errorMessage } from '../ErrorNotice';
import { StarInputs } from './Stars';

/** How long the thank-you stays when nobody is using the card. */
export const THANKS_MS = 8000;

function starLabel(n: number): string {
  return [t('rating.star1'), t('rating.star2'), t('rating.star3'), t('rating.star4'), t('rating.star5')][n - 1];
}

type Phase = 'ask' | 'sending' | 'thanks';

/**
 * "How did it go?": a small card at the bottom of the screen after a completed action (see `state/rating.ts`),
 * never a dialog — the page stays usable and the focus stays where it was; a polite live region says that the
 * card is there. Five stars (radio buttons), Send and Not now. The rating goes anonymously with
 * `submitFeedback` (the hobby when known, channel WEB), then a thank-you that closes itself.
 */
export function RatingPrompt() {
  const request = ratingPrompt.value;
  const [rating, setRating] = useState<number | null>(null);
  const [phase, setPhase] = useState<Phase>('ask');
  const [problem, setProblem] = useState<string | null>(null);
  const cardRef = useRef<HTMLElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const moveFocus = useRef(false);

  useEffect(() => {
    setRating(null);
    setPhase('ask');
    setProblem(null);
  }, [request]);

  const focusInside = () => !!cardRef.current?.contains(document.activeElement);

  const close = () => {
    const had = focusInside();
    closeRating();
    setPhase('ask');
    // the card goes away: a keyboard user continues from the page's heading instead of from nowhere
    if (had) document.querySelector<HTMLElement>('main h1')?.focus();
  };

  useEffect(() => {
    if (phase !== 'thanks') return;
    if (moveFocus.current) closeRef.current?.focus();
    moveFocus.current = false;
    const timer = setTimeout(() => {
      if (!focusInside()) closeRating();
    }, THANKS_MS);
    return () => clearTimeout(timer);
  }, [phase]);

  const send = async (event: Event) => {
    event.preventDefault();
    if (phase !== 'ask' || !request) return;
    if (rating === null) {
      setProblem(t('rating.choose'));
      cardRef.current?.querySelector<HTMLElement>('input[type="radio"]')?.focus();
      return;
    }
    setPhase('sending');
    setProblem(null);
    try {
      const errors = await submitFeedback({ rating, text: '', hobbyId: request.hobbyId });
      if (errors.length) throw new ApiError(errors[0].code, errors[0].message);
      moveFocus.current = focusInside(); // the button the person pressed goes away
      setPhase('thanks');
    } catch (error) {
      setProblem(errorMessage(error instanceof ApiError ? error : undefined));
      setPhase('ask');
    }
  };

  return (
    <div class="rating-slot">
      {/* always there, so that screen readers notice when its words change */}
      <p class="visually-hidden" role="status">
        {request ? (phase === 'thanks' ? t('rating.thanks') : t('rating.announce')) : ''}
      </p>
      {request && (
        <section class="rating-card" aria-labelledby="rating-title" ref={cardRef} data-testid="rating-card">
          <h2 id="rating-title">{t('rating.title')}</h2>
          {phase === 'thanks' ? (
            <>
              <p>{t('rating.thanks')}</p>
              <div class="button-row">
                <button type="button" class="button" ref={closeRef} onClick={close}>
                  {t('common.close')}
                </button>
              </div>
            </>
          ) : (
            <form onSubmit={send} noValidate>
              <p id="rating-intro">{t('rating.intro')}</p>
              <div role="radiogroup" aria-labelledby="rating-title" aria-describedby="rating-intro">
                <StarInputs name="quick-rating" value={rating} onChange={setRating} label={starLabel} />
              </div>
              {problem && (
                <p class="notice notice-error" role="alert">
                  {problem}
                </p>
              )}
              <div class="button-row">
                {/* aria-disabled, not disabled, while sending: a disabled button would drop the keyboard focus */}
                <button
                  type="submit"
                  class="button button-primary"
                  aria-disabled={phase === 'sending' ? 'true' : undefined}
                >
                  {phase === 'sending' ? t('rating.sending') : t('rating.send')}
                </button>
                <button type="button" class="button" onClick={close}>
                  {t('rating.notNow')}
                </button>
              </div>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
