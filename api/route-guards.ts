import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Caller, CallerResolver } from './caller.js';
import { ApiError } from './errors.js';
import { isHttps, type ProxyTrust } from './request-origin.js';
import { CSRF_HEADER, SESSION_COOKIE, isSessionToken } from './session-token.js';

/**
 * The middleware a route's declaration calls for (route-table.ts builds each route's chain from
 * these): who is calling, the CSRF token, the role and scope, the access purpose, the body's media
 * type and, for sign-in, the page the request came from.
 */
export const CALLER = 'caller';
export const SESSION_TOKEN = 'sessionToken';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function authenticateSession(callers: CallerResolver): MiddlewareHandler {
  return async function authenticateSession(c, next) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const cookie = getCookie(c, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (!token)
      throw new ApiError(
        401,
        'unauthenticated',
        'Sign in first: POST /api/v1/auth/login, then send the session cookie or "Authorization: Bearer <session token>".',
      );
    if (!isSessionToken(token))
      throw new ApiError(401, 'invalid_session', 'The session token is malformed; sign in again.');
    const resolved = await callers.resolve(token, bearer ? 'bearer' : 'cookie');
    if (!resolved.ok) throw new ApiError(401, resolved.code, resolved.message);
    c.set(CALLER as never, resolved.caller as never);
    c.set(SESSION_TOKEN as never, token as never);
    await next();
  };
}

export const checkCsrfToken: MiddlewareHandler = async function checkCsrfToken(c, next) {
  const caller = c.get(CALLER as never) as Caller;
  if (caller.via === 'cookie' && STATE_CHANGING.has(c.req.method)) {
    const presented = c.req.header(CSRF_HEADER);
    if (!presented)
      throw new ApiError(
        403,
        'csrf_token_missing',
        `A state-changing request signed in by cookie must carry the ${CSRF_HEADER} header (its value comes with the session).`,
      );
    const expected = Buffer.from(caller.csrfToken);
    const actual = Buffer.from(presented);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new ApiError(
        403,
        'csrf_token_invalid',
        `The ${CSRF_HEADER} header does not belong to this session; reload the page to get the current one.`,
      );
    }
  }
  await next();
};

export const requireChangedPassword: MiddlewareHandler = async function requireChangedPassword(c, next) {
  const caller = c.get(CALLER as never) as Caller;
  if (caller.mustChangePassword) {
    throw new ApiError(
      403,
      'password_change_required',
      'This account still has the password it was issued with; change it first: POST /api/v1/me/password.',
    );
  }
  await next();
};

export function requireOperator(needsPurpose: boolean): MiddlewareHandler {
  return async function requireOperatorRole(c, next) {
    const caller = c.get(CALLER as never) as Caller;
    if (caller.role !== 'operator')
      throw new ApiError(
        403,
        'operator_only',
        "This route is for the desk's operators; a participant account cannot use it.",
      );
    if (needsPurpose && !caller.purpose) throw purposeRequired();
    await next();
  };
}

export const requireParticipantScope: MiddlewareHandler = async function requireParticipantScope(c, next) {
  const caller = c.get(CALLER as never) as Caller;
  const participantId = c.req.param('participantId') ?? '';
  if (caller.role === 'participant_user') {
    if (!caller.participantScope.includes(participantId)) {
      throw new ApiError(
        403,
        'other_participant',
        "This account can see only its own participant's data; the participant in the address is not its own.",
      );
    }
  } else if (!caller.purpose) {
    throw purposeRequired();
  }
  await next();
};

function purposeRequired(): ApiError {
  return new ApiError(
    428,
    'access_purpose_required',
    'Choose why you are looking at participant data before opening it (terms art. 15): PUT /api/v1/auth/session/purpose with {"purpose": "maintenance" | "operation" | "improvement"}.',
  );
}

/**
 * A JSON route takes only `application/json`, a file route only `multipart/form-data` (415 otherwise).
 * Besides naming a wrong client's mistake, this closes the door a cross-site `<form enctype="text/plain">`
 * would use: a browser sends that without a preflight, but never with a JSON media type.
 */
export function requireMediaType(kind: 'json' | 'multipart', declaresBody: boolean): MiddlewareHandler {
  const expected = kind === 'json' ? 'application/json' : 'multipart/form-data';
  return async function requireMediaType(c, next) {
    const carriesBody =
      Number(c.req.header('content-length') ?? '0') > 0 || c.req.header('transfer-encoding') !== undefined;
    if (STATE_CHANGING.has(c.req.method) && (declaresBody || carriesBody)) {
      const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (mediaType !== expected) {
        throw new ApiError(
          415,
          'unsupported_media_type',
          `${c.req.method} ${c.req.path} takes a body of Content-Type ${expected}${mediaType ? `, not ${mediaType}` : '; the request did not say its Content-Type'}.`,
          [{ path: 'content-type', message: `must be ${expected}` }],
        );
      }
    }
    await next();
  };
}

/**
 * Refuses a request that a browser sent from another site's page (its `Origin` is not ours). Scripts
 * and the CLI send no `Origin` and pass. `publicUrl` is the address users reach Yorozu at, when set.
 */
export function requireSameOrigin(trustProxy: ProxyTrust, publicUrl: string | undefined): MiddlewareHandler {
  return async function requireSameOrigin(c, next) {
    const origin = c.req.header('origin');
    if (origin !== undefined && !ownOrigins(c, trustProxy, publicUrl).includes(origin)) {
      throw new ApiError(
        403,
        'cross_origin_request',
        `This request came from a page of ${origin}, which is not this desk; sign in on the desk's own page.`,
      );
    }
    await next();
  };
}

function ownOrigins(c: Context, trustProxy: ProxyTrust, publicUrl: string | undefined): string[] {
  const own = [new URL(c.req.url).origin];
  const behindProxy = trustProxy.hops > 0 || trustProxy.proxies !== undefined;
  const host = (behindProxy ? c.req.header('x-forwarded-host') : undefined) ?? c.req.header('host');
  if (host) own.push(`${isHttps(c, trustProxy) ? 'https' : 'http'}://${host}`);
  if (publicUrl) own.push(new URL(publicUrl).origin);
  return own;
}
