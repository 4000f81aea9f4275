/**
 * The benefits wallet: benefits that can be used now, redeeming one, and the codes this device got.
 *
 * Redeemed codes are kept on the device under the cache key `redemptions` with `{ keep: true }` (never evicted),
 * newest first, so they can be shown at the venue without a network — also after a reload.
 */
import { ApiError, fieldErrors, gql, type ErrorCode } from './client';
import { ensureDevice } from './device';
import { BENEFIT_CARD_FIELDS } from './fragments';
import type { BenefitCardData, BenefitKind, FieldError, TranslatedText } from './types';
import { cache } from '../state/cache';
import { deviceToken, setDeviceToken } from '../state/device';
import { online } from '../state/online';

export const WALLET_CACHE_KEY = 'wallet';
export const REDEMPTIONS_CACHE_KEY = 'redemptions';
export const WALLET_RADIUS_KM = 25;
export const WALLET_PAGE = 50;

/** What the wallet shows of a benefit: the card's fields and what it is, its terms and limits. */
export interface WalletBenefit extends BenefitCardData {
  description: TranslatedText;
  terms: TranslatedText;
  validFrom: string;
  perDeviceLimit: number;
}

export const WALLET_QUERY = /* GraphQL */ `
  query Wallet($near: BenefitNearInput, $first: Int) {
    benefits(active: true, near: $near, first: $first) {
      ...BenefitCard
      description { text language }
      terms { text language }
      validFrom
      perDeviceLimit
    }
  }
  ${BENEFIT_CARD_FIELDS}
`;

export const REDEEM_BENEFIT = /* GraphQL */ `
  mutation RedeemBenefit($benefitId: ID!) {
    redeemBenefit(benefitId: $benefitId) {
      redemption {
        code
        redeemedAt
        validUntil
        benefit { id kind title { text language } organizationName hobby { id title { text language } } }
      }
      errors { field message code }
    }
  }
`;

export const MY_REDEMPTIONS = /* GraphQL */ `
  query MyRedemptions { myData }
`;

/** A code this device got, as kept on the device. */
export interface SavedRedemption {
  code: string;
  redeemedAt: string;
  /** The benefit's last moment of validity (null when only known from "my data"). */
  validUntil: string | null;
  benefitId: string;
  kind: BenefitKind | null;
  title: TranslatedText;
  organizationName: string;
  hobby: { id: string; title: TranslatedText } | null;
}

interface RedemptionAnswer {
  code: string;
  redeemedAt: string;
  validUntil: string;
  benefit: {
    id: string;
    kind: BenefitKind;
    title: TranslatedText;
    organizationName: string;
    hobby: { id: string; title: TranslatedText } | null;
  };
}

/** The error codes of `redeemBenefit` that the wallet explains in its own words. */
export type RedeemErrorCode = Extract<
  ErrorCode,
  'SOLD_OUT' | 'LIMIT_REACHED' | 'NOT_ACTIVE' | 'NOT_FOUND' | 'RATE_LIMITED' | 'OFFLINE' | 'TIMEOUT'
>;

const EXPLAINED: readonly string[] = [
  'SOLD_OUT',
  'LIMIT_REACHED',
  'NOT_ACTIVE',
  'NOT_FOUND',
  'RATE_LIMITED',
  'OFFLINE',
  'TIMEOUT',
];

/** The i18n key (in `benefits`) that explains why redeeming failed. */
export function redeemErrorKey(code: ErrorCode | undefined): string {
  return code && EXPLAINED.includes(code) ? `benefits.error${code}` : 'benefits.errorOther';
}

/** Variables for the wallet query: benefits near the person first when their location is known. */
export function walletVariables(point: { lat: number; lon: number } | null): Record<string, unknown> {
  return { near: point ? { ...point, radiusKm: WALLET_RADIUS_KM } : null, first: WALLET_PAGE };
}

export async function fetchWallet(variables: Record<string, unknown>, signal?: AbortSignal): Promise<WalletBenefit[]> {
  const data = await gql<{ benefits: WalletBenefit[] }>(WALLET_QUERY, variables, { signal });
  return data.benefits;
}

/** How many more times this device may use the benefit (0: used up for this device). */
export function usesLeft(benefit: Pick<WalletBenefit, 'perDeviceLimit' | 'redeemedByMe'>): number {
  return Math.max(0, benefit.perDeviceLimit - (benefit.redeemedByMe ?? 0));
}

function fromAnswer(r: RedemptionAnswer): SavedRedemption {
  return {
    code: r.code,
    redeemedAt: r.redeemedAt,
    validUntil: r.validUntil,
    benefitId: r.benefit.id,
    kind: r.benefit.kind,
    title: r.benefit.title,
    organizationName: r.benefit.organizationName,
    hobby: r.benefit.hobby,
  };
}

