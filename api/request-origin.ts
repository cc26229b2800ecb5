import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { RequestOrigin } from './caller.js';

/**
 * The caller's address and user agent for sign-in history and the access audit. Behind a reverse
 * proxy (YOROZU_TRUST_PROXY=1) the first X-Forwarded-For address is the client's.
 */
export function requestOrigin(c: Context, trustProxy: boolean): RequestOrigin {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  let ip = forwarded ?? '';
  if (!ip) {
    try {
      ip = getConnInfo(c).remote.address ?? '';
    } catch {
      ip = ''; // app.request() in unit tests has no socket
    }
  }
  return { ip, userAgent: (c.req.header('user-agent') ?? '').slice(0, 512) };
}

/** Cookies get `Secure` when the browser reached us over HTTPS, directly or through a trusted proxy. */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('x-forwarded-proto') === 'https';
}
