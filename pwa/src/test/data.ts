// Small API answers for component tests.
import type { BenefitCardData, HobbyCardData } from '../api/types';

export function hobby(id: string, extra: Partial<HobbyCardData> = {}): HobbyCardData {
  return {
    id,
    title: { text: `Harrastus ${id}`, language: 'fi' },
    summary: { text: 'Kiva juttu', language: 'fi' },
    nextSessionStart: '2025-11-25T15:00:00Z',
    distanceKm: null,
    openUse: false,
    trialSession: false,
    beginnerFriendly: false,
    ageMin: 12,
    ageMax: 17,
    publishedAt: '2025-11-20T10:00:00Z',
    price: { kind: 'FREE', amount: null, unit: null },
    image: null,
    categories: [],
    ...extra,
  };
}

export function benefit(id: string, extra: Partial<BenefitCardData> = {}): BenefitCardData {
  return {
    id,
    kind: 'TRIAL',
    title: { text: `Etu ${id}`, language: 'fi' },
    validUntil: '2025-12-31T21:59:00Z',
    remaining: 5,
    distanceKm: null,
    organizationName: 'Seura ry',
    redeemedByMe: null,
    hobby: { id: '1', title: { text: 'Harrastus 1', language: 'fi' } },
    ...extra,
  };
}
