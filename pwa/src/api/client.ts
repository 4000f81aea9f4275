/**
 * The GraphQL client: POST to /graphql with the device token and the interface language, typed errors,
 * a timeout, and offline detection.
 *
 *   const data = await gql<{ hobby: Hobby | null }>(QUERY, { id });
 *
 * Every request says `X-Client: web` (the server counts usage per channel: this app, or a native client).
 *
 * Throws `ApiError`:
 *   - `code` is the server's `extensions.code` (NOT_FOUND, RATE_LIMITED, …) for a top-level error, or one of
 *     OFFLINE (the network failed; `online` goes false), TIMEOUT, ABORTED (the caller's signal), HTTP (an
 *     answer that is not the API's JSON, e.g. a proxy's 502);
 *   - `data` keeps what the server did answer when only some fields failed.
 * Mutations report input problems in their payload's `errors` instead (see `fieldErrors`).
 *
 * A request with a device token that the server no longer knows (UNAUTHENTICATED) re-registers the device
 * once (the hook `api/device.ts` installs) and is sent again.
 */
import { language } from '../state/settings';
import { deviceToken } from '../state/device';
import { reportNetworkFailure, reportNetworkSuccess } from '../state/online';
import type { FieldError, ServerErrorCode } from './types';

export const ENDPOINT = '/graphql';
export const DEFAULT_TIMEOUT_MS = 15_000;
/** The `X-Client` header: which client this is (the native apps send their own). */
export const CLIENT_NAME = 'web';

export type ClientErrorCode = 'OFFLINE' | 'TIMEOUT' | 'ABORTED' | 'HTTP';
export type ErrorCode = ServerErrorCode | ClientErrorCode;

export interface GraphQLErrorItem {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ErrorCode;
  /** HTTP status, when there was an answer. */
  readonly status?: number;
  /** The input the error concerns (`extensions.field`). */
  readonly field?: string;
  /** Every top-level error of the answer. */
  readonly errors: GraphQLErrorItem[];
  /** What the server answered besides the errors (fields that did not fail). */
  readonly data?: unknown;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { status?: number; field?: string; errors?: GraphQLErrorItem[]; data?: unknown } = {},
  ) {
    super(message);
    this.code = code;
    this.status = extra.status;
    this.field = extra.field;
    this.errors = extra.errors ?? [];
    this.data = extra.data;
  }

  /** The network or the server could not be reached: show what is cached. */
  get offline(): boolean {
    return this.code === 'OFFLINE' || this.code === 'TIMEOUT';
  }
}

export interface RequestOptions {
  /** Abort after this long (ms). */
  timeoutMs?: number;
  /** The caller's abort (e.g. a component unmounting). */
  signal?: AbortSignal;
  /** Send the device token when there is one (default true). */
  auth?: boolean;
  /** Internal: re-register and retry on UNAUTHENTICATED (default true). */
  retryUnauthenticated?: boolean;
  /** Override the interface language for this request. */
  language?: string;
}

type Reauthenticate = () => Promise<string | null>;
let reauthenticate: Reauthenticate | null = null;

/** Install the function that gets a fresh device token after UNAUTHENTICATED (api/device.ts does). */
export function setReauthenticate(fn: Reauthenticate | null): void {
  reauthenticate = fn;
}

/** `errors` of a mutation payload, or [] (for `if (fieldErrors(p).length) …`). */
export function fieldErrors(payload: { errors?: FieldError[] } | null | undefined): FieldError[] {
  return payload?.errors ?? [];
}

function compact(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}

export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<T> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, signal, auth = true, retryUnauthenticated = true } = options;
  const token = auth ? deviceToken.value : null;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'Accept-Language': options.language ?? language.value,
    'X-Client': CLIENT_NAME,
  };
  if (token) headers.Authorization = `Device ${token}`;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort);
  if (signal?.aborted) controller.abort();

  let response: Response;
  let body: { data?: unknown; errors?: GraphQLErrorItem[] } | null = null;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: compact(query), variables }),
      signal: controller.signal,
      credentials: 'omit',
    });
    try {
      body = await response.json();
    } catch {
      body = null;
    }
  } catch (error) {
    if (timedOut) throw new ApiError('TIMEOUT', 'The server did not answer in time.');
    if (signal?.aborted) throw new ApiError('ABORTED', 'The request was cancelled.');
    reportNetworkFailure();
    throw new ApiError('OFFLINE', error instanceof Error ? error.message : 'Network error');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  reportNetworkSuccess();

  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError('HTTP', `Unexpected answer (HTTP ${response.status}).`, { status: response.status });
  }
  const errors = body.errors ?? [];
  if (errors.length) {
    const first = errors[0];
    const code = (first.extensions?.code ?? 'INTERNAL') as ErrorCode;
    if (
      token &&
      retryUnauthenticated &&
      reauthenticate &&
      errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
    ) {
      await reauthenticate();
      return gql<T>(query, variables, { ...options, retryUnauthenticated: false });
    }
    throw new ApiError(code, first.message, {
      status: response.status,
      field: typeof first.extensions?.field === 'string' ? first.extensions.field : undefined,
      errors,
      data: body.data ?? undefined,
    });
  }
  if (!response.ok || body.data === undefined || body.data === null) {
    throw new ApiError('HTTP', `Unexpected answer (HTTP ${response.status}).`, { status: response.status });
  }
  return body.data as T;
}
