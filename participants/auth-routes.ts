import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ACCESS_PURPOSES } from '../api/caller.js';
import { ApiError } from '../api/errors.js';
import { isHttps, requestOrigin, type ProxyTrust } from '../api/request-origin.js';
import { callerOf, type RouteTable } from '../api/route-table.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../api/session-token.js';
import * as contract from '../contract/index.js';
import { TokenBucketLimiter } from '../ingest/token-bucket-limiter.js';
import type { AccountService } from './account-service.js';

/**
 * Signing in and out, the session (its CSRF token and access purpose), and what an account sees
 * of itself: profile, password change, sign-in history, open sessions.
 */
export interface AuthRouteOptions {
  trustProxy: ProxyTrust;
  sessionHours: number;
  signInsPerMinutePerIp: number;
}

export function authRoutes(routes: RouteTable, accounts: AccountService, options: AuthRouteOptions): void {
  const perIp = new TokenBucketLimiter(options.signInsPerMinutePerIp / 60, options.signInsPerMinutePerIp);

  routes.add({
    method: 'post',
    path: '/api/v1/auth/login',
    response: contract.signedIn,
    scope: 'public',
    tag: 'auth',
    summary: 'Sign in; sets the session cookie and returns the session and CSRF tokens',
    sameOriginOnly: true,
    body: z.object({ loginName: z.string().min(1).max(256), password: z.string().min(1).max(256) }),
    async handler(c, { body }) {
      const origin = requestOrigin(c, options.trustProxy);
      const allowed = perIp.take(origin.ip || 'unknown', 1);
      if (!allowed.allowed) {
        c.header('Retry-After', String(Math.ceil(allowed.retryAfterMs / 1000)));
        throw new ApiError(
          429,
          'too_many_sign_ins',
          `Too many sign-in attempts from this address; wait ${Math.ceil(allowed.retryAfterMs / 1000)} s.`,
        );
      }
      const signedIn = await accounts.signIn(body.loginName, body.password, origin);
      const secure = isHttps(c, options.trustProxy);
      const maxAge = options.sessionHours * 3600;
      setCookie(c, SESSION_COOKIE, signedIn.sessionToken, {
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        path: '/',
        maxAge,
      });
      setCookie(c, CSRF_COOKIE, signedIn.csrfToken, { httpOnly: false, sameSite: 'Lax', secure, path: '/', maxAge });
      return signedIn;
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/auth/logout',
    response: contract.signedOut,
    allowedBeforePasswordChange: true,
    scope: 'signed_in',
    tag: 'auth',
    summary: 'Sign out: the session ends on the server at once',
    async handler(c) {
      await accounts.signOut(callerOf(c).sessionHash);
      clearCookies(c);
      return { signedOut: true };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/auth/session',
    response: contract.session,
    allowedBeforePasswordChange: true,
    scope: 'signed_in',
    tag: 'auth',
    summary:
      "The current session: who is signed in (with a participant's user, its organisation), the CSRF token, the access purpose",
    async handler(c) {
      const caller = callerOf(c);
      return {
        organisation: caller.participantId ? await accounts.organisationOf(caller.participantId) : null,
        accountId: caller.accountId,
        loginName: caller.loginName,
        displayName: caller.displayName,
        role: caller.role,
        participantId: caller.participantId,
        participantScope: [...caller.participantScope],
        csrfToken: caller.csrfToken,
        purpose: caller.purpose,
        purposeNote: caller.purposeNote,
        mustChangePassword: caller.mustChangePassword,
      };
    },
  });

  routes.add({
    method: 'put',
    path: '/api/v1/auth/session/purpose',
    response: contract.purposeChosen,
    scope: 'operator',
    participantData: 'none',
    tag: 'auth',
    summary: 'Choose why this investigation looks at participant data (terms art. 15); kept with the session',
    body: z.object({ purpose: z.enum(ACCESS_PURPOSES), note: z.string().trim().max(500).default('') }),
    async handler(c, { body }) {
      await accounts.setPurpose(callerOf(c), body.purpose, body.note);
      return { purpose: body.purpose, note: body.note };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/me',
    response: contract.ownAccount,
    allowedBeforePasswordChange: true,
    scope: 'signed_in',
    tag: 'auth',
    summary: 'My account',
    async handler(c) {
      return accounts.requireAccount(callerOf(c).accountId);
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/me/password',
    response: contract.passwordChanged,
    allowedBeforePasswordChange: true,
    scope: 'signed_in',
    tag: 'auth',
    summary: 'Change my password; my other sessions end',
    body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
    async handler(c, { body }) {
      await accounts.changePassword(callerOf(c), body.currentPassword, body.newPassword);
      return { changed: true };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/me/sign-ins',
    response: contract.signIns,
    scope: 'signed_in',
    tag: 'auth',
    summary: 'My sign-in history: time, address, browser, result (terms art. 20)',
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
    async handler(c, { query }) {
      return { signIns: await accounts.signInHistory(callerOf(c).accountId, query.limit) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/me/sessions',
    response: contract.openSessions,
    scope: 'signed_in',
    tag: 'auth',
    summary: 'My open sessions',
    async handler(c) {
      const caller = callerOf(c);
      const sessions = await accounts.activeSessions(caller.accountId);
      return {
        sessions: sessions.map((session) => ({ ...session, current: session.session_hash === caller.sessionHash })),
      };
    },
  });
}

function clearCookies(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  deleteCookie(c, CSRF_COOKIE, { path: '/' });
}
