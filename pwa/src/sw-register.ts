/**
 * Registers the service worker (public path /sw.js, scope /) and offers updates.
 *
 * - A new version waiting: `updateReady` turns true; `applyUpdate()` activates it and reloads the page.
 * - Kill switch: a build made with `VITE_DISABLE_SW=1` ships a sw.js that unregisters itself and empties the
 *   caches (vite-plugin-pwa's selfDestroying), and this app then registers nothing and removes any old
 *   registration. Deploy such a build to take a broken service worker off every device.
 */
import { signal } from '@preact/signals';

export const updateReady = signal(false);

let update: ((reloadPage?: boolean) => Promise<void>) | null = null;
const HOUR = 60 * 60 * 1000;

export const SW_DISABLED = import.meta.env.VITE_DISABLE_SW === '1';

async function removeServiceWorkers(): Promise<void> {
  const registrations = await navigator.serviceWorker.getRegistrations();
  await Promise.all(registrations.map((r) => r.unregister()));
  if ('caches' in self) await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
}

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  if (SW_DISABLED) {
    void removeServiceWorkers();
    return;
  }
  const register = () =>
    import('virtual:pwa-register').then(({ registerSW }) => {
      update = registerSW({
        immediate: true,
        onNeedRefresh() {
          updateReady.value = true;
        },
        onRegisteredSW(_url, registration) {
          // a page left open for days still hears about new versions
          if (registration) setInterval(() => void registration.update(), HOUR);
        },
      });
    });
  if (document.readyState === 'complete') void register();
  else addEventListener('load', () => void register(), { once: true });
}

/** Activate the waiting version and reload. */
export function applyUpdate(): void {
  updateReady.value = false;
  void update?.(true);
}

export function dismissUpdate(): void {
  updateReady.value = false;
}
