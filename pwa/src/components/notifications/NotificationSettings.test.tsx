import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationSettings } from './NotificationSettings';
import { online } from '../../state/online';
import { setDeviceToken } from '../../state/device';
import { defaultSettings, settings } from '../../state/settings';
import type { PushSettings } from '../../api/notifications';
import { jsonResponse, mockFetch, type Call } from '../../test/fetch';

// Firebase is imported by the page only when notifications are turned on; here it is a stand-in.
const firebase = vi.hoisted(() => ({
  initializeApp: vi.fn((config: unknown) => ({ name: '[DEFAULT]', options: config })),
  getApps: vi.fn(() => []),
  getMessaging: vi.fn(() => ({ messaging: true })),
  getToken: vi.fn(async () => 'fcm-token-1'),
  deleteToken: vi.fn(async () => true),
}));
vi.mock('firebase/app', () => ({ initializeApp: firebase.initializeApp, getApps: firebase.getApps }));
vi.mock('firebase/messaging', () => ({
  getMessaging: firebase.getMessaging,
  getToken: firebase.getToken,
  deleteToken: firebase.deleteToken,
}));

const WEB_CONFIG = { apiKey: 'key', projectId: 'harrastuspassi', messagingSenderId: '123', appId: '1:123:web:abc' };

let server: Omit<PushSettings, 'webConfig'> & { webConfig: string | null };
let calls: Call[];
const mutation = (name: string) => calls.filter((c) => new RegExp(`\\b${name}\\b`).test(c.query));

function answer(call: Call): Response {
  const settingsPayload = (name: string) => jsonResponse({ data: { [name]: { settings: server, errors: [] } } });
  if (call.query.includes('registerPushToken(')) {
    server = { ...server, registered: true };
    return settingsPayload('registerPushToken');
  }
  if (call.query.includes('unregisterPushToken')) {
    server = { ...server, registered: false };
    return settingsPayload('unregisterPushToken');
  }
  if (call.query.includes('updateNotificationPreferences(')) {
    server = { ...server, ...(call.variables.input as object) };
    return settingsPayload('updateNotificationPreferences');
  }
  if (call.query.includes('pushSettings')) return jsonResponse({ data: { pushSettings: server } });
  return jsonResponse({ errors: [{ message: 'unexpected', extensions: { code: 'INTERNAL' } }] });
}

/** A browser that can do push: Notification (with `permission`, answering `answer`), PushManager and our
 * service worker's registration. */
function browserWithPush(permission: NotificationPermission = 'default', answer: NotificationPermission = 'granted') {
  const requestPermission = vi.fn(async () => {
    FakeNotification.permission = answer;
    return answer;
  });
  class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestPermission = requestPermission;
  }
  vi.stubGlobal('Notification', FakeNotification);
  vi.stubGlobal('PushManager', class {});
  const unsubscribe = vi.fn(async () => true);
  const registration = { pushManager: { getSubscription: vi.fn(async () => ({ unsubscribe })) } };
  Object.defineProperty(navigator, 'serviceWorker', {
    value: { ready: Promise.resolve(registration), getRegistration: vi.fn(async () => registration) },
    configurable: true,
  });
  return { requestPermission, registration, unsubscribe };
}

function mainSwitch() {
  return screen.getByRole('switch', { name: /Send me notifications/ }) as HTMLInputElement;
}

function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

beforeEach(() => {
  vi.clearAllMocks();
  setDeviceToken('token-1');
  online.value = true;
  settings.value = { ...defaultSettings(), language: 'en', onboarded: true };
  server = {
    available: true,
    webConfig: JSON.stringify(WEB_CONFIG),
    vapidKey: 'vapid-public-key',
    registered: false,
    newHobbies: true,
    enrolmentOpening: true,
    benefitExpiring: true,
  };
  ({ calls } = mockFetch(answer));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  delete (navigator as { serviceWorker?: unknown }).serviceWorker;
});

