import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { operatorClient } from '../../harness/api-client.js';
import { exportLogRecords, sdkLogRecords, type WindowsLogRecordInput } from '../support/otlp-exporters.js';
import { MAPPING_FIXTURES } from '../support/windows-event-fixtures.js';
import { RENDERINGS, type WindowsEventFixture } from '../support/windows-event-renderings.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;

beforeAll(async () => {
  yorozu = await startTestYorozu('otlp-replay');
});
afterAll(async () => yorozu?.cleanup());

/** Events the mapping does not know: they must be kept, searchable, and counted per event id. */
const UNKNOWN: WindowsEventFixture[] = [
  {
    channel: 'System',
    provider: 'Service Control Manager',
    eventId: 7036,
    recordId: 0,
    time: '',
    data: [
      ['param1', 'Windows Update'],
      ['param2', 'running'],
    ],
  },
  {
    channel: 'Application',
    provider: 'MsiInstaller',
    eventId: 11707,
    recordId: 0,
    time: '',
    data: [[null, 'Product: 7-Zip 24.08 -- Installation completed successfully.']],
  },
  // System 12 from another provider: the id collides with Kernel-General's boot, the provider tells them apart.
  {
    channel: 'System',
    provider: 'Microsoft-Windows-Time-Service',
    eventId: 12,
    recordId: 0,
    time: '',
    data: [['Source', 'time.windows.com']],
  },
];

describe('a replay of a few thousand mixed Windows records', () => {
  it('stores every record once: mapped ones per category, the others kept per event id, none lost', async () => {
    const office = await participantWithSecret(yorozu, '株式会社リプレイ');
    const pc = await enroll(yorozu.url, office.secret, 'PC-REPLAY-01');
    const shapes = Object.values(RENDERINGS);
    const start = Date.now() - 6 * 3_600_000;
    const expectedCategories = new Map<string, number>();
    const expectedKept = new Map<number, number>();
    const inputs: WindowsLogRecordInput[] = [];
    for (let index = 0; index < 3000; index += 1) {
      const unknown = index % 10 === 9;
      const base = unknown ? UNKNOWN[index % UNKNOWN.length]! : MAPPING_FIXTURES[index % MAPPING_FIXTURES.length]!;
      const fixture = { ...base, recordId: 100_000 + index, time: new Date(start + index * 1000).toISOString() };
      inputs.push({ body: shapes[index % shapes.length]!(fixture), time: fixture.time });
      const category = unknown ? 'kept' : MAPPING_FIXTURES[index % MAPPING_FIXTURES.length]!.expected.category;
      if (category === 'kept') expectedKept.set(fixture.eventId, (expectedKept.get(fixture.eventId) ?? 0) + 1);
      else expectedCategories.set(category, (expectedCategories.get(category) ?? 0) + 1);
    }
    // Not a Windows event at all (another receiver on the same Collector): kept too.
    inputs.push({ body: 'plain text from another receiver', time: new Date(start).toISOString() });

    for (let offset = 0; offset < inputs.length; offset += 500) {
      const result = await exportLogRecords(
        'protobuf',
        yorozu.url,
        pc.credential,
        sdkLogRecords(inputs.slice(offset, offset + 500)),
        { gzip: true },
      );
      expect(result.code, String(result.error)).toBe(0);
    }

    const categories = await queryRows<{ category: string; n: string }>(
      yorozu,
      'SELECT category, count() AS n FROM events FINAL WHERE device_id = {d:UUID} GROUP BY category',
      { d: pc.deviceId },
    );
    expect(new Map(categories.map((row) => [row.category, Number(row.n)]))).toEqual(expectedCategories);
    const kept = await queryRows<{ event_id: number; reason: string; n: string }>(
      yorozu,
      'SELECT event_id, any(reason) AS reason, count() AS n FROM windows_events_kept FINAL WHERE device_id = {d:UUID} GROUP BY event_id',
      { d: pc.deviceId },
    );
    expect(
      new Map(kept.filter((row) => row.reason !== 'not_windows').map((row) => [row.event_id, Number(row.n)])),
    ).toEqual(expectedKept);
    expect(kept.find((row) => row.reason === 'not_windows')).toMatchObject({ event_id: 0, n: '1' });
    const stored =
      categories.reduce((sum, row) => sum + Number(row.n), 0) + kept.reduce((sum, row) => sum + Number(row.n), 0);
    expect(stored).toBe(inputs.length);

    const [searchable] = await queryRows<{ channel: string; provider: string; body: string }>(
      yorozu,
      'SELECT channel, provider, body FROM windows_events_kept FINAL WHERE device_id = {d:UUID} AND event_id = 11707 LIMIT 1',
      { d: pc.deviceId },
    );
    expect(searchable).toMatchObject({ channel: 'Application', provider: 'MsiInstaller' });
    expect(searchable!.body).toContain('7-Zip');

    // Searchable through the API: counts per event id, and the events of one event id with their body.
    const operator = await operatorClient(yorozu.url);
    const path = `/api/v1/participants/${office.participantId}/devices/${pc.deviceId}/windows-events-kept`;
    const all = await operator.call<{ counts: { event_id: number; events: number }[] }>('GET', path);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.counts.find((row) => Number(row.event_id) === 7036)?.events).toBe(expectedKept.get(7036));
    const msi = await operator.call<{ events: { event_id: number; provider: string; body: string }[] }>(
      'GET',
      `${path}?eventId=11707&limit=500`,
    );
    expect(msi.body.events).toHaveLength(expectedKept.get(11707)!);
    expect(msi.body.events.every((event) => event.provider === 'MsiInstaller' && event.body.includes('7-Zip'))).toBe(
      true,
    );

    const metrics = await (await fetch(new URL('/metrics', yorozu.url))).text();
    expect(metrics).toContain(
      `yorozu_windows_events_kept_total{reason="unknown",event_id="7036"} ${expectedKept.get(7036)}`,
    );
    expect(metrics).toContain(
      `yorozu_otlp_log_records_total{outcome="mapped"} ${[...expectedCategories.values()].reduce((a, b) => a + b, 0)}`,
    );
  });
});
