import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

// VITE_DISABLE_SW=1 npm run build: the kill switch. sw.js then unregisters itself and empties the caches on
// every device that has the old one, and the app registers no service worker (src/sw-register.ts).
const disableServiceWorker = process.env.VITE_DISABLE_SW === '1';

export default defineConfig({
  base: '/',
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false, // public/manifest.webmanifest
      selfDestroying: disableServiceWorker,
      injectManifest: {
        // the shell: the page, its code and styles, the icons and the manifest
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['**/node_modules/**', 'sw.js'],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true, // dist/.vite/manifest.json: scripts/size.mjs reads it
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a Django on :8000 (make run): the API and the server's own pages
    proxy: {
      '/graphql': 'http://127.0.0.1:8000',
      '/media': 'http://127.0.0.1:8000',
      '/pages': 'http://127.0.0.1:8000',
      '/cms': 'http://127.0.0.1:8000',
      '/static': 'http://127.0.0.1:8000',
    },
  },
});
