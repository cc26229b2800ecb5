import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll, type Enrollment } from '../../agent/protocol-client.js';
import { eventsOfEveryCategory } from '../support/every-category.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let secret: string;

// Protocol field → events column: the spec's mapping (sql/README.md), written out independently here.
const COLUMN_OF: Record<string, string> = {
  user: 'user_name',
  processName: 'process_name',
  processPath: 'process_path',
  commandLine: 'command_line',
  windowTitle: 'window_title',
  method: 'http_method',
  status: 'http_status',
  path: 'file_path',
  targetPath: 'target_path',
  sizeBytes: 'bytes',
  driveType: 'drive_type',
  printerName: 'printer_name',
  documentName: 'document_name',
  colorMode: 'color_mode',
  paperSize: 'paper_size',
  deviceClass: 'device_class',
  vendorId: 'vendor_id',
  productId: 'product_id',
  deviceName: 'device_name',
  volumeLabel: 'volume_label',
  capacityBytes: 'capacity_bytes',
  ruleName: 'rule_name',
  failureReason: 'reason',
  logonType: 'logon_type',
  sourceIp: 'source_ip',
  sessionId: 'session_id',
  bootId: 'boot_id',
  uptimeSeconds: 'uptime_seconds',
};

beforeAll(async () => {
  yorozu = await startTestYorozu('ingest');
  ({ secret } = await participantWithSecret(yorozu, '株式会社テスト'));
});
afterAll(async () => yorozu?.cleanup());

async function storedEvent(deviceId: string, seq: number) {
  const rows = await queryRows<Record<string, unknown>>(
    yorozu,
    'SELECT *, toUnixTimestamp64Milli(time) AS time_ms FROM events FINAL WHERE device_id = {d:UUID} AND seq = {s:UInt64}',
    { d: deviceId, s: seq },
  );
  return rows;
}

function expectEveryFieldStored(event: Record<string, unknown>, row: Record<string, unknown>) {
  expect(Number(row.time_ms)).toBe(Date.parse(String(event.time)));
  for (const [field, value] of Object.entries(event)) {
    if (field === 'time' || field === 'attributes') continue;
    const column = COLUMN_OF[field] ?? field;
    const stored = row[column];
    if (typeof value === 'number') expect(Number(stored), `${event.category}.${field}`).toBe(value);
    else if (field === 'vendorId' || field === 'productId') expect(stored).toBe(String(value).toLowerCase());
    else expect(stored, `${event.category}.${field}`).toBe(value);
  }
  expect(row.attributes).toEqual(event.attributes);
}

