/**
 * One hobby's page: the detail query (with whether this device has saved it), saving it as a favourite,
 * recording what the device did (VIEW, JOIN_CLICK, SHARE; never in the way), and small pure helpers the page
 * uses (paragraphs, the enrolment window, accessibility facts).
 */
import { ApiError, fieldErrors, gql } from './client';
import { ensureDevice } from './device';
import { BENEFIT_CARD_FIELDS, HOBBY_CARD_FIELDS } from './fragments';
import { forgetCachedFavourite, rememberCachedFavourite } from './favourites';
import {
  nodes,
  type BenefitCardData,
  type Connection,
  type FieldError,
  type HobbyCardData,
  type Image,
  type Price,
  type TranslatedText,
  type Weekday,
} from './types';

export const SESSIONS_SHOWN = 10;
export const SIMILAR_SHOWN = 6;
/** How many favourites are read to know whether this hobby is one (the API's page limit). */
export const FAVOURITES_CHECKED = 50;

export type Level = 'BEGINNER' | 'ALL' | 'INTERMEDIATE' | 'ADVANCED';
export type InteractionKind = 'VIEW' | 'SHARE' | 'JOIN_CLICK' | 'DISMISS';
export const ACCESSIBILITY_FACTS = [
  'wheelchairAccessible',
  'stepFreeEntrance',
  'accessibleToilet',
  'inductionLoop',
] as const;
export type AccessibilityFact = (typeof ACCESSIBILITY_FACTS)[number];

export interface SessionData {
  id: string;
  start: string;
  end: string | null;
  weekday: Weekday;
  cancelled: boolean;
}

export interface VenueData {
  id: string;
  name: TranslatedText;
  streetAddress: TranslatedText;
  postalCode: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  directionsUrl: string | null;
  accessibility: Record<AccessibilityFact, boolean | null> & { details: TranslatedText };
}

export interface HobbyDetail extends HobbyCardData {
  description: TranslatedText;
  whatToBring: TranslatedText;
  level: Level;
  instructionLanguages: string[];
  price: Price & { details: TranslatedText };
  venue: VenueData | null;
  organization: { name: string; website: string; email: string; phone: string };
  image: (Image & { credit: string }) | null;
  registrationUrl: string;
  enrolmentStart: string | null;
  enrolmentEnd: string | null;
  enrolmentOpen: boolean;
  calendarUrl: string;
  sessions: SessionData[];
  benefits: BenefitCardData[];
  similarHobbies: HobbyCardData[];
}

export const HOBBY_QUERY = /* GraphQL */ `
  query HobbyDetail($id: ID!, $withFavourites: Boolean!, $favourites: Int) {
    hobby(id: $id) {
      ...HobbyCard
      description { text language }
      whatToBring { text language }
      level
      instructionLanguages
      price { details { text language } }
      venue {
        id name { text language } streetAddress { text language } postalCode city latitude longitude directionsUrl
        accessibility {
          wheelchairAccessible accessibleToilet inductionLoop stepFreeEntrance details { text language }
        }
      }
      organization { name website email phone }
      image { credit }
      registrationUrl enrolmentStart enrolmentEnd enrolmentOpen calendarUrl
      sessions(first: ${SESSIONS_SHOWN}) { id start end weekday cancelled }
      benefits { ...BenefitCard }
      similarHobbies(first: ${SIMILAR_SHOWN}) { ...HobbyCard }
    }
    favourites(first: $favourites) @include(if: $withFavourites) { edges { node { id } } }
  }
  ${HOBBY_CARD_FIELDS}
  ${BENEFIT_CARD_FIELDS}
`;

export interface HobbyPageData {
  hobby: HobbyDetail;
  /** Whether this device has saved it; null when not known (no device, or that part failed). */
  favourited: boolean | null;
}

/** The hobby and whether it is a favourite. Throws ApiError; `NOT_FOUND` (or no hobby) means it is gone. */
export async function fetchHobby(id: string, withFavourites: boolean, signal?: AbortSignal): Promise<HobbyPageData> {
  type Answer = { hobby?: HobbyDetail | null; favourites?: Connection<{ id: string }> | null };
  let answer: Answer;
  try {
    answer = await gql<Answer>(HOBBY_QUERY, { id, withFavourites, favourites: FAVOURITES_CHECKED }, { signal });
  } catch (error) {
    // only the favourites failed: the hobby is still worth showing
    if (error instanceof ApiError && (error.data as Answer | undefined)?.hobby) answer = error.data as Answer;
    else throw error;
  }
  if (!answer.hobby) throw new ApiError('NOT_FOUND', 'No such hobby.');
  const favourites = answer.favourites ? nodes(answer.favourites) : null;
  return {
    hobby: answer.hobby,
    favourited: favourites ? favourites.some((f) => f.id === answer.hobby!.id) : null,
  };
}

