import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

/**
 * Serves the built dashboard (dashboard/dist): files by path, and index.html for every other page
 * address so that the client-side router can show it. Hashed assets are cached for a year.
 */
const DIST = fileURLToPath(new URL('../dashboard/dist/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function serveDashboard(c: Context): Response {
  let requested: string;
  try {
    requested = decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    // A malformed percent-escape ("/%E0%A4%A") is the client's mistake, not a server failure.
    return c.json(
      { error: { code: 'malformed_path', message: 'The address has a malformed percent-escape (%xx).' } },
      400,
    );
  }
  if (requested.startsWith('/api/') || requested.startsWith('/v1/')) {
    return c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${requested}.` } }, 404);
  }
  const file = path.join(DIST, path.normalize(requested).replace(/^(\.\.[/\\])+/, ''));
  // Source maps are not built for production (dashboard/vite.config.ts); one left in dist is not served either.
  if (file.endsWith('.map'))
    return c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${requested}.` } }, 404);
  if (file.startsWith(DIST) && existsSync(file) && statSync(file).isFile()) {
    const immutable = requested.startsWith('/assets/');
    return c.body(readFileSync(file), 200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }
  const index = path.join(DIST, 'index.html');
  if (!existsSync(index)) {
    return c.html(
      '<p>The dashboard is not built. Run <code>npm run dashboard:build</code> (npm start does it when needed).</p>',
      503,
    );
  }
  return c.body(readFileSync(index), 200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' });
}