describe('an agent over a real WebSocket', () => {
  let agent: Enrollment;
  let connection: AgentConnection;

  beforeAll(async () => {
    agent = await enroll(yorozu.url, secret, 'PC-SOUMU-01');
    connection = await AgentConnection.open(yorozu.url, agent.credential);
  });
  afterAll(async () => connection?.close());

  it('is welcomed with its identity, limits and configuration', async () => {
    connection.send({
      v: 1,
      type: 'hello',
      agentVersion: '0.1.0',
      hostname: 'PC-SOUMU-01',
      os: { name: 'Windows 11 Pro', version: '23H2' },
    });
    const welcome = await connection.next((m): m is Extract<typeof m, { type: 'welcome' }> => m.type === 'welcome');
    expect(welcome.deviceId).toBe(agent.deviceId);
    expect(welcome.participantId).toBe(agent.participantId);
    expect(welcome.limits.maxEventsPerBatch).toBeGreaterThan(0);
    expect(welcome.config.categories).toHaveLength(8);
  });

  it('sends every category, gets an ack, and every field is stored', async () => {
    const events = eventsOfEveryCategory(1);
    const reply = await connection.sendEvents('ws-every-category', events);
    expect(reply).toMatchObject({ type: 'ack', batchId: 'ws-every-category', accepted: 8, rejected: [] });
    for (const event of events) {
      const rows = await storedEvent(agent.deviceId, event.seq);
      expect(rows, `${event.category} stored once`).toHaveLength(1);
      expect(rows[0]!.participant_id).toBe(agent.participantId);
      expectEveryFieldStored(event as unknown as Record<string, unknown>, rows[0]!);
    }
    const [web] = await storedEvent(agent.deviceId, 3);
    expect(web!.domain).toBe('www.example.co.jp');
  });

  it('re-sent batches produce no duplicates in counts or searches', async () => {
    const events = eventsOfEveryCategory(100);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await connection.sendEvents('ws-resent', events)).toMatchObject({ type: 'ack', accepted: 8 });
    }
    const [count] = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID} AND seq >= 100',
      {
        d: agent.deviceId,
      },
    );
    expect(Number(count!.n)).toBe(8);
    const hits = await queryRows(
      yorozu,
      "SELECT seq FROM events FINAL WHERE device_id = {d:UUID} AND file_path LIKE '%見積書_2026%' AND seq >= 100",
      {
        d: agent.deviceId,
      },
    );
    expect(hits).toHaveLength(1);
  });

  it('stores inventory and health results and acknowledges them', async () => {
    const inventory = await connection.sendBatch({
      v: 1,
      type: 'inventory',
      batchId: 'inv-1',
      snapshot: {
        collectedAt: '2026-11-20T10:00:00+09:00',
        hardware: {
          hostname: 'PC-SOUMU-01',
          domain: 'CORP',
          os: { name: 'Windows 11 Pro', version: '23H2', build: '22631.4460', architecture: 'x64' },
          manufacturer: 'Dell Inc.',
          model: 'Latitude 5440',
          serialNumber: 'ABC1234',
          cpuModel: 'Intel Core i5-1345U',
          cpuCores: 10,
          memoryBytes: 17179869184,
          diskTotalBytes: 512110190592,
          diskFreeBytes: 201110190592,
          ipAddresses: ['192.0.2.15'],
          macAddresses: ['00-1A-2B-3C-4D-5E'],
        },
        software: [
          {
            name: 'Microsoft 365 Apps for business',
            version: '16.0.17928.20148',
            publisher: 'Microsoft Corporation',
            source: 'msi',
          },
          {
            name: '一太郎2024',
            version: '34.0.1',
            publisher: 'JUSTSYSTEMS',
            source: 'exe',
            installedAt: '2024-02-09T00:00:00+09:00',
          },
        ],
        osUpdates: [
          {
            id: 'KB5032190',
            title: '2023-11 累積更新プログラム',
            kind: 'security',
            status: 'installed',
            installedAt: '2023-11-15T03:00:00+09:00',
          },
        ],
      },
    });
    expect(inventory).toMatchObject({ type: 'ack', batchId: 'inv-1', accepted: 4 });
    const health = await connection.sendBatch({
      v: 1,
      type: 'health',
      batchId: 'health-1',
      results: [
        {
          checkId: 'antivirus.running',
          time: '2026-11-20T10:00:00+09:00',
          status: 'pass',
          value: 'Microsoft Defender',
        },
        {
          checkId: 'disk.encryption',
          time: '2026-11-20T10:00:00+09:00',
          status: 'fail',
          // PROTOCOL.md §5.4: the encryption in use, `none` when there is none.
          value: 'none',
          detail: 'BitLocker off on C:',
        },
      ],
    });
    expect(health).toMatchObject({ type: 'ack', accepted: 2 });

    const [hw] = await queryRows(
      yorozu,
      'SELECT model, memory_bytes, mac_addresses FROM inventory_hardware FINAL WHERE device_id = {d:UUID}',
      { d: agent.deviceId },
    );
    expect(hw).toMatchObject({ model: 'Latitude 5440', mac_addresses: ['00:1a:2b:3c:4d:5e'] });
    expect(Number((hw as { memory_bytes: string }).memory_bytes)).toBe(17179869184);
    const software = await queryRows(
      yorozu,
      'SELECT name, version FROM inventory_software FINAL WHERE device_id = {d:UUID} ORDER BY name',
      { d: agent.deviceId },
    );
    expect(software.map((s) => (s as { name: string }).name)).toEqual([
      'Microsoft 365 Apps for business',
      '一太郎2024',
    ]);
    const updates = await queryRows(
      yorozu,
      'SELECT update_id, status FROM inventory_os_updates FINAL WHERE device_id = {d:UUID}',
      { d: agent.deviceId },
    );
    expect(updates).toEqual([{ update_id: 'KB5032190', status: 'installed' }]);
    const checks = await queryRows(
      yorozu,
      'SELECT check_id, status, detail FROM health_results FINAL WHERE device_id = {d:UUID} ORDER BY check_id',
      { d: agent.deviceId },
    );
    expect(checks).toEqual([
      { check_id: 'antivirus.running', status: 'pass', detail: '' },
      { check_id: 'disk.encryption', status: 'fail', detail: 'BitLocker off on C:' },
    ]);
  });

  it('answers an application heartbeat', async () => {
    const sentAt = new Date().toISOString();
    connection.send({ v: 1, type: 'heartbeat', sentAt });
    const ack = await connection.next(
      (m): m is Extract<typeof m, { type: 'heartbeat_ack' }> => m.type === 'heartbeat_ack',
    );
    expect(ack.sentAt).toBe(sentAt);
  });
});

describe('the HTTP batch endpoint', () => {
  it('takes the same batches, acknowledges them and stores every field', async () => {
    const agent = await enroll(yorozu.url, secret, 'PC-EIGYO-02');
    const events = eventsOfEveryCategory(1);
    const post = () =>
      fetch(new URL('/v1/batches', yorozu.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${agent.credential}`, 'content-type': 'application/json' },
        body: JSON.stringify({ v: 1, type: 'events', batchId: 'http-1', events }),
      });
    const response = await post();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ type: 'ack', batchId: 'http-1', accepted: 8, rejected: [] });
    expect((await post()).status).toBe(200); // re-sent
    for (const event of events) {
      const rows = await storedEvent(agent.deviceId, event.seq);
      expect(rows).toHaveLength(1);
      expectEveryFieldStored(event as unknown as Record<string, unknown>, rows[0]!);
    }
  });

  it('enrolling the same installation again keeps the device and replaces its credential', async () => {
    const instanceId = '7d0c7a8e-0d43-4a55-9a57-2a8d1b0c9e11';
    const heartbeatWith = (credential: string) =>
      fetch(new URL('/v1/batches', yorozu.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${credential}` },
        body: JSON.stringify({ v: 1, type: 'heartbeat', sentAt: new Date().toISOString() }),
      });
    const first = await enroll(yorozu.url, secret, 'PC-REINSTALL', instanceId);
    expect((await heartbeatWith(first.credential)).status).toBe(200); // the gateway now knows this credential
    const second = await enroll(yorozu.url, secret, 'PC-REINSTALL', instanceId);
    expect(second.deviceId).toBe(first.deviceId);
    expect((await heartbeatWith(first.credential)).status).toBe(401);
    expect((await heartbeatWith(second.credential)).status).toBe(200);
  });

  it('refuses a wrong enrollment secret with its own error', async () => {
    await expect(
      enroll(
        yorozu.url,
        'yes1.00000000-0000-4000-8000-000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        'PC-X',
      ),
    ).rejects.toThrow(/401\): invalid_enrollment_secret/);
  });
});
