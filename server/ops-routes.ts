import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import type { Registry } from 'prom-client';

/**
 * /healthz (the process answers; public, for load balancers), /readyz (storage reachable and not
 * draining), /metrics (Prometheus).
 *
 * /metrics tells how busy the desk is and which participants send what; it is not for the public
 * (issue 15, finding 9). On the main listener it answers:
 * - with `YOROZU_METRICS_TOKEN` set: to `Authorization: Bearer <token>` only;
 * - without it: only to this machine (a loopback peer with no forwarding header, so not through a
 *   reverse proxy on the same host);
 * - with `YOROZU_METRICS_LISTEN` set: not at all (the separate listener serves it; see server/yorozu.ts).
 * /readyz stays open, with its reason only for those who may read /metrics.
 */
export interface OpsAccess {
  /** Bearer token for /metrics; undefined: this machine only. */
  token: string | undefined;
  /** false on the main listener when metrics have their own listen address. */
  servesMetrics: boolean;
  /** true on the separate metrics listener: whoever reaches that address may read. */
  open: boolean;
}

export function opsRoutes(
  registry: Registry,
  isReady: () => Promise<{ ready: boolean; reason?: string }>,
  access: OpsAccess = { token: undefined, servesMetrics: true, open: false },
): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const state = await isReady();
    const detailed = mayReadMetrics(c, access);
    return c.json(
      state.ready ? { status: 'ready' } : { status: 'not_ready', ...(detailed ? { reason: state.reason } : {}) },
      state.ready ? 200 : 503,
    );
  });
  app.get('/metrics', async (c) => {
    if (!access.servesMetrics)
      return c.json(
        { error: { code: 'not_found', message: 'Metrics are served on their own address (YOROZU_METRICS_LISTEN).' } },
        404,
      );
    if (!mayReadMetrics(c, access)) {
      return c.json(
        {
          error: {
            code: 'metrics_unauthorized',
            message: access.token
              ? 'Send the metrics token: Authorization: Bearer <YOROZU_METRICS_TOKEN>.'
              : 'Metrics answer only on this machine; set YOROZU_METRICS_TOKEN or YOROZU_METRICS_LISTEN to read them from elsewhere.',
          },
        },
        401,
        access.token ? { 'WWW-Authenticate': 'Bearer realm="metrics"' } : {},
      );
    }
    return c.text(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
  });
  return app;
}

function mayReadMetrics(c: Context, access: OpsAccess): boolean {
  if (access.open) return true;
  if (access.token) {
    const sent = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '';
    const expected = Buffer.from(access.token);
    const given = Buffer.from(sent);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  if (c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined) return false;
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? '';
  } catch {
    return false; // app.request() in tests has no socket
  }
  return peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
}
