import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll, type Enrollment } from '../../agent/protocol-client.js';
import { operatorClient, type ApiClient } from '../../harness/api-client.js';
import { exportLogRecords, sdkLogRecords, type ExporterKind } from '../support/otlp-exporters.js';
import { MAPPING_FIXTURES, type MappingFixture } from '../support/windows-event-fixtures.js';
import { RENDERINGS } from '../support/windows-event-renderings.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let operator: ApiClient;
let office: { participantId: string; secret: string };

const COLUMN_OF: Record<string, string> = {
  user: 'user_name',
  processName: 'process_name',
  processPath: 'process_path',
  commandLine: 'command_line',
  path: 'file_path',
  driveType: 'drive_type',
  printerName: 'printer_name',
  documentName: 'document_name',
  sizeBytes: 'bytes',
  deviceClass: 'device_class',
  vendorId: 'vendor_id',
  productId: 'product_id',
  deviceName: 'device_name',
  failureReason: 'reason',
  logonType: 'logon_type',
  sourceIp: 'source_ip',
  sessionId: 'session_id',
  uptimeSeconds: 'uptime_seconds',
};
const range = () => ({
  from: new Date(Date.now() - 2 * 86_400_000).toISOString(),
  to: new Date(Date.now() + 60_000).toISOString(),
});
const qs = (values: Record<string, string>) => `?${new URLSearchParams(values)}`;

beforeAll(async () => {
  yorozu = await startTestYorozu('otlp-exporters');
  office = await participantWithSecret(yorozu, '株式会社ウィンドウズ商事');
  operator = await operatorClient(yorozu.url);
});
afterAll(async () => yorozu?.cleanup());

/** Fixtures as recent events (the gateway refuses events over 400 days old), with record ids offset per run. */
function recent(fixtures: MappingFixture[], recordOffset: number, minutesAgo = 60): MappingFixture[] {
  return fixtures.map((fixture, index) => ({
    ...fixture,
    recordId: fixture.recordId + recordOffset,
    time: new Date(Date.now() - minutesAgo * 60_000 + index * 1000).toISOString(),
  }));
}

