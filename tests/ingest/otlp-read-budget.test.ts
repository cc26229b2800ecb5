import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll, type Enrollment } from '../../agent/protocol-client.js';
import { MAPPING_FIXTURES } from '../support/windows-event-fixtures.js';
import { RENDERINGS } from '../support/windows-event-renderings.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * POST /v1/logs keeps the same per-device read budget as the agents' routes: a PC whose budget is in debt is
 * answered 429 with Retry-After before its body is read (the request below never finishes sending it), and what
 * it sent before is stored. A budget of 1 KiB/s with a burst of 64 KiB; the first request inflates to more.
 */
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let pc: Enrollment;

beforeAll(async () => {
  yorozu = await startTestYorozu('otlp-read-budget', {
    INGEST_MAX_MESSAGE_BYTES: String(64 * 1024),
    INGEST_DEVICE_READ_BYTES_PER_SECOND: '1024',
    INGEST_DEVICE_READ_BURST_BYTES: String(64 * 1024),
  });
  const office = await participantWithSecret(yorozu, '株式会社よみすぎ収集');
  pc = await enroll(yorozu.url, office.secret, 'PC-OTLP-BUDGET');
});
afterAll(async () => yorozu?.cleanup());

/** An OTLP AnyValue of a plain value (the flat-map rendering holds strings, numbers and maps). */
function anyValue(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'number') return { intValue: String(value) };
  return {
    kvlistValue: {
      values: Object.entries(value as Record<string, unknown>).map(([key, entry]) => ({ key, value: anyValue(entry) })),
    },
  };
}

/** An OTLP/JSON request of `count` Windows process-start records, record ids from `firstRecordId`. */
function logsRequest(count: number, firstRecordId: number): string {
  const fixture = MAPPING_FIXTURES.find((f) => f.eventId === 4688)!;
  const base = Date.now() - 30 * 60_000;
  const logRecords = Array.from({ length: count }, (_, index) => {
    const time = new Date(base + index).toISOString();
    const body = RENDERINGS.flatMap({ ...fixture, recordId: firstRecordId + index, time });
    return { timeUnixNano: `${BigInt(Date.parse(time)) * 1_000_000n}`, body: anyValue(body) };
  });
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: 'PC-OTLP-BUDGET' } }] },
        scopeLogs: [{ scope: { name: 'windowseventlog' }, logRecords }],
      },
    ],
  });
}

const storedRecords = async () => {
  const [row] = await queryRows<{ n: string }>(
    yorozu,
    "SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID} AND attributes['windowsRecordId'] != ''",
    { d: pc.deviceId },
  );
  return Number(row!.n);
};

/** Sends the headers and the first bytes of a body, and waits for the answer without sending the rest. */
function answerBeforeTheBody(
  firstBytes: string,
  declaredLength: number,
): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL('/v1/logs', yorozu.url);
    const request = httpRequest(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${pc.credential}`,
        'content-type': 'application/json',
        'content-length': String(declaredLength),
      },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          retryAfter: response.headers['retry-after'],
          body: Buffer.concat(chunks).toString('utf8'),
        });
        request.destroy();
      });
    });
    request.write(firstBytes);
  });
}

describe('an OTLP PC over its read budget', () => {
  it('is answered 429 with Retry-After before its body is read, and what it sent before is stored', async () => {
    const first = logsRequest(200, 510_000);
    expect(Buffer.byteLength(first)).toBeGreaterThan(64 * 1024);
    const accepted = await fetch(new URL('/v1/logs', yorozu.url), {
      method: 'POST',
      body: first,
      headers: { authorization: `Bearer ${pc.credential}`, 'content-type': 'application/json' },
    });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect(await storedRecords()).toBe(200);

    // The second request's body is never finished: an answer can only come before it is read.
    const second = logsRequest(10, 520_000);
    const refused = await answerBeforeTheBody(second.slice(0, 100), Buffer.byteLength(second));
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.body)).toMatchObject({ message: expect.stringContaining('read budget') });
    const metrics = await (await fetch(new URL('/metrics', yorozu.url))).text();
    expect(metrics).toMatch(/yorozu_otlp_requests_total\{outcome="read_budget"\} 1/);
    expect(await storedRecords()).toBe(200);
  });
});