describe('NotificationSettings', () => {
  it('says plainly when the service has no notifications yet', async () => {
    browserWithPush();
    server = { ...server, available: false, webConfig: null, vapidKey: null };
    render(<NotificationSettings />);
    await waitFor(() => expect(description(mainSwitch())).toContain('Notifications are not in use in this service yet.'));
    expect(mainSwitch().disabled).toBe(true);
    expect(mainSwitch().checked).toBe(false);
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('says when this browser cannot show notifications', async () => {
    render(<NotificationSettings />); // happy-dom: no Notification, no PushManager, no service worker
    await waitFor(() => expect(description(mainSwitch())).toContain('This browser cannot show notifications.'));
    expect(mainSwitch().disabled).toBe(true);
  });

  it('asks an iPhone outside the installed app to add it to the home screen first', async () => {
    const ua = vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
    );
    render(<NotificationSettings />);
    await waitFor(() => expect(description(mainSwitch())).toContain('Add the app to your home screen first'));
    expect(mainSwitch().disabled).toBe(true);
    ua.mockRestore();
  });

  it('asks permission only when switched on, then registers a Firebase token for our service worker', async () => {
    const { requestPermission, registration } = browserWithPush();
    render(<NotificationSettings />);
    await waitFor(() => expect(mainSwitch().disabled).toBe(false));
    expect(description(mainSwitch())).toContain('We send nothing at night.');
    // nothing on load: no permission question, no Firebase
    expect(requestPermission).not.toHaveBeenCalled();
    expect(firebase.initializeApp).not.toHaveBeenCalled();

    fireEvent.click(mainSwitch());
    await waitFor(() => expect(mutation('registerPushToken')).toHaveLength(1));
    expect(requestPermission).toHaveBeenCalledOnce();
    expect(firebase.initializeApp).toHaveBeenCalledWith(WEB_CONFIG);
    expect(firebase.getToken).toHaveBeenCalledWith(
      { messaging: true },
      { vapidKey: 'vapid-public-key', serviceWorkerRegistration: registration },
    );
    expect(mutation('registerPushToken')[0].variables).toEqual({ token: 'fcm-token-1' });
    expect(mutation('registerPushToken')[0].query).toContain('platform: WEB');
    expect(mutation('registerPushToken')[0].headers.Authorization).toBe('Device token-1');
    await waitFor(() => expect(mainSwitch().checked).toBe(true));
    const kinds = screen.getByRole('group', { name: 'What do you want to hear about?' });
    expect(within(kinds).getAllByRole('switch').map((s) => (s as HTMLInputElement).checked)).toEqual([true, true, true]);
  });

  it('says so when the server stopped sending after the page loaded', async () => {
    browserWithPush();
    render(<NotificationSettings />);
    await waitFor(() => expect(mainSwitch().disabled).toBe(false));
    mockFetch(() =>
      jsonResponse({
        data: {
          registerPushToken: {
            settings: null,
            errors: [{ field: null, message: 'Not available.', code: 'NOT_AVAILABLE' }],
          },
        },
      }),
    );
    fireEvent.click(mainSwitch());
    await waitFor(() => expect(mainSwitch().disabled).toBe(true));
    expect(description(mainSwitch())).toContain('Notifications are not in use in this service yet.');
    expect(mainSwitch().checked).toBe(false);
  });

  it('explains how to allow notifications when the browser says no', async () => {
    browserWithPush('default', 'denied');
    render(<NotificationSettings />);
    await waitFor(() => expect(mainSwitch().disabled).toBe(false));
    fireEvent.click(mainSwitch());
    expect((await screen.findByRole('alert')).textContent).toContain('Allow them in your browser’s settings');
    expect(mainSwitch().checked).toBe(false);
    expect(firebase.getToken).not.toHaveBeenCalled();
    expect(mutation('registerPushToken')).toHaveLength(0);
  });

  it('tells how to allow them when they were blocked before', async () => {
    const { requestPermission } = browserWithPush('denied');
    render(<NotificationSettings />);
    await waitFor(() => expect(description(mainSwitch())).toContain('You have blocked notifications from this site.'));
    expect(requestPermission).not.toHaveBeenCalled();
  });

  it('switches each kind of message, and puts it back when the server refuses', async () => {
    browserWithPush('granted');
    server = { ...server, registered: true };
    render(<NotificationSettings />);
    const expiring = (await screen.findByRole('switch', { name: /benefit is about to end/ })) as HTMLInputElement;
    expect(description(screen.getByRole('switch', { name: /New hobbies for me/ }))).toContain('At most once a day');
    fireEvent.click(expiring);
    expect(expiring.checked).toBe(false);
    await waitFor(() => expect(mutation('updateNotificationPreferences')).toHaveLength(1));
    expect(mutation('updateNotificationPreferences')[0].variables).toEqual({ input: { benefitExpiring: false } });
    // one change at a time: the switches wait (still focusable) until the server has answered
    await waitFor(() => expect(expiring.getAttribute('aria-disabled')).toBeNull());
    expect(expiring.checked).toBe(false);

    mockFetch(() =>
      jsonResponse({
        data: {
          updateNotificationPreferences: {
            settings: null,
            errors: [{ field: null, message: 'Slow down.', code: 'RATE_LIMITED' }],
          },
        },
      }),
    );
    const opening = screen.getByRole('switch', { name: /sign-up opens/ }) as HTMLInputElement;
    fireEvent.click(opening);
    expect((await screen.findByRole('alert')).textContent).toContain('Your choice was not saved.');
    expect(opening.checked).toBe(true);
  });

  it('turns notifications off and stops the browser side', async () => {
    const { unsubscribe } = browserWithPush('granted');
    server = { ...server, registered: true };
    render(<NotificationSettings />);
    await screen.findByRole('group', { name: 'What do you want to hear about?' });
    expect(mainSwitch().checked).toBe(true);
    fireEvent.click(mainSwitch());
    await waitFor(() => expect(mutation('unregisterPushToken')).toHaveLength(1));
    await waitFor(() => expect(mainSwitch().checked).toBe(false));
    expect(screen.queryByRole('group')).toBeNull();
    // Firebase's own clean-up when it was loaded in this visit, else the push subscription itself
    await waitFor(() => expect(firebase.deleteToken.mock.calls.length + unsubscribe.mock.calls.length).toBe(1));
  });

  it('keeps the switches still offline and says why', async () => {
    browserWithPush('granted');
    server = { ...server, registered: true };
    render(<NotificationSettings />);
    await screen.findByRole('group', { name: 'What do you want to hear about?' });
    online.value = false;
    await waitFor(() => expect(mainSwitch().disabled).toBe(true));
    expect(description(mainSwitch())).toContain('You are offline.');
    const kind = screen.getByRole('switch', { name: /New hobbies for me/ }) as HTMLInputElement;
    expect(kind.disabled).toBe(true);
    expect(description(kind)).toContain('You are offline.');
  });
});
