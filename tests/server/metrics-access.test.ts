import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { startYorozu } from '../../server/yorozu.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

/** Issue 15, finding 9: /metrics behind a token or on an address of its own; /healthz stays public; bad paths are 400. */
const dataDir = freshDataDir('metrics-access');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('who may read the metrics', () => {
  it('with YOROZU_METRICS_TOKEN: only with the token; /healthz and /readyz stay open, /readyz without detail', async () => {
    const token = 'a-metrics-token-of-some-length';
    const yorozu = await startYorozu(testConfig(dataDir, { YOROZU_METRICS_TOKEN: token }), createLogger('silent'));
    try {
      const refused = await fetch(`${yorozu.url}/metrics`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(
        (await fetch(`${yorozu.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } }))
          .status,
      ).toBe(401);
      const allowed = await fetch(`${yorozu.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toMatch(/^yorozu_agent_connections 0$/m);
      expect(await (await fetch(`${yorozu.url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${yorozu.url}/readyz`)).status).toBe(200);
      // A malformed percent-escape in a page address is the client's mistake: 400, not 500.
      const malformed = await fetch(`${yorozu.url}/participants/%E0%A4%A`);
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ error: { code: 'malformed_path' } });
    } finally {
      await yorozu.stop();
    }
  });

  it('with YOROZU_METRICS_LISTEN: on that address only', async () => {
    const yorozu = await startYorozu(
      testConfig(dataDir, { YOROZU_METRICS_LISTEN: '127.0.0.1:0' }),
      createLogger('silent'),
    );
    try {
      expect((await fetch(`${yorozu.url}/metrics`)).status).toBe(404);
      const separate = await fetch(`${yorozu.metricsUrl!}/metrics`);
      expect(separate.status).toBe(200);
      expect(await separate.text()).toMatch(/^yorozu_agent_connections 0$/m);
    } finally {
      await yorozu.stop();
    }
  });
});
