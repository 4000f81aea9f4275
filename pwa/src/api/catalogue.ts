/** The category tree (for interest chips and filters). */
import { gql } from './client';
import type { CategoryData } from './types';

export const CATEGORIES_QUERY = /* GraphQL */ `
  query Categories {
    categories(rootsOnly: true) {
      id slug icon name { text language } hobbyCount
      children { id slug icon name { text language } hobbyCount }
    }
  }
`;

export async function fetchCategories(signal?: AbortSignal): Promise<CategoryData[]> {
  const data = await gql<{ categories: CategoryData[] }>(CATEGORIES_QUERY, {}, { signal });
  return data.categories;
}
