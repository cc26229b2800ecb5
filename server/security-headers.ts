import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The browser-facing protections of every answer, in one place (issue 15, finding 5).
 *
 * The Content-Security-Policy is strict: scripts, styles, fonts, images and connections only from this
 * origin; no inline script, no inline style element or attribute (the dashboard sets element styles
 * through the CSSOM and adopts constructed style sheets, which a CSP does not govern), no plugins, no
 * <base>, no framing, forms post only here. `tests/dashboard/content-security-policy.test.ts` loads
 * every page of the dashboard in Chromium under it and fails on any violation.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    // The report PDF and downloads open in the same tab; nothing here is embedded cross-origin.
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    // HSTS only means something over HTTPS, which a proxy in front terminates; it sets its own.
    strictTransportSecurity: false,
  });
}

/**
 * `Cache-Control: no-store` on every API answer (answers for a signed-in person, exports and
 * downloads of participants' data): no browser or proxy cache keeps them after sign-out.
 */
export function noStoreApiAnswers(): MiddlewareHandler {
  return async function noStoreApiAnswers(c, next) {
    await next();
    if (c.req.path.startsWith('/api/')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
