/**
 * Notifications: what the server says about push for this device (`pushSettings`), handing it the browser's
 * push token, taking it back, and the three kinds of message the device wants. Nothing here asks the browser
 * for anything; that is `api/push.ts`.
 */
import { ApiError, fieldErrors, gql } from './client';
import { ensureDevice } from './device';
import type { FieldError } from './types';

/** `PushSettings`. `webConfig` is the Firebase web app's configuration (null when push is not in use). */
export interface PushSettings {
  available: boolean;
  webConfig: Record<string, unknown> | null;
  vapidKey: string | null;
  registered: boolean;
  newHobbies: boolean;
  enrolmentOpening: boolean;
  benefitExpiring: boolean;
}

/** The three kinds of message (`NotificationPreferencesInput`). */
export type NotificationKind = 'newHobbies' | 'enrolmentOpening' | 'benefitExpiring';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['newHobbies', 'enrolmentOpening', 'benefitExpiring'];

const SETTINGS_FIELDS = 'available webConfig vapidKey registered newHobbies enrolmentOpening benefitExpiring';

export const PUSH_SETTINGS_QUERY = /* GraphQL */ `
  query PushSettings { pushSettings { ${SETTINGS_FIELDS} } }
`;

export const REGISTER_PUSH_TOKEN = /* GraphQL */ `
  mutation RegisterPushToken($token: String!) {
    registerPushToken(token: $token, platform: WEB) { settings { ${SETTINGS_FIELDS} } errors { field message code } }
  }
`;

export const UNREGISTER_PUSH_TOKEN = /* GraphQL */ `
  mutation UnregisterPushToken {
    unregisterPushToken { settings { ${SETTINGS_FIELDS} } errors { field message code } }
  }
`;

export const UPDATE_NOTIFICATION_PREFERENCES = /* GraphQL */ `
  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) { settings { ${SETTINGS_FIELDS} } errors { field message code } }
  }
`;

type RawSettings = Omit<PushSettings, 'webConfig'> & { webConfig: unknown };
type Payload = { settings: RawSettings | null; errors: FieldError[] } | null;

/** `webConfig` is a JSONString: a JSON text (or, from some servers, already an object). */
function parseConfig(value: unknown): Record<string, unknown> | null {
  let config = value;
  if (typeof config === 'string') {
    try {
      config = JSON.parse(config);
    } catch {
      return null;
    }
  }
  return config && typeof config === 'object' && !Array.isArray(config) ? (config as Record<string, unknown>) : null;
}

function normalise(raw: RawSettings): PushSettings {
  return { ...raw, webConfig: parseConfig(raw.webConfig) };
}

/** The settings from a mutation's payload; throws ApiError for its first error. */
function fromPayload(payload: Payload): PushSettings {
  const problem = fieldErrors(payload)[0];
  if (problem) throw new ApiError(problem.code, problem.message, { field: problem.field ?? undefined });
  if (!payload?.settings) throw new ApiError('INTERNAL', 'No settings in the answer.');
  return normalise(payload.settings);
}

/** What the server offers and what this device chose (registered=false before the device has a token). */
export async function fetchPushSettings(signal?: AbortSignal): Promise<PushSettings> {
  const data = await gql<{ pushSettings: RawSettings }>(PUSH_SETTINGS_QUERY, {}, { signal });
  return normalise(data.pushSettings);
}

/** Hand the browser's push token to the server (the device is registered first when needed). */
export async function registerPushToken(token: string): Promise<PushSettings> {
  if (!(await ensureDevice())) throw new ApiError('OFFLINE', 'The device could not be registered.');
  const data = await gql<{ registerPushToken: Payload }>(REGISTER_PUSH_TOKEN, { token });
  return fromPayload(data.registerPushToken);
}

/** No more notifications to this device. */
export async function unregisterPushToken(): Promise<PushSettings> {
  const data = await gql<{ unregisterPushToken: Payload }>(UNREGISTER_PUSH_TOKEN);
  return fromPayload(data.unregisterPushToken);
}

/** Switch one or more kinds of message on or off. */
export async function updateNotificationPreferences(
  input: Partial<Record<NotificationKind, boolean>>,
): Promise<PushSettings> {
  const data = await gql<{ updateNotificationPreferences: Payload }>(UPDATE_NOTIFICATION_PREFERENCES, { input });
  return fromPayload(data.updateNotificationPreferences);
}
