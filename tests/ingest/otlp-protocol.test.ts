import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll, type Enrollment } from '../../agent/protocol-client.js';
import { ExportLogsServiceRequest, ExportLogsServiceResponse, RpcStatus } from '../../ingest/otlp/otlp-proto.js';
import { exportLogRecords, sdkLogRecords } from '../support/otlp-exporters.js';
import { MAPPING_FIXTURES } from '../support/windows-event-fixtures.js';
import { RENDERINGS, asEventXml } from '../support/windows-event-renderings.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let office: { participantId: string; secret: string };
let pc: Enrollment;

const MAX_BODY = 1024 * 1024;
beforeAll(async () => {
  yorozu = await startTestYorozu('otlp-protocol', {
    INGEST_OTLP_MAX_BODY_BYTES: String(MAX_BODY),
    INGEST_OTLP_MAX_DECOMPRESSED_BYTES: String(4 * MAX_BODY),
    INGEST_OTLP_MAX_RECORDS: '2000',
  });
  office = await participantWithSecret(yorozu, '株式会社プロトコル');
  pc = await enroll(yorozu.url, office.secret, 'PC-PROTOCOL-01');
});
afterAll(async () => yorozu?.cleanup());

/** An OTLP/JSON ExportLogsServiceRequest written by hand, as the specification shows it. */
function jsonRequest(records: { body: unknown; time: string }[]): Record<string, unknown> {
  const anyValue = (value: unknown): Record<string, unknown> =>
    typeof value === 'string'
      ? { stringValue: value }
      : typeof value === 'number'
        ? { intValue: String(value) }
        : Array.isArray(value)
          ? { arrayValue: { values: value.map(anyValue) } }
          : {
              kvlistValue: {
                values: Object.entries(value as Record<string, unknown>).map(([key, entry]) => ({
                  key,
                  value: anyValue(entry),
                })),
              },
            };
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: 'PC-PROTOCOL-01' } }] },
        scopeLogs: [
          {
            scope: { name: 'windowseventlog' },
            logRecords: records.map((r) => ({
              timeUnixNano: `${BigInt(Date.parse(r.time)) * 1_000_000n}`,
              body: anyValue(r.body),
            })),
          },
        ],
      },
    ],
  };
}

