/**
 * The device's favourite hobbies: the list (kept offline under the cache key `favourites`) and removing one.
 *
 * The cached value is `HobbyCardData[]`, most recently favourited first — the same shape `fetchFavourites`
 * returns, so any screen that changes a favourite can keep the offline copy in step with
 * `forgetCachedFavourite(id)` / `rememberCachedFavourite(hobby)`.
 */
import { ApiError, fieldErrors, gql } from './client';
import { HOBBY_CARD_FIELDS } from './fragments';
import { nodes, type Connection, type FieldError, type HobbyCardData } from './types';
import { deviceToken } from '../state/device';
import { cache } from '../state/cache';

export const FAVOURITES_CACHE_KEY = 'favourites';
/** The API's page size limit; nobody keeps more favourites than this in practice. */
export const FAVOURITES_PAGE = 50;

export const FAVOURITES_QUERY = /* GraphQL */ `
  query Favourites($first: Int) {
    favourites(first: $first) {
      edges { node { ...HobbyCard } }
    }
  }
  ${HOBBY_CARD_FIELDS}
`;

export const REMOVE_FAVOURITE = /* GraphQL */ `
  mutation RemoveFavourite($hobbyId: ID!) {
    removeFavourite(hobbyId: $hobbyId) { hobbyId favourited errors { field message code } }
  }
`;

/** The favourites of this device. A device that has not registered yet has none (no request is made). */
export async function fetchFavourites(signal?: AbortSignal): Promise<HobbyCardData[]> {
  if (!deviceToken.value) return [];
  const data = await gql<{ favourites: Connection<HobbyCardData> | null }>(
    FAVOURITES_QUERY,
    { first: FAVOURITES_PAGE },
    { signal },
  );
  return nodes(data.favourites);
}

/** Forget a favourite on the server. Throws ApiError (OFFLINE, RATE_LIMITED, …) when it was not removed.
 * A device the server no longer knows has no favourites, so that counts as removed. */
export async function removeFavourite(hobbyId: string): Promise<void> {
  if (!deviceToken.value) return;
  type Answer = { removeFavourite: { favourited: boolean | null; errors: FieldError[] } | null };
  const answer = await gql<Answer>(REMOVE_FAVOURITE, { hobbyId });
  const problem = fieldErrors(answer.removeFavourite).find((e) => e.code !== 'UNAUTHENTICATED');
  if (problem) throw new ApiError(problem.code, problem.message, { field: problem.field ?? undefined });
}

/** The offline copy, or [] (also for anything that is not a list). */
export function cachedFavourites(): HobbyCardData[] {
  const value = cache.get<unknown>(FAVOURITES_CACHE_KEY);
  return Array.isArray(value) ? (value as HobbyCardData[]) : [];
}

/** Drop a hobby from the offline copy (after removing it). */
export function forgetCachedFavourite(hobbyId: string): void {
  const list = cachedFavourites();
  if (list.some((h) => h.id === hobbyId)) {
    cache.put(
      FAVOURITES_CACHE_KEY,
      list.filter((h) => h.id !== hobbyId),
    );
  }
}

/** Put a hobby first in the offline copy (after adding it). */
export function rememberCachedFavourite(hobby: HobbyCardData): void {
  cache.put(FAVOURITES_CACHE_KEY, [hobby, ...cachedFavourites().filter((h) => h.id !== hobby.id)]);
}

export const ADD_FAVOURITE = /* GraphQL */ `
  mutation AddFavourite($hobbyId: ID!) {
    addFavourite(hobbyId: $hobbyId) { hobbyId favourited errors { field message code } }
  }
`;

/** Save a favourite again (the favourites screen's "Undo"). Throws ApiError when it was not saved. */
export async function addFavourite(hobbyId: string): Promise<void> {
  type Answer = { addFavourite: { favourited: boolean | null; errors: FieldError[] } | null };
  const answer = await gql<Answer>(ADD_FAVOURITE, { hobbyId });
  const problem = fieldErrors(answer.addFavourite)[0];
  if (problem) throw new ApiError(problem.code, problem.message, { field: problem.field ?? undefined });
}
