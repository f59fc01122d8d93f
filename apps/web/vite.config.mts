import type { IncomingMessage } from 'node:http';
import { loadEnv } from 'vite';
import { defineConfig } from 'vitest/config';

/** What the dev server answers itself: its client and the app's modules, and page navigations (the app's router takes those). */
const VITE_OWN = /^\/(@vite|@react-refresh|@id|@fs|__vite|src|node_modules)(\/|$)/;
const servedByVite = (req: IncomingMessage) => VITE_OWN.test(req.url ?? '') || (req.headers.accept ?? '').includes('text/html');

// The API (npm start) serves the production build from apps/web/dist. `npm run web:dev` sends everything else to a
// running API (PARTSMITH_API_URL, default http://127.0.0.1:4000), so no list of API paths is kept here.
export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 800, // the lazily loaded viewer chunk carries three.js
    rolldownOptions: {
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return; // react-router's "use client": meaningless without server components
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/': {
        target: loadEnv(mode, import.meta.dirname, 'PARTSMITH_').PARTSMITH_API_URL ?? 'http://127.0.0.1:4000',
        changeOrigin: false,
        bypass: (req) => (servedByVite(req) ? req.url : undefined),
      },
    },
  },
  test: {
    root: import.meta.dirname,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
}));
