import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import { gatewayReading } from '../../bench/gateway-metrics.js';
import { openDatabase } from '../../server/clickhouse.js';
import { createLogger } from '../../server/logger.js';
import { startYorozu } from '../../server/yorozu.js';
import { eventsOfEveryCategory, simpleEvents } from '../support/every-category.js';
import { until } from '../support/until.js';
import { freshDataDir, participantWithSecret, testConfig } from '../support/yorozu-under-test.js';

describe('operations', () => {
  it('serves /healthz, /readyz and Prometheus /metrics, and a graceful stop acknowledges what it drained', async () => {
    const dataDir = freshDataDir('ops');
    // A long flush interval: the batch is still in the writer's buffer when the stop begins.
    const config = testConfig(dataDir, { INGEST_FLUSH_INTERVAL_MS: '1000' });
    const yorozu = await startYorozu(config, createLogger('silent'));
    try {
      const { secret } = await participantWithSecret(yorozu, '運用テスト株式会社');
      const agent = await enroll(yorozu.url, secret, 'PC-OPS');
      const connection = await AgentConnection.open(yorozu.url, agent.credential);
      expect(await connection.sendEvents('m1', eventsOfEveryCategory(1))).toMatchObject({ type: 'ack', accepted: 8 });
      await connection.sendEvents('m2', [{ seq: 99, category: 'logon' }]);

      expect(await (await fetch(`${yorozu.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${yorozu.url}/readyz`);
      expect(ready.status).toBe(200);
      // Without a token, metrics answer on this machine only: not through a proxy (issue 15, finding 9).
      expect((await fetch(`${yorozu.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.5' } })).status).toBe(
        401,
      );
      const metrics = await (await fetch(`${yorozu.url}/metrics`)).text();
      expect(metrics).toMatch(/^yorozu_agent_connections 1$/m);
      expect(metrics).toMatch(/^yorozu_events_accepted_total\{category="printer_output"\} 1$/m);
      expect(metrics).toMatch(/^yorozu_events_rejected_total\{category="logon",reason="invalid_event"\} 1$/m);
      expect(metrics).toMatch(/^yorozu_batch_events_count 2$/m);
      expect(metrics).toMatch(/^yorozu_insert_duration_seconds_count\{table="events",outcome="ok"\} [1-9]/m);
      expect(metrics).toMatch(/^yorozu_writer_queue_rows\{table="events"\} \d+$/m);
      expect(metrics).toMatch(/^yorozu_ack_latency_seconds_count\{transport="websocket"\} 2$/m);
      // The process's memory split as V8 sees it (prom-client's default metrics), read as the connections bench reads
      // it: what of the resident set is the JS heap, and what is external (Buffers, ArrayBuffers).
      expect(metrics).toMatch(/^yorozu_process_nodejs_heap_size_used_bytes \d+$/m);
      expect(metrics).toMatch(/^yorozu_process_nodejs_external_memory_bytes \d+$/m);
      const memory = gatewayReading(metrics);
      expect(memory.heapUsedMiB).toBeGreaterThan(1);
      expect(memory.heapUsedMiB).toBeLessThanOrEqual(memory.heapTotalMiB);
      expect(memory.externalMiB).toBeGreaterThan(0);
      expect(memory.rssMiB).toBeGreaterThan(memory.heapUsedMiB + memory.externalMiB);

      const pending = connection.sendEvents('in-buffer-at-stop', simpleEvents(1000, 50));
      // The gateway counts a batch and queues its rows in one step: counted means it is in the writer's buffer.
      await until('the batch in the writer', async () =>
        /^yorozu_batch_events_count 3$/m.test(await (await fetch(`${yorozu.url}/metrics`)).text()),
      );
      const stopping = yorozu.stop();
      expect(await pending).toMatchObject({ type: 'ack', accepted: 50 });
      await connection.closed;
      expect(connection.closeCode).toBe(1001);
      await stopping;
    } finally {
      await yorozu.stop();
    }
    const database = await openDatabase(config);
    const result = await database.client.query({
      query: 'SELECT count() AS n FROM events FINAL WHERE seq >= 1000',
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([{ n: '50' }]);
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
