import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-errors.js';

/**
 * Until operator accounts exist (participants issue), operator routes take a bearer admin token:
 * YOROZU_ADMIN_TOKEN, or one generated on first start into <data dir>/admin-token (mode 0600).
 */
export function resolveAdminToken(configured: string | undefined, dataDir: string): { token: string; created: boolean; file: string } {
  const file = path.join(dataDir, 'admin-token');
  if (configured) return { token: configured, created: false, file };
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), created: false, file };
  mkdirSync(dataDir, { recursive: true });
  const token = `yat1.${randomBytes(32).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, created: true, file };
}

export function requireAdminToken(token: string): MiddlewareHandler {
  const expected = Buffer.from(token);
  return async function adminTokenGuard(c, next) {
    const presented = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const actual = Buffer.from(presented ?? '');
    if (!presented || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new ApiError(401, 'unauthenticated', 'Operator routes need "Authorization: Bearer <admin token>" (see data/admin-token).');
    }
    await next();
  };
}
