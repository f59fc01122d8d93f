import { defineConfig } from 'vitest/config';

// The API (npm start) serves the production build from apps/web/dist; `npm run web:dev` proxies the API.
const api = process.env.PARTSMITH_API_URL ?? 'http://127.0.0.1:4000';
const proxied = ['/graphql', '/events', '/parts/upload', '/parts/revisions', '^/parts/[0-9a-f-]+/mesh/', '/sourcing/jobs', '/sourcing/files', '/factories/certificates', '/health', '/admin/queues', '/production'];

export default defineConfig({
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
  server: { proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, changeOrigin: false }])) },
  test: {
    root: import.meta.dirname,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
