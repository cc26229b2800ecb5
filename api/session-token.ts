import { createHash, randomBytes } from 'node:crypto';
import { sha256Hex } from '../common/hashes.js';

/**
 * Session tokens: `yss1.<256-bit secret>`, sent as an HttpOnly cookie to browsers or as a bearer
 * token to scripts. Only the SHA-256 is stored. The CSRF token is derived from the session token,
 * so it needs no storage and cannot be computed by a page that cannot read the HttpOnly cookie.
 */
export const SESSION_COOKIE = 'yorozu_session';
export const CSRF_COOKIE = 'yorozu_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function newSessionToken(): string {
  return `yss1.${randomBytes(32).toString('base64url')}`;
}

export function isSessionToken(value: string): boolean {
  return /^yss1\.[A-Za-z0-9_-]{43}$/.test(value);
}

export function sessionHashOf(token: string): string {
  return sha256Hex(token);
}

export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}