async function apiEvents(deviceId: string): Promise<Record<string, unknown>[]> {
  const reply = await operator.call<{ events: Record<string, unknown>[] }>(
    'GET',
    `/api/v1/participants/${office.participantId}/events${qs({ q: `device_id:${deviceId}`, ...range(), limit: '1000' })}`,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.events;
}

const cases: { kind: ExporterKind; gzip: boolean; shape: keyof typeof RENDERINGS }[] = [
  { kind: 'json', gzip: false, shape: 'flatMap' },
  { kind: 'protobuf', gzip: true, shape: 'xml' },
  { kind: 'protobuf', gzip: false, shape: 'arrayMap' },
];

describe.each(cases)(
  'Windows events through the $kind exporter (gzip: $gzip), bodies as $shape',
  ({ kind, gzip, shape }) => {
    let pc: Enrollment;
    beforeAll(async () => {
      pc = await enroll(yorozu.url, office.secret, `PC-${kind}-${shape}`);
    });

    it('stores every mapped event under its category with its fields, found through the explorer API', async () => {
      const fixtures = recent(MAPPING_FIXTURES, 0);
      const result = await exportLogRecords(
        kind,
        yorozu.url,
        pc.credential,
        sdkLogRecords(fixtures.map((f) => ({ body: RENDERINGS[shape](f), time: f.time }))),
        { gzip },
      );
      expect(result.code, String(result.error)).toBe(0);

      const events = await apiEvents(pc.deviceId);
      const mapped = fixtures.filter((f) => f.expected.category !== 'kept');
      expect(events).toHaveLength(mapped.length);
      for (const fixture of mapped) {
        const event = events.find(
          (e) => (e.attributes as Record<string, string>).windowsRecordId === String(fixture.recordId),
        );
        expect(event, `${fixture.channel} ${fixture.eventId}`).toBeDefined();
        const lost = shape === 'xml' ? [] : (fixture.lostInMaps ?? []);
        for (const [field, value] of Object.entries(fixture.expected)) {
          if (lost.includes(field)) continue;
          const stored = event![COLUMN_OF[field] ?? field];
          expect(typeof value === 'number' ? Number(stored) : stored, `${fixture.eventId}.${field}`).toBe(value);
        }
        expect(event!.attributes).toMatchObject({
          windowsChannel: fixture.channel,
          windowsProvider: fixture.provider,
          windowsEventId: String(fixture.eventId),
        });
      }
      const kept = await queryRows<{ event_id: number; reason: string }>(
        yorozu,
        'SELECT event_id, reason FROM windows_events_kept FINAL WHERE device_id = {d:UUID} ORDER BY event_id',
        { d: pc.deviceId },
      );
      expect(kept).toEqual([
        { event_id: 1116, reason: 'outside_categories' },
        { event_id: 1117, reason: 'outside_categories' },
      ]);
    });

    it('updates the device from the Collector resource: the explorer shows its host name', async () => {
      await expect.poll(async () => (await apiEvents(pc.deviceId))[0]?.hostname).toBe('PC-SOUMU-01');
      const [device] = await queryRows<{ os_name: string; os_version: string; agent_version: string }>(
        yorozu,
        'SELECT os_name, os_version, agent_version FROM devices_current WHERE device_id = {d:UUID}',
        { d: pc.deviceId },
      );
      expect(device).toEqual({
        os_name: 'Microsoft Windows 11 Pro',
        os_version: '10.0.22631',
        agent_version: 'otelcol-contrib 0.140.0',
      });
    });

    it('stores a re-sent request once (the Collector retries after a lost response)', async () => {
      const fixtures = recent(MAPPING_FIXTURES.slice(0, 5), 50_000);
      const records = sdkLogRecords(fixtures.map((f) => ({ body: RENDERINGS[shape](f), time: f.time })));
      for (let attempt = 0; attempt < 2; attempt += 1)
        expect((await exportLogRecords(kind, yorozu.url, pc.credential, records, { gzip })).code).toBe(0);
      const [row] = await queryRows<{ n: string }>(
        yorozu,
        "SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID} AND toUInt64(attributes['windowsRecordId']) >= 50000",
        { d: pc.deviceId },
      );
      expect(Number(row!.n)).toBe(5);
    });
  },
);

describe('storage failing', () => {
  it('answers 503 with Retry-After; the exporter retries, and the events are stored once', async () => {
    const pc = await enroll(yorozu.url, office.secret, 'PC-STORAGE-FAILS');
    const fixtures = recent(MAPPING_FIXTURES, 70_000, 30);
    const refusedBefore = await storageFailures();
    await yorozu.database.client.command({ query: 'DETACH TABLE events' });
    let attached = false;
    try {
      const sending = exportLogRecords(
        'protobuf',
        yorozu.url,
        pc.credential,
        sdkLogRecords(fixtures.map((f) => ({ body: RENDERINGS.flatMap(f), time: f.time }))),
        { gzip: true, timeoutMillis: 60_000 },
      );
      await expect.poll(storageFailures).toBeGreaterThan(refusedBefore);
      await yorozu.database.client.command({ query: 'ATTACH TABLE events' });
      attached = true;
      expect((await sending).code).toBe(0);
    } finally {
      if (!attached) await yorozu.database.client.command({ query: 'ATTACH TABLE events' });
    }
    const [row] = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID}',
      { d: pc.deviceId },
    );
    expect(Number(row!.n)).toBe(fixtures.filter((f) => f.expected.category !== 'kept').length);
    const [kept] = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM windows_events_kept FINAL WHERE device_id = {d:UUID}',
      { d: pc.deviceId },
    );
    expect(Number(kept!.n)).toBe(2);
  });
});

async function storageFailures(): Promise<number> {
  const text = await (await fetch(new URL('/metrics', yorozu.url))).text();
  return Number(/^yorozu_otlp_requests_total\{outcome="storage_failed"\} (\d+)/m.exec(text)?.[1] ?? 0);
}
