import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { AgentConnection, enroll, type Enrollment } from '../agent/protocol-client.js';
import { ExportLogsServiceRequest } from '../ingest/otlp/otlp-proto.js';
import { participantWithSecret, startGateway } from './gateway-process.js';
import { percentile, sampleRss } from './latency.js';
import { mappedBenchEvents, windowsBenchEvents, type WindowsBenchEvent } from './windows-event-records.js';

/**
 * The otlp part of BENCHMARKS.md: Windows events as OTLP/HTTP protobuf (gzip) to /v1/logs, acknowledged,
 * next to the same events mapped and sent over the WebSocket in the same run, on the same gateway.
 * Bodies are encoded (and compressed) before the clock starts, as in the ingest part.
 */
export interface OtlpBenchOptions {
  events: number;
  agents: number;
  batchSize: number;
}
export interface PathFigures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  gatewayPeakRssMiB: number;
  bytesSent: number;
}
export interface OtlpBenchResults {
  ws: PathFigures;
  otlp: PathFigures;
  ratio: number;
}

const IN_FLIGHT_PER_AGENT = 4;

export async function runOtlpBenchmark(
  options: OtlpBenchOptions,
  log: (line: string) => void,
): Promise<OtlpBenchResults> {
  const perAgent = Math.ceil(options.events / options.agents);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yorozu-bench-otlp-'));
  try {
    const { secret } = await participantWithSecret(dataDir, 'ベンチマーク株式会社');
    const gateway = await startGateway(dataDir, {
      INGEST_DEVICE_EVENTS_PER_SECOND: '1000000000',
      INGEST_DEVICE_BURST_EVENTS: '1000000000',
    });
    try {
      log(`otlp: enrolling ${options.agents} agents…`);
      const agents: Enrollment[] = [];
      for (let i = 0; i < options.agents; i += 20)
        agents.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(20, options.agents - i) }, (_, j) =>
              enroll(gateway.url, secret, `BENCH-OTLP-${i + j}`),
            ),
          )),
        );
      const start = Date.now() - 86_400_000;
      const events = agents.map((_, agent) => windowsBenchEvents(agent, perAgent, start));

      log(`otlp: ingest-ws with the same ${perAgent * agents.length} events, mapped…`);
      const wsBatches = events.map((list) =>
        chunks(list, options.batchSize).map((chunk, index) => {
          const batchId = `otlp-bench-${index}`;
          return {
            batchId,
            body: JSON.stringify({
              v: 1,
              type: 'events',
              batchId,
              events: mappedBenchEvents(chunk, index * options.batchSize),
            }),
            events: chunk.length,
          };
        }),
      );
      const ws = await timed(gateway.pid, wsBatches, async (agent, batches, latencies) => {
        const connection = await AgentConnection.open(gateway.url, agents[agent]!.credential);
        await inFlight(batches, async (batch) => {
          const sent = performance.now();
          for (;;) {
            const reply = await connection.sendPreparedBatch(batch.batchId, batch.body);
            if (reply.type === 'ack') break;
            if (reply.code !== 'server_busy') throw new Error(`batch refused: ${reply.code}`);
            await new Promise((resolve) => setTimeout(resolve, reply.retryAfterMs ?? 1000));
          }
          latencies.push(performance.now() - sent);
        });
        await connection.close();
      });

      log('otlp: /v1/logs, protobuf, gzip…');
      const requests = events.map((list) =>
        chunks(list, options.batchSize).map((chunk) => ({
          body: gzipSync(encodeRequest(chunk)),
          events: chunk.length,
        })),
      );
      const otlp = await timed(gateway.pid, requests, async (agent, bodies, latencies) => {
        await inFlight(bodies, async (request) => {
          const sent = performance.now();
          for (;;) {
            const reply = await fetch(new URL('/v1/logs', gateway.url), {
              method: 'POST',
              body: request.body,
              headers: {
                authorization: `Bearer ${agents[agent]!.credential}`,
                'content-type': 'application/x-protobuf',
                'content-encoding': 'gzip',
              },
            });
            await reply.arrayBuffer();
            if (reply.status === 200) break;
            if (reply.status !== 503 && reply.status !== 429) throw new Error(`/v1/logs answered ${reply.status}`);
            await new Promise((resolve) => setTimeout(resolve, Number(reply.headers.get('retry-after') ?? 1) * 1000));
          }
          latencies.push(performance.now() - sent);
        });
      });
      return { ws, otlp, ratio: otlp.eventsPerSecond / ws.eventsPerSecond };
    } finally {
      await gateway.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function encodeRequest(events: WindowsBenchEvent[]): Uint8Array {
  const anyValue = (value: unknown): Record<string, unknown> =>
    typeof value === 'string'
      ? { stringValue: value }
      : typeof value === 'number'
        ? { intValue: value }
        : {
            kvlistValue: {
              values: Object.entries(value as Record<string, unknown>).map(([key, entry]) => ({
                key,
                value: anyValue(entry),
              })),
            },
          };
  const request = ExportLogsServiceRequest.fromObject({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: 'BENCH' } }] },
        scopeLogs: [
          {
            scope: { name: 'windowseventlog' },
            logRecords: events.map((event) => ({
              timeUnixNano: String(BigInt(event.timeMs) * 1_000_000n),
              body: anyValue(event.body),
            })),
          },
        ],
      },
    ],
  });
  return ExportLogsServiceRequest.encode(request).finish();
}

const chunks = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, index) => list.slice(index * size, (index + 1) * size));

async function inFlight<T>(items: T[], send: (item: T) => Promise<void>): Promise<void> {
  const pending = new Set<Promise<void>>();
  for (const item of items) {
    const promise = send(item).finally(() => pending.delete(promise));
    pending.add(promise);
    if (pending.size >= IN_FLIGHT_PER_AGENT) await Promise.race(pending);
  }
  await Promise.all(pending);
}

async function timed<T extends { events: number }>(
  pid: number,
  perAgent: T[][],
  run: (agent: number, items: T[], latencies: number[]) => Promise<void>,
): Promise<PathFigures> {
  const latencies: number[] = [];
  const stopRss = sampleRss(pid);
  const events = perAgent.flat().reduce((sum, item) => sum + item.events, 0);
  const bytesSent = perAgent
    .flat()
    .reduce((sum, item) => sum + Buffer.byteLength((item as unknown as { body: string | Uint8Array }).body), 0);
  const started = performance.now();
  await Promise.all(perAgent.map((items, agent) => run(agent, items, latencies)));
  const seconds = (performance.now() - started) / 1000;
  return {
    events,
    seconds,
    eventsPerSecond: events / seconds,
    ackP50Ms: percentile(latencies, 50),
    ackP99Ms: percentile(latencies, 99),
    gatewayPeakRssMiB: stopRss(),
    bytesSent,
  };
}
