import { Hono } from 'hono';
import type { Registry } from 'prom-client';

/** /healthz (the process answers), /readyz (storage reachable and not draining), /metrics (Prometheus). */
export function opsRoutes(registry: Registry, isReady: () => Promise<{ ready: boolean; reason?: string }>): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const state = await isReady();
    return c.json(state.ready ? { status: 'ready' } : { status: 'not_ready', reason: state.reason }, state.ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => c.text(await registry.metrics(), 200, { 'Content-Type': registry.contentType }));
  return app;
}
