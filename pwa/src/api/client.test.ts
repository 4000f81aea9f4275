import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fieldErrors, gql, setReauthenticate } from './client';
import { setDeviceToken } from '../state/device';
import { online } from '../state/online';
import { updateSettings } from '../state/settings';
import { jsonResponse, mockFetch } from '../test/fetch';

beforeEach(() => {
  setDeviceToken(null);
  updateSettings({ language: 'fi' });
  online.value = true;
});

afterEach(() => {
  setReauthenticate(null);
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('gql', () => {
  it('posts the query and variables to /graphql and returns data', async () => {
    const { calls } = mockFetch(() => jsonResponse({ data: { hobby: { id: '1' } } }));
    const data = await gql<{ hobby: { id: string } }>('query H($id: ID!) {\n  hobby(id: $id) { id }\n}', { id: '1' });
    expect(data).toEqual({ hobby: { id: '1' } });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/graphql');
    expect(calls[0].query).toBe('query H($id: ID!) { hobby(id: $id) { id } }');
    expect(calls[0].variables).toEqual({ id: '1' });
    expect(calls[0].headers['Content-Type']).toBe('application/json');
  });

  it('says it is the web app on every request (the server counts use per channel)', async () => {
    const { calls } = mockFetch(() => jsonResponse({ data: {} }));
    await gql('{ categories { id } }');
    setDeviceToken('secret');
    await gql('{ me { id } }');
    await gql('{ me { id } }', {}, { auth: false, language: 'en' });
    expect(calls.map((c) => c.headers['X-Client'])).toEqual(['web', 'web', 'web']);
  });

  it('sends the interface language', async () => {
    const { calls } = mockFetch(() => jsonResponse({ data: {} }));
    updateSettings({ language: 'sv' });
    await gql('{ categories { id } }');
    expect(calls[0].headers['Accept-Language']).toBe('sv');
    await gql('{ categories { id } }', {}, { language: 'en' });
    expect(calls[1].headers['Accept-Language']).toBe('en');
  });

  it('sends the device token when there is one', async () => {
    const { calls } = mockFetch(() => jsonResponse({ data: {} }));
    await gql('{ me { id } }');
    expect(calls[0].headers.Authorization).toBeUndefined();
    setDeviceToken('secret');
    await gql('{ me { id } }');
    expect(calls[1].headers.Authorization).toBe('Device secret');
    await gql('{ me { id } }', {}, { auth: false });
    expect(calls[2].headers.Authorization).toBeUndefined();
  });

  it('throws the server error code with what did answer', async () => {
    mockFetch(() =>
      jsonResponse({
        data: { hobby: null, categories: [] },
        errors: [{ message: 'No such hobby.', path: ['hobby'], extensions: { code: 'NOT_FOUND', field: 'id' } }],
      }),
    );
    const error = await gql('{ hobby(id: "9") { id } categories { id } }').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', field: 'id', message: 'No such hobby.' });
    expect((error as ApiError).data).toEqual({ hobby: null, categories: [] });
    expect((error as ApiError).offline).toBe(false);
  });

  it('reads request-level errors with a 4xx status', async () => {
    mockFetch(() =>
      jsonResponse({ errors: [{ message: 'Too deep.', extensions: { code: 'QUERY_TOO_DEEP', limit: 10 } }] }, 400),
    );
    await expect(gql('{ a }')).rejects.toMatchObject({ code: 'QUERY_TOO_DEEP', status: 400 });
  });

  it('treats an answer that is not the API (a proxy page) as HTTP', async () => {
    mockFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(gql('{ a }')).rejects.toMatchObject({ code: 'HTTP', status: 502 });
    expect(online.value).toBe(true); // the network is there
  });

  it('reports a network failure as OFFLINE and marks the app offline until a request succeeds', async () => {
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await gql('{ a }').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OFFLINE', offline: true });
    expect(online.value).toBe(false);

    mockFetch(() => jsonResponse({ data: { a: 1 } }));
    await gql('{ a }');
    expect(online.value).toBe(true);
  });

  it('gives up after the timeout', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) => {
            init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
          }),
      ),
    );
    await expect(gql('{ a }', {}, { timeoutMs: 20 })).rejects.toMatchObject({ code: 'TIMEOUT', offline: true });
  });

  it("follows the caller's abort", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) => {
            init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
          }),
      ),
    );
    const controller = new AbortController();
    const pending = gql('{ a }', {}, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(online.value).toBe(true);
  });

  it('re-registers once on UNAUTHENTICATED and sends the request again with the new token', async () => {
    setDeviceToken('old');
    const reauth = vi.fn(async () => {
      setDeviceToken('new');
      return 'new';
    });
    setReauthenticate(reauth);
    const { calls } = mockFetch((call) =>
      call.headers.Authorization === 'Device old'
        ? jsonResponse({ errors: [{ message: 'Unknown device.', extensions: { code: 'UNAUTHENTICATED' } }] })
        : jsonResponse({ data: { me: { id: '5' } } }),
    );
    await expect(gql('{ me { id } }')).resolves.toEqual({ me: { id: '5' } });
    expect(reauth).toHaveBeenCalledTimes(1);
    expect(calls.map((c) => c.headers.Authorization)).toEqual(['Device old', 'Device new']);
  });

  it('does not loop when the new token is refused too', async () => {
    setDeviceToken('old');
    setReauthenticate(async () => {
      setDeviceToken('also-bad');
      return 'also-bad';
    });
    const { calls } = mockFetch(() =>
      jsonResponse({ errors: [{ message: 'Unknown device.', extensions: { code: 'UNAUTHENTICATED' } }] }),
    );
    await expect(gql('{ me { id } }')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls).toHaveLength(2);
  });

  it('does not re-register for an anonymous request', async () => {
    const reauth = vi.fn(async () => null);
    setReauthenticate(reauth);
    mockFetch(() => jsonResponse({ errors: [{ message: 'Needs a device.', extensions: { code: 'UNAUTHENTICATED' } }] }));
    await expect(gql('{ favourites { totalCount } }')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(reauth).not.toHaveBeenCalled();
  });
});

describe('fieldErrors', () => {
  it('lists a payload\'s errors', () => {
    expect(fieldErrors(null)).toEqual([]);
    expect(fieldErrors({ errors: [] })).toEqual([]);
    const errors = [{ field: 'rating', message: 'From 1 to 5.', code: 'OUT_OF_RANGE' as const }];
    expect(fieldErrors({ errors })).toEqual(errors);
  });
});
