/* global URL, console */
// Builds the dashboard when dashboard/dist is missing or older than any source file, so that
// `npm start` and `npm test` always serve the current dashboard without rebuilding every time.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = path.join(root, 'dist', 'index.html');

function newestIn(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((name) => newestIn(path.join(target, name))));
}

const sources = ['src', 'index.html', 'vite.config.ts'].map((name) => path.join(root, name));
const stale = !existsSync(built) || Math.max(...sources.map(newestIn)) > statSync(built).mtimeMs;
if (stale) {
  console.log('Building the dashboard (dashboard/dist)…');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
