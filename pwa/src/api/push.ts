/**
 * The browser's side of push: can this browser show notifications, asking the person's permission, and a
 * Firebase Cloud Messaging token for our own service worker.
 *
 * Firebase (`firebase/app`, `firebase/messaging`) is imported only when the person turns notifications on, so
 * none of it is in the first screen's JavaScript. Messages arrive in `src/sw.ts` (`push`), not through Firebase.
 */
import { SW_DISABLED } from '../sw-register';

/**
 * - `supported`: Notification, PushManager and a service worker are all there;
 * - `install`: an iPhone or iPad outside the installed app (Safari gives web apps push only from the home screen);
 * - `unsupported`: this browser cannot (or the service worker is switched off).
 */
export type PushSupport = 'supported' | 'install' | 'unsupported';

function isAppleMobile(): boolean {
  const ua = navigator.userAgent;
  // iPadOS says "Macintosh" but has a touch screen
  return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
}

function isInstalled(): boolean {
  const standalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return standalone || (typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches);
}

export function pushSupport(): PushSupport {
  const capable =
    typeof window !== 'undefined' &&
    'Notification' in window &&
    'PushManager' in window &&
    'serviceWorker' in navigator &&
    !SW_DISABLED;
  if (capable) return 'supported';
  return isAppleMobile() && !isInstalled() ? 'install' : 'unsupported';
}

/** The permission so far: 'granted', 'denied' or 'default' (not asked, or the question was closed). */
export function pushPermission(): NotificationPermission {
  return typeof Notification === 'undefined' ? 'denied' : Notification.permission;
}

/** Ask the person (call this straight from their tap: browsers ignore a request nobody asked for). */
export async function askPushPermission(): Promise<NotificationPermission> {
  if (typeof Notification === 'undefined') return 'denied';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

type Messaging = import('firebase/messaging').Messaging;
let loaded: { messaging: Messaging; deleteToken: (m: Messaging) => Promise<boolean> } | null = null;

/** Our service worker's registration (the one that shows the messages); waits at most `timeoutMs`. */
async function workerRegistration(timeoutMs: number): Promise<ServiceWorkerRegistration> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('The service worker is not ready.')), timeoutMs);
  });
  try {
    return await Promise.race([navigator.serviceWorker.ready, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A push token for this browser from Firebase, initialised with the server's web configuration. Throws when
 * Firebase or the push service refuses (the caller says "could not turn on"). */
export async function getPushToken(
  webConfig: Record<string, unknown>,
  vapidKey: string | null,
  timeoutMs = 15_000,
): Promise<string> {
  const [{ getApps, initializeApp }, messagingModule] = await Promise.all([
    import('firebase/app'),
    import('firebase/messaging'),
  ]);
  const app = getApps()[0] ?? initializeApp(webConfig as import('firebase/app').FirebaseOptions);
  const messaging = messagingModule.getMessaging(app);
  loaded = { messaging, deleteToken: messagingModule.deleteToken };
  const registration = await workerRegistration(timeoutMs);
  const token = await messagingModule.getToken(messaging, {
    ...(vapidKey ? { vapidKey } : {}),
    serviceWorkerRegistration: registration,
  });
  if (!token) throw new Error('No push token.');
  return token;
}

/** Stop this browser's push subscription (after the server forgot the token, or "delete my data"). Never
 * throws; loads nothing: Firebase's own clean-up only when it is loaded already, else the subscription itself. */
export async function dropPushSubscription(): Promise<void> {
  try {
    if (loaded) {
      await loaded.deleteToken(loaded.messaging);
      return;
    }
    if (!('serviceWorker' in navigator)) return;
    const registration = await navigator.serviceWorker.getRegistration();
    const subscription = await registration?.pushManager?.getSubscription();
    await subscription?.unsubscribe();
  } catch {
    /* nothing to drop, or the browser refused: the server no longer sends anything anyway */
  }
}