const post = (body: string | Buffer, headers: Record<string, string>, credential = pc.credential) =>
  fetch(new URL('/v1/logs', yorozu.url), {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${credential}`, ...headers },
  });
const postJson = (request: unknown, credential?: string) =>
  post(JSON.stringify(request), { 'content-type': 'application/json' }, credential);
const recentFixture = (index: number, recordId: number) => ({
  ...MAPPING_FIXTURES[index]!,
  recordId,
  time: new Date(Date.now() - 10 * 60_000).toISOString(),
});

describe('OTLP/HTTP status semantics', () => {
  it('refuses another content type with 415, naming the two it takes', async () => {
    const reply = await post('hello', { 'content-type': 'text/plain' });
    expect(reply.status).toBe(415);
    expect(((await reply.json()) as { message: string }).message).toMatch(
      /application\/x-protobuf or application\/json/,
    );
  });

  it('refuses a missing or unknown credential with 401', async () => {
    const missing = await fetch(new URL('/v1/logs', yorozu.url), {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { message: string }).message).toMatch(/Authorization: Bearer/);
    expect((await postJson({}, 'ydc1.not-a-device.secret')).status).toBe(401);
  });

  it('answers a malformed body with 400 and the decode error, in the request encoding', async () => {
    const json = await post('{"resourceLogs": [', { 'content-type': 'application/json' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { message: string }).message).toMatch(/not valid JSON/);
    const protobuf = await post(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), {
      'content-type': 'application/x-protobuf',
    });
    expect(protobuf.status).toBe(400);
    expect(protobuf.headers.get('content-type')).toBe('application/x-protobuf');
    const status = RpcStatus.decode(new Uint8Array(await protobuf.arrayBuffer())) as unknown as {
      code: number;
      message: string;
    };
    expect(status).toMatchObject({
      code: 3,
      message: expect.stringMatching(/not an ExportLogsServiceRequest in protobuf/),
    });
  });

  it('refuses a body over the limit, a gzip body that inflates past it, and too many records with 413', async () => {
    const oversized = await post('x'.repeat(MAX_BODY + 1), { 'content-type': 'application/json' });
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as { message: string }).message).toMatch(/INGEST_OTLP_MAX_BODY_BYTES/);
    const bomb = await post(gzipSync(Buffer.alloc(5 * MAX_BODY, 0x20)), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(bomb.status).toBe(413);
    const many = await postJson(
      jsonRequest(Array.from({ length: 2001 }, () => ({ body: 'x', time: new Date().toISOString() }))),
    );
    expect(many.status).toBe(413);
    expect(((await many.json()) as { message: string }).message).toMatch(/2001 log records; the limit is 2000/);
  });

  it('takes a gzip JSON body', async () => {
    const reply = await post(
      gzipSync(
        JSON.stringify(jsonRequest([{ body: asEventXml(recentFixture(0, 900_001)), time: new Date().toISOString() }])),
      ),
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    );
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({});
  });
});

describe('records refused one by one', () => {
  it('answers partialSuccess naming each refused record, stores the others, and keeps the refused ones', async () => {
    const good = recentFixture(8, 910_001);
    const reply = await postJson(
      jsonRequest([
        { body: asEventXml(good), time: good.time },
        {
          body: asEventXml({ ...recentFixture(8, 910_002), time: '1990-01-01T00:00:00Z' }),
          time: '1990-01-01T00:00:00Z',
        },
        { body: { event_id: {}, channel: 'Security' }, time: new Date().toISOString() },
      ]),
    );
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { partialSuccess: { rejectedLogRecords: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedLogRecords).toBe('2');
    expect(body.partialSuccess.errorMessage).toMatch(/time_out_of_range: log record 1/);
    expect(body.partialSuccess.errorMessage).toMatch(/invalid_windows_event: log record 2 .* no event_id/);
    const rejected = await queryRows<{ code: string; event_index: number }>(
      yorozu,
      "SELECT code, event_index FROM rejected_messages WHERE device_id = {d:UUID} AND transport = 'otlp' ORDER BY event_index",
      { d: pc.deviceId },
    );
    expect(rejected).toEqual([
      { code: 'time_out_of_range', event_index: 1 },
      { code: 'invalid_windows_event', event_index: 2 },
    ]);
    const [stored] = await queryRows<{ n: string }>(
      yorozu,
      "SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID} AND attributes['windowsRecordId'] = '910001'",
      { d: pc.deviceId },
    );
    expect(Number(stored!.n)).toBe(1);
  });

  it('answers partialSuccess in protobuf to a protobuf request', async () => {
    const request = ExportLogsServiceRequest.fromObject(
      jsonRequest([
        { body: asEventXml(recentFixture(9, 920_001)), time: new Date().toISOString() },
        { body: { event_id: {}, channel: 'System' }, time: new Date().toISOString() },
      ]),
    );
    const reply = await post(Buffer.from(ExportLogsServiceRequest.encode(request).finish()), {
      'content-type': 'application/x-protobuf',
    });
    expect(reply.status).toBe(200);
    const decoded = ExportLogsServiceResponse.decode(new Uint8Array(await reply.arrayBuffer())) as {
      partialSuccess?: { rejectedLogRecords: { toString(): string }; errorMessage: string };
    };
    expect(decoded.partialSuccess?.rejectedLogRecords.toString()).toBe('1');
  });

  it('refuses the one record of 500 holding a lone surrogate and stores the other 499 (JSON exporter)', async () => {
    const base = Date.now() - 20 * 60_000;
    const fixture = MAPPING_FIXTURES.find((f) => f.eventId === 4688)!;
    const inputs = Array.from({ length: 500 }, (_, index) => {
      const f = { ...fixture, recordId: 930_000 + index, time: new Date(base + index).toISOString() };
      const body = RENDERINGS.flatMap(f) as { event_data: Record<string, string> };
      if (index === 250) body.event_data.CommandLine = 'cmd.exe /c echo \uD800';
      return { body, time: f.time };
    });
    const result = await exportLogRecords('json', yorozu.url, pc.credential, sdkLogRecords(inputs), { gzip: true });
    expect(result.code, String(result.error)).toBe(0);
    const [stored] = await queryRows<{ n: string }>(
      yorozu,
      "SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID} AND toUInt64(attributes['windowsRecordId']) BETWEEN 930000 AND 930499",
      { d: pc.deviceId },
    );
    expect(Number(stored!.n)).toBe(499);
    const rejected = await queryRows<{ event_index: number }>(
      yorozu,
      "SELECT event_index FROM rejected_messages WHERE device_id = {d:UUID} AND code = 'invalid_text'",
      { d: pc.deviceId },
    );
    expect(rejected).toEqual([{ event_index: 250 }]);
  });
});

describe('a revoked device', () => {
  it('is refused with 403 and a message, and the exporter does not retry', async () => {
    const revoked = await enroll(yorozu.url, office.secret, 'PC-REVOKED-01');
    await yorozu.devices.revokeDevice(revoked.deviceId, '貸与終了', 'test');
    yorozu.ingest.authenticator.forget(revoked.deviceId);
    const reply = await postJson(jsonRequest([]), revoked.credential);
    expect(reply.status).toBe(403);
    expect(((await reply.json()) as { message: string }).message).toMatch(/revoked: 貸与終了.*do not retry/);
    const result = await exportLogRecords(
      'protobuf',
      yorozu.url,
      revoked.credential,
      sdkLogRecords([{ body: asEventXml(recentFixture(0, 1)), time: new Date().toISOString() }]),
    );
    expect(result.code).toBe(1);
  });
});
