// Stands in for vite-plugin-pwa's virtual:pwa-register in unit tests (see vitest.config.ts).
export function registerSW(): (reloadPage?: boolean) => Promise<void> {
  return async () => {};
}
