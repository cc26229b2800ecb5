import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard is built into dashboard/dist and served by the Yorozu process (`npm start`).
 * `npm run dashboard:dev` serves it with hot reload and sends API calls to a Yorozu on :8080.
 */
const target = process.env.YOROZU_URL ?? 'http://localhost:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, sourcemap: false },
  server: { proxy: { '/api': { target, changeOrigin: false }, '/openapi.json': target } },
});
