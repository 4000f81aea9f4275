/**
 * Feedback (/feedback): five stars (a radio group: arrow keys move, each star labelled "1 star" … "5 stars")
 * and an optional text, on one screen. Either is enough. Sent anonymously with `submitFeedback`; the person's
 * text stays when sending fails, and every error is announced.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { usePageTitle } from '../hooks/usePageTitle';
import { ApiError } from '../api/client';
import { FEEDBACK_MAX_LENGTH, submitFeedback } from '../api/feedback';
import { errorMessage } from '../components/ErrorNotice';
import { StarInputs } from '../components/rating/Stars';
import { noteFeedbackSent } from '../state/rating';
import './Feedback.css';

interface Problems {
  rating?: string;
  text?: string;
  /** Neither given, or the request failed: announced above the button. */
  form?: string;
}

export default function FeedbackPage() {
  usePageTitle(t('feedback.title'));
  const [rating, setRating] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [sent, setSent] = useState(false);
  const thanksRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (sent) thanksRef.current?.focus();
  }, [sent]);

  const focusField = (name: 'rating' | 'text') => {
    const form = formRef.current;
    if (!form) return;
    if (name === 'text') form.querySelector<HTMLElement>('#feedback-text')?.focus();
    else form.querySelector<HTMLElement>('input[name="rating"]:checked, input[name="rating"]')?.focus();
  };

  const send = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    if (rating === null && !text.trim()) {
      setProblems({ form: t('feedback.missing') });
      focusField('rating');
      return;
    }
    setSending(true);
    setProblems({});
    try {
      const errors = await submitFeedback({ rating, text });
      if (errors.length) {
        const found: Problems = {};
        for (const e of errors) if (e.field === 'rating' || e.field === 'text') found[e.field] ??= e.message;
        setProblems(found);
        focusField(found.rating ? 'rating' : 'text');
        return;
      }
      noteFeedbackSent(); // no quick rating question for a while
      setSent(true);
    } catch (error) {
      setProblems({ form: errorMessage(error instanceof ApiError ? error : undefined) });
    } finally {
      setSending(false);
    }
  };

  const again = () => {
    setRating(null);
    setText('');
    setProblems({});
    setSent(false);
  };

  const left = FEEDBACK_MAX_LENGTH - text.length;
  const textDescribedBy = ['feedback-text-hint', 'feedback-count', problems.text ? 'feedback-text-error' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div class="page feedback">
      <h1>{t('feedback.title')}</h1>
      {sent ? (
        <div class="feedback-thanks" role="status">
          <h2 ref={thanksRef} tabIndex={-1}>
            {t('feedback.thanksTitle')}
          </h2>
          <p>{t('feedback.thanksText')}</p>
          <div class="button-row">
            <a class="button button-primary" href="/">
              {t('common.backHome')}
            </a>
            <button type="button" class="button" onClick={again}>
              {t('feedback.another')}
            </button>
          </div>
        </div>
      ) : (
        <form ref={formRef} class="feedback-form" onSubmit={send} noValidate>
          <p class="lead">{t('feedback.intro')}</p>
          <fieldset
            class="stars"
            aria-describedby={problems.rating ? 'feedback-rating-error' : undefined}
            aria-invalid={problems.rating ? 'true' : undefined}
          >
            <legend>{t('feedback.ratingLegend')}</legend>
            <StarInputs
              name="rating"
              value={rating}
              onChange={setRating}
              label={(count) => t('feedback.star', { count })}
            />
            {problems.rating && (
              <p class="field-error" id="feedback-rating-error" role="alert">
                {problems.rating}
              </p>
            )}
          </fieldset>

          <div class="field">
            <label for="feedback-text">{t('feedback.textLabel')}</label>
            <p class="field-hint" id="feedback-text-hint">
              {t('feedback.textHint', { max: FEEDBACK_MAX_LENGTH })}
            </p>
            <textarea
              id="feedback-text"
              name="text"
              rows={5}
              maxLength={FEEDBACK_MAX_LENGTH}
              value={text}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
              aria-describedby={textDescribedBy}
              aria-invalid={problems.text ? 'true' : undefined}
            />
            <p class={`field-count${left < 100 ? ' field-count-low' : ''}`} id="feedback-count">
              {t('feedback.charactersLeft', { count: left })}
            </p>
            {problems.text && (
              <p class="field-error" id="feedback-text-error" role="alert">
                {problems.text}
              </p>
            )}
          </div>

          <div role="alert">{problems.form && <p class="notice notice-error">{problems.form}</p>}</div>

          <p>
            {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus */}
            <button type="submit" class="button button-primary" aria-disabled={sending ? 'true' : undefined}>
              {sending ? t('feedback.sending') : t('feedback.send')}
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
