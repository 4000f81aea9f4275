/**
 * TypeScript shapes of the API objects the app asks for (see ../../schema.graphql). Each is the selection a
 * query makes, not the whole schema type: add fields here when a query asks for more.
 */

/** `ErrorCode` in the schema. */
export type ServerErrorCode =
  | 'INVALID_INPUT'
  | 'OUT_OF_RANGE'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'NOT_ACTIVE'
  | 'SOLD_OUT'
  | 'LIMIT_REACHED'
  | 'NOT_AVAILABLE'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COSTLY'
  | 'TOO_MANY_ALIASES'
  | 'BATCH_TOO_LARGE'
  | 'BODY_TOO_LARGE'
  | 'BAD_REQUEST'
  | 'INTERNAL'
  | 'GRAPHQL_VALIDATION_FAILED';

/** A mutation's input problem (`errors { field message code }` in every payload). */
export interface FieldError {
  field: string | null;
  message: string;
  code: ServerErrorCode;
}

export type ApiLanguage = 'FI' | 'SV' | 'EN';
export type Weekday = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';
export type BenefitKind = 'TRIAL' | 'DISCOUNT' | 'FREE_ENTRY' | 'TICKET';
export type ReasonCode = 'INTEREST' | 'SIMILAR' | 'POPULAR' | 'POPULAR_OVERALL' | 'NEW' | 'FREE_TRIAL' | 'EXPLORE';

/** A text and the language it is in (a fallback when it differs from the interface language). */
export interface TranslatedText {
  text: string;
  language: string | null;
}

export interface Price {
  kind: 'FREE' | 'PAID';
  /** euros; null when free or only described in words */
  amount: number | null;
  /** once, month, term, year or course */
  unit: string | null;
}

export interface Rendition {
  size: 'SMALL' | 'MEDIUM' | 'LARGE';
  url: string;
  width: number;
  height: number;
}

export interface Image {
  alt: TranslatedText;
  renditions: Rendition[];
}

export interface CategorySummary {
  id: string;
  icon: string;
  name: { text: string };
}

/** What a hobby card shows (`HOBBY_CARD_FIELDS`). */
export interface HobbyCardData {
  id: string;
  title: TranslatedText;
  summary: TranslatedText;
  nextSessionStart: string | null;
  distanceKm: number | null;
  openUse: boolean;
  trialSession: boolean;
  beginnerFriendly: boolean;
  ageMin: number;
  ageMax: number;
  publishedAt: string | null;
  price: Price;
  image: Image | null;
  categories: CategorySummary[];
}

/** What a benefit card shows (`BENEFIT_CARD_FIELDS`). */
export interface BenefitCardData {
  id: string;
  kind: BenefitKind;
  title: TranslatedText;
  validUntil: string;
  remaining: number | null;
  distanceKm: number | null;
  organizationName: string;
  redeemedByMe: number | null;
  hobby: { id: string; title: TranslatedText } | null;
}

export interface RecommendationData {
  hobby: HobbyCardData;
  reason: { code: ReasonCode; text: string };
}

export interface Connection<T> {
  edges: { node: T }[];
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

export interface CategoryData {
  id: string;
  slug: string;
  icon: string;
  name: TranslatedText;
  hobbyCount: number;
  children: { id: string; slug: string; icon: string; name: TranslatedText; hobbyCount: number }[];
}

/** `NearInput` */
export interface NearInput {
  lat: number;
  lon: number;
  radiusKm?: number;
}

/** The nodes of a connection. */
export function nodes<T>(connection: Connection<T> | null | undefined): T[] {
  return connection?.edges.map((edge) => edge.node) ?? [];
}
