// Helpers for tests that talk to a pretend /graphql.
import { vi } from 'vitest';

export interface Call {
  url: string;
  headers: Record<string, string>;
  query: string;
  variables: Record<string, unknown>;
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Replace fetch with `answer`, which gets each request and returns a Response (or throws). */
export function mockFetch(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    if (init?.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const body = JSON.parse(String(init?.body ?? '{}'));
    const call: Call = {
      url: String(url),
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
      query: body.query,
      variables: body.variables,
    };
    calls.push(call);
    return answer(call);
  });
  vi.stubGlobal('fetch', fn);
  return { calls, fn };
}
