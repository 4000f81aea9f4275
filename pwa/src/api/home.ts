/** The home screen's data in one request: suggestions, benefits, near you (with a location), newest. */
import { ApiError, gql } from './client';
import { BENEFIT_CARD_FIELDS, HOBBY_CARD_FIELDS } from './fragments';
import { nodes, type BenefitCardData, type Connection, type HobbyCardData, type RecommendationData } from './types';
import { ageForGroup, nearPoint, type Settings } from '../state/settings';

export const NEAR_RADIUS_KM = 10;
export const NEW_DAYS = 7;

export const HOME_QUERY = /* GraphQL */ `
  query Home(
    $interests: [ID!]
    $age: Int
    $near: NearInput
    $benefitNear: BenefitNearInput
    $hasNear: Boolean!
    $filter: HobbyFilterInput
  ) {
    recommendations(first: 10, interests: $interests, age: $age, near: $near) {
      hobby { ...HobbyCard }
      reason { code text }
    }
    benefits(first: 6, near: $benefitNear) { ...BenefitCard }
    near: hobbies(first: 6, near: $near, filter: $filter) @include(if: $hasNear) {
      edges { node { ...HobbyCard } }
    }
    newest: hobbies(first: 6, orderBy: NEWEST, filter: $filter) {
      edges { node { ...HobbyCard } }
    }
  }
  ${HOBBY_CARD_FIELDS}
  ${BENEFIT_CARD_FIELDS}
`;

export interface HomeData {
  recommendations: RecommendationData[] | null;
  benefits: BenefitCardData[] | null;
  /** null: no location known, or that part failed */
  near: HobbyCardData[] | null;
  newest: HobbyCardData[] | null;
  /** The parts that could not be loaded (by field name). */
  failed: string[];
}

interface HomeAnswer {
  recommendations?: RecommendationData[] | null;
  benefits?: BenefitCardData[] | null;
  near?: Connection<HobbyCardData> | null;
  newest?: Connection<HobbyCardData> | null;
}

/** The query's variables for these settings. Interests only when personalisation is on; the age always
 * (suggestions must fit the person's age). */
export function homeVariables(s: Settings): Record<string, unknown> {
  const point = nearPoint(s);
  const age = ageForGroup(s.ageGroup);
  return {
    interests: s.personalisation && s.interests.length ? s.interests : null,
    age: age ?? null,
    near: point ? { ...point, radiusKm: NEAR_RADIUS_KM } : null,
    benefitNear: point ? { ...point, radiusKm: NEAR_RADIUS_KM } : null,
    hasNear: !!point,
    filter: age ? { age } : null,
  };
}

/** Fetch the home data. A part that fails leaves the others (its name is in `failed`); the whole request
 * failing (offline) throws. */
export async function fetchHome(variables: Record<string, unknown>, signal?: AbortSignal): Promise<HomeData> {
  let answer: HomeAnswer;
  let failed: string[] = [];
  try {
    answer = await gql<HomeAnswer>(HOME_QUERY, variables, { signal });
  } catch (error) {
    if (!(error instanceof ApiError) || !error.data) throw error;
    answer = error.data as HomeAnswer;
    failed = error.errors.map((e) => String(e.path?.[0] ?? '')).filter(Boolean);
  }
  return {
    recommendations: answer.recommendations ?? null,
    benefits: answer.benefits ?? null,
    near: answer.near ? nodes(answer.near) : null,
    newest: answer.newest ? nodes(answer.newest) : null,
    failed,
  };
}

/** Hobbies published in the last `days` days (newest first), for "New this week". */
export function publishedWithin(hobbies: HobbyCardData[], days: number, now: Date = new Date()): HobbyCardData[] {
  const since = now.getTime() - days * 86_400_000;
  return hobbies.filter((h) => h.publishedAt && new Date(h.publishedAt).getTime() >= since);
}
