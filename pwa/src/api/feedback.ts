/** Feedback: a star rating and/or a short text. The server never links it to the device. */
import { ApiError, fieldErrors, gql } from './client';
import type { FieldError } from './types';

/** The server's limit (backend/api/devices.py MAX_FEEDBACK_TEXT). */
export const FEEDBACK_MAX_LENGTH = 2000;

export const SUBMIT_FEEDBACK = /* GraphQL */ `
  mutation SubmitFeedback($input: FeedbackInput!) {
    submitFeedback(input: $input) { ok errors { field message code } }
  }
`;

export interface FeedbackInput {
  /** 1–5, or null for text only. */
  rating: number | null;
  text: string;
  /** The hobby it is about, when there is one (the quick rating after a sign-up or a benefit). */
  hobbyId?: string | null;
}

/** Send the feedback. Resolves to the input problems (field `rating` or `text`, messages in the interface
 * language), [] when it was received. Throws ApiError when it could not be sent (OFFLINE, RATE_LIMITED, …). */
export async function submitFeedback({ rating, text, hobbyId }: FeedbackInput): Promise<FieldError[]> {
  type Answer = { submitFeedback: { ok: boolean; errors: FieldError[] } | null };
  const input: Record<string, unknown> = { channel: 'WEB' };
  if (rating !== null) input.rating = rating;
  if (text.trim()) input.text = text.trim();
  if (hobbyId) input.hobbyId = hobbyId;
  // anonymous on purpose: feedback must not depend on (or be tied to) the device
  const answer = await gql<Answer>(SUBMIT_FEEDBACK, { input }, { auth: false });
  const errors = fieldErrors(answer.submitFeedback);
  const whole = errors.find((e) => !e.field || (e.field !== 'rating' && e.field !== 'text'));
  if (whole) throw new ApiError(whole.code, whole.message);
  if (!errors.length && !answer.submitFeedback?.ok) throw new ApiError('INTERNAL', 'Feedback was not saved.');
  return errors;
}
