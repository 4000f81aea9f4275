/**
 * Are we online? `navigator.onLine` says when the device has no network at all; a request that fails on the
 * network (`api/client.ts` reports it) says when the network is there but the server cannot be reached.
 */
import { signal } from '@preact/signals';

export const online = signal<boolean>(typeof navigator === 'undefined' ? true : navigator.onLine !== false);

export function reportNetworkFailure(): void {
  online.value = false;
}

export function reportNetworkSuccess(): void {
  online.value = true;
}

/** Follow the browser's online/offline events. Returns the stop function. */
export function startOnlineTracking(): () => void {
  const up = () => (online.value = true);
  const down = () => (online.value = false);
  addEventListener('online', up);
  addEventListener('offline', down);
  return () => {
    removeEventListener('online', up);
    removeEventListener('offline', down);
  };
}