const ADD = /* GraphQL */ `
  mutation AddFavourite($hobbyId: ID!) {
    addFavourite(hobbyId: $hobbyId) { favourited errors { field message code } }
  }
`;

const REMOVE = /* GraphQL */ `
  mutation RemoveFavourite($hobbyId: ID!) {
    removeFavourite(hobbyId: $hobbyId) { favourited errors { field message code } }
  }
`;

/** The card fields of a hobby (what the favourites list keeps offline). */
export function cardOf(hobby: HobbyDetail): HobbyCardData {
  const { id, title, summary, nextSessionStart, distanceKm, openUse, trialSession, beginnerFriendly } = hobby;
  const { ageMin, ageMax, publishedAt, price, image, categories } = hobby;
  return {
    id,
    title,
    summary,
    nextSessionStart,
    distanceKm,
    openUse,
    trialSession,
    beginnerFriendly,
    ageMin,
    ageMax,
    publishedAt,
    price: { kind: price.kind, amount: price.amount, unit: price.unit },
    image: image ? { alt: image.alt, renditions: image.renditions } : null,
    categories,
  };
}

/** Save or unsave a hobby on this device (registering the device first when needed) and keep the offline
 * favourites in step. Returns the new state. Throws ApiError: OFFLINE when there is no network (nothing is
 * queued), or the server's code. */
export async function setFavourite(hobby: HobbyDetail, favourite: boolean): Promise<boolean> {
  const token = await ensureDevice();
  if (!token) throw new ApiError(navigator.onLine === false ? 'OFFLINE' : 'INTERNAL', 'No device.');
  type Payload = { favourited: boolean | null; errors: FieldError[] } | null;
  const answer = await gql<{ addFavourite?: Payload; removeFavourite?: Payload }>(favourite ? ADD : REMOVE, {
    hobbyId: hobby.id,
  });
  const payload = favourite ? answer.addFavourite : answer.removeFavourite;
  const problem = fieldErrors(payload)[0];
  if (problem) throw new ApiError(problem.code, problem.message, { field: problem.field ?? undefined });
  const now = payload?.favourited ?? favourite;
  if (now) rememberCachedFavourite(cardOf(hobby));
  else forgetCachedFavourite(hobby.id);
  return now;
}

const RECORD = /* GraphQL */ `
  mutation RecordInteractions($items: [InteractionInput!]!) {
    recordInteractions(items: $items) { accepted errors { field code } }
  }
`;

/** Tell the server what the device did with a hobby, in the background. Failures are ignored: this must never
 * get in the person's way. */
export async function recordInteraction(hobbyId: string, kind: InteractionKind): Promise<void> {
  try {
    if (!(await ensureDevice())) return;
    await gql(RECORD, { items: [{ hobbyId, kind }] });
  } catch {
    // ignored on purpose
  }
}

/** A text as paragraphs (split at blank lines), each a list of lines: shown with <p> and <br>, never as HTML. */
export function paragraphs(text: string | null | undefined): string[][] {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0);
}

export type Enrolment =
  | { state: 'always' }
  | { state: 'open'; until: string | null }
  | { state: 'notYet'; from: string }
  | { state: 'ended'; ended: string | null };

/** Where the enrolment window stands: open with or without an end, not open yet, or over. */
export function enrolment(
  hobby: Pick<HobbyDetail, 'enrolmentStart' | 'enrolmentEnd' | 'enrolmentOpen'>,
  now: Date = new Date(),
): Enrolment {
  const { enrolmentStart: start, enrolmentEnd: end, enrolmentOpen: open } = hobby;
  if (open) return start || end ? { state: 'open', until: end } : { state: 'always' };
  if (start && new Date(start).getTime() > now.getTime()) return { state: 'notYet', from: start };
  return { state: 'ended', ended: end };
}

/** `true` / `false` / `null` as the word to show: yes, no, not known. */
export function factAnswer(value: boolean | null | undefined): 'yes' | 'no' | 'unknown' {
  return value === true ? 'yes' : value === false ? 'no' : 'unknown';
}

/** The part of a URL a person recognises (`www.example.fi`), for a link's text. */
export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.replace(/\/$/, '');
    return parsed.host + (path.length > 1 && path.length <= 24 ? path : '');
  } catch {
    return url;
  }
}

/** A URL from the API as a link target: only http(s) (never `javascript:` or the like); null otherwise. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, location.origin);
    return ['http:', 'https:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}