/** The codes kept on this device, newest first. */
export function savedRedemptions(): SavedRedemption[] {
  const value = cache.get<unknown>(REDEMPTIONS_CACHE_KEY);
  return Array.isArray(value) ? (value as SavedRedemption[]).filter((r) => r && typeof r.code === 'string') : [];
}

/** Keep codes on the device (never evicted). A code already kept is updated with what is new about it. */
export function saveRedemptions(added: SavedRedemption[]): SavedRedemption[] {
  const byCode = new Map(savedRedemptions().map((r) => [r.code, r]));
  for (const r of added) {
    const old = byCode.get(r.code);
    byCode.set(r.code, old ? { ...old, ...r, validUntil: r.validUntil ?? old.validUntil, kind: r.kind ?? old.kind } : r);
  }
  const all = [...byCode.values()].sort((a, b) => b.redeemedAt.localeCompare(a.redeemedAt));
  cache.put(REDEMPTIONS_CACHE_KEY, all, { keep: true });
  return all;
}

async function redeemOnce(benefitId: string): Promise<{ redemption: RedemptionAnswer | null; errors: FieldError[] }> {
  type Answer = { redeemBenefit: { redemption: RedemptionAnswer | null; errors: FieldError[] } };
  const answer = await gql<Answer>(REDEEM_BENEFIT, { benefitId });
  return answer.redeemBenefit;
}

/**
 * Use a benefit: the code to show at the venue, also kept on the device. Throws ApiError: OFFLINE (refused
 * without a network, nothing is queued), SOLD_OUT, LIMIT_REACHED, NOT_ACTIVE, NOT_FOUND, RATE_LIMITED, …
 */
export async function redeemBenefit(benefitId: string): Promise<SavedRedemption> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    throw new ApiError('OFFLINE', 'Redeeming needs a network.');
  }
  const token = await ensureDevice();
  if (!token) {
    throw online.value ? new ApiError('INTERNAL', 'Could not register the device.') : new ApiError('OFFLINE', 'Offline.');
  }
  let payload = await redeemOnce(benefitId);
  if (fieldErrors(payload).some((e) => e.code === 'UNAUTHENTICATED')) {
    // the server forgot this device: register anew, then try once more
    setDeviceToken(null);
    if (!(await ensureDevice())) throw new ApiError('UNAUTHENTICATED', 'Could not register the device.');
    payload = await redeemOnce(benefitId);
  }
  const problem = fieldErrors(payload)[0];
  if (problem || !payload.redemption) {
    throw new ApiError(problem?.code ?? 'INTERNAL', problem?.message ?? 'No redemption.', {
      field: problem?.field ?? undefined,
    });
  }
  const saved = fromAnswer(payload.redemption);
  saveRedemptions([saved]);
  return saved;
}

interface MyDataRedemption {
  benefitId: string;
  title: string | null;
  code: string;
  redeemedAt: string;
}

/**
 * Fetch this device's codes from the server (`myData`) and keep them on the device: brings back a code whose
 * answer was lost (a timeout, or LIMIT_REACHED for a benefit used before). `known` gives validity and names
 * for benefits in the current listing. Returns every kept code; [] without a device.
 */
export async function restoreRedemptions(known: WalletBenefit[] = []): Promise<SavedRedemption[]> {
  if (!deviceToken.value) return savedRedemptions(); // a device that never registered has no codes
  const data = await gql<{ myData: { redemptions?: MyDataRedemption[] } | null }>(MY_REDEMPTIONS);
  const listing = new Map(known.map((b) => [b.id, b]));
  const existing = new Map(savedRedemptions().map((r) => [r.code, r]));
  const found: SavedRedemption[] = (data.myData?.redemptions ?? []).map((r) => {
    const benefit = listing.get(r.benefitId);
    const old = existing.get(r.code);
    return {
      code: r.code,
      redeemedAt: r.redeemedAt,
      validUntil: benefit?.validUntil ?? old?.validUntil ?? null,
      benefitId: r.benefitId,
      kind: benefit?.kind ?? old?.kind ?? null,
      title: benefit?.title ?? old?.title ?? { text: r.title ?? '', language: null },
      organizationName: benefit?.organizationName ?? old?.organizationName ?? '',
      hobby: benefit?.hobby ?? old?.hobby ?? null,
    };
  });
  return saveRedemptions(found);
}

/** Is the code still valid (its benefit's validity has not ended)? Unknown validity counts as valid. */
export function isStillValid(r: Pick<SavedRedemption, 'validUntil'>, now: Date = new Date()): boolean {
  return !r.validUntil || new Date(r.validUntil).getTime() >= now.getTime();
}
