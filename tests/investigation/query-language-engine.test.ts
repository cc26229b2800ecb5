import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery } from '../../investigation/query-language/index.js';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { runMigrations } from '../../server/migrate.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

/**
 * Compiled queries run on the real engine (embedded chDB) against a dozen events of two devices, the
 * way the log explorer runs them: after the participant filter, with the compiled parameters.
 */
const dataDir = freshDataDir('query-language');
let db: Database;

const PARTICIPANT = '0b5f3c1e-0000-4000-8000-000000000001';
const OTHER_PARTICIPANT = '0b5f3c1e-0000-4000-8000-000000000002';
const SALES_PC = '5a1e5000-0000-4000-8000-000000000001';
const DEV_LAPTOP = 'de7a0000-0000-4000-8000-000000000002';
const OTHER_SALES_PC = '5a1e5000-0000-4000-8000-000000000099';

type EventRow = Record<string, unknown> & { seq: number; category: string };

/** Each event's seq names it in the assertions below. */
const EVENTS: [device: string, event: EventRow][] = [
  [SALES_PC, { seq: 1, category: 'boot', action: 'boot', boot_id: 'b-1', message: 'Windows が起動しました' }],
  [
    SALES_PC,
    {
      seq: 2,
      category: 'logon',
      action: 'logon',
      user_name: 'yamada',
      logon_type: 'interactive',
      source_ip: '10.0.0.5',
      message: 'ログオンしました',
    },
  ],
  [
    SALES_PC,
    {
      seq: 3,
      category: 'web_access',
      user_name: 'yamada',
      url: 'https://mail.example.co.jp/inbox',
      domain: 'mail.example.co.jp',
      http_method: 'GET',
      http_status: 200,
      bytes: 5200,
      browser: 'Edge',
    },
  ],
  [
    SALES_PC,
    {
      seq: 4,
      category: 'web_access',
      user_name: 'yamada',
      url: 'https://upload.example.com/put',
      domain: 'upload.example.com',
      http_method: 'POST',
      http_status: 413,
      bytes: 1_000_000,
    },
  ],
  [
    SALES_PC,
    {
      seq: 5,
      category: 'file_operation',
      action: 'copy',
      user_name: 'yamada',
      file_path: 'C:\\Users\\yamada\\Documents\\顧客リスト.xlsx',
      target_path: 'E:\\backup\\顧客リスト.xlsx',
      bytes: 2048,
    },
  ],
  [
    SALES_PC,
    {
      seq: 6,
      category: 'printer_output',
      user_name: 'yamada',
      printer_name: 'HQ-Printer-3F',
      document_name: 'report_2024.pdf',
      pages: 12,
      copies: 2,
      color_mode: 'color',
    },
  ],
  [
    SALES_PC,
    {
      seq: 7,
      category: 'external_device',
      action: 'connect',
      user_name: 'yamada',
      device_class: 'USB',
      vendor_id: '0781',
      product_id: '5581',
      serial: 'AA123',
      device_name: 'SanDisk Ultra',
      capacity_bytes: 64_000_000_000,
    },
  ],
  [
    DEV_LAPTOP,
    {
      seq: 8,
      category: 'logon',
      action: 'logon_failed',
      user_name: 'suzuki',
      logon_type: 'remote',
      reason: 'bad password',
      message: 'ログオンに失敗しました',
    },
  ],
  [
    DEV_LAPTOP,
    {
      seq: 9,
      category: 'software_operation',
      action: 'start',
      user_name: 'suzuki',
      process_name: 'powershell.exe',
      process_path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      command_line: 'powershell -enc ZQBjAGgAbwA=',
      pid: 4242,
      window_title: 'Windows PowerShell',
    },
  ],
  [
    DEV_LAPTOP,
    {
      seq: 10,
      category: 'printer_output',
      user_name: 'suzuki',
      printer_name: 'HQ-Printer-3F',
      document_name: 'reportX2024.pdf',
      pages: 3,
      copies: 1,
    },
  ],
  [
    DEV_LAPTOP,
    {
      seq: 11,
      category: 'device_control',
      action: 'block',
      user_name: 'SYSTEM',
      rule_name: 'block-usb-storage',
      device_name: '不明なUSBデバイス',
      reason: 'policy',
      attributes: { policy_id: 'P-7', severity: 'high' },
    },
  ],
  [
    DEV_LAPTOP,
    {
      seq: 12,
      category: 'file_operation',
      action: 'delete',
      user_name: 'suzuki',
      file_path: 'D:\\share\\100%_done.txt',
      bytes: 10,
    },
  ],
  [
    DEV_LAPTOP,
    {
      seq: 13,
      category: 'web_access',
      user_name: 'suzuki',
      url: 'https://news.example.jp/?q=セキュリティ',
      domain: 'news.example.jp',
      http_status: 200,
      bytes: 999,
      attributes: { tab: '3' },
    },
  ],
  // Another participant's device, whose host name and event match many of the queries: never returned.
  [
    OTHER_SALES_PC,
    {
      seq: 99,
      category: 'boot',
      user_name: 'yamada',
      message: 'Windows が起動しました',
      document_name: 'report_2024.pdf',
      bytes: 2048,
      attributes: { severity: 'high' },
    },
  ],
];
const ALL = EVENTS.filter(([device]) => device !== OTHER_SALES_PC).map(([, event]) => event.seq);

function deviceRow(deviceId: string, participantId: string, hostname: string, changedAt: string) {
  return {
    device_id: deviceId,
    participant_id: participantId,
    instance_id: `instance-${hostname}`,
    hostname,
    os_name: 'Windows',
    os_version: '11',
    agent_version: '0.1.0',
    credential_hash: '0'.repeat(64),
    status: 'active',
    status_reason: '',
    enrolled_at: '2026-03-01 00:00:00.000',
    changed_at: changedAt,
    changed_by: 'test',
  };
}

beforeAll(async () => {
  db = await openDatabase(testConfig(dataDir));
  await runMigrations(db);
  await db.client.insert({
    table: 'devices',
    values: [
      // The laptop was renamed: the query language finds devices by their current host name.
      deviceRow(DEV_LAPTOP, PARTICIPANT, 'SALES-OLD-9', '2026-03-01 00:00:00.000000'),
      deviceRow(DEV_LAPTOP, PARTICIPANT, 'DEV-LAPTOP-7', '2026-03-01 00:00:01.000000'),
      deviceRow(SALES_PC, PARTICIPANT, 'SALES-PC01', '2026-03-01 00:00:00.000000'),
      deviceRow(OTHER_SALES_PC, OTHER_PARTICIPANT, 'SALES-PC99', '2026-03-01 00:00:00.000000'),
    ],
    format: 'JSONEachRow',
  });
  await db.client.insert({
    table: 'events',
    values: EVENTS.map(([deviceId, event]) => ({
      participant_id: deviceId === OTHER_SALES_PC ? OTHER_PARTICIPANT : PARTICIPANT,
      device_id: deviceId,
      time: `2026-03-02 09:${String(event.seq % 60).padStart(2, '0')}:00.000`,
      received_at: '2026-03-02 10:00:00.000',
      ...event,
    })),
    format: 'JSONEachRow',
  });
});

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The seqs of the participant's events the query finds, in order. */
async function search(query: string): Promise<number[]> {
  const compiled = compileQuery(query);
  if (!compiled.ok) throw new Error(`${query}: ${compiled.error.message.en}`);
  const result = await db.client.query({
    // sql-paste-ok: the compiled expression holds catalogue identifiers and {qN:Type} placeholders only.
    query: `SELECT seq FROM events FINAL WHERE participant_id = {participantId:UUID} AND (${compiled.sql}) ORDER BY seq`,
    query_params: { ...compiled.params, participantId: PARTICIPANT },
    format: 'JSONEachRow',
  });
  return (await result.json<{ seq: string | number }>()).map((row) => Number(row.seq));
}

describe('compiled queries on the engine', () => {
  it('an empty query finds every event of the participant, and nothing of another', async () => {
    expect(ALL).toHaveLength(13);
    expect(await search('')).toEqual(ALL);
  });

  it.each([
    ['user:yamada', [2, 3, 4, 5, 6, 7]],
    ['user:YAMADA', []],
    ['user:YAM*', [2, 3, 4, 5, 6, 7]],
    ['category:printer_output', [6, 10]],
    ['category:*_operation', [5, 9, 12]],
    ['document:report_2024*', [6]],
    ['file:*100%_done*', [12]],
    ['file:"100%"', [12]],
    ['file:*%*', [12]],
    ['file:*\\*', [5, 12]],
    ['url:*example.co*', [3, 4]],
    ['domain:*.example.jp', [13]],
    ['domain:example.jp', []],
    ['bytes:[1000 TO 5200]', [3, 5]],
    ['bytes:{2048 TO 5200}', []],
    ['bytes:{1000 TO 5200]', [3, 5]],
    ['bytes:>=1000000', [4]],
    ['bytes:<1000 AND bytes:>0', [12, 13]],
    ['status:>=400', [4]],
    ['capacity:64000000000', [7]],
    ['pid:4242', [9]],
    ['vendor:0781 product:5581', [7]],
    ['device:sales-*', [1, 2, 3, 4, 5, 6, 7]],
    ['host:SALES-OLD-9', []],
    ['host:DEV-LAPTOP-7 -category:logon', [9, 10, 11, 12, 13]],
    ['device:*', ALL],
    ['printer:HQ-Printer-3F AND (user:suzuki OR pages:>10)', [6, 10]],
    ['user:suzuki OR user:yamada category:printer_output', [6, 8, 9, 10, 12, 13]],
    ['(user:suzuki OR user:yamada) category:printer_output', [6, 10]],
    ['NOT user:yamada NOT user:suzuki', [1, 11]],
    ['user:(suzuki OR SYSTEM) -category:web_access', [8, 9, 10, 11, 12]],
    ['顧客リスト', [5]],
    ['起動', [1]],
    ['ログオン', [2, 8]],
    ['"ログオンに失敗"', [8]],
    ['powershell', [9]],
    ['POWERSHELL "-enc"', [9]],
    ['powershell -enc', []],
    ['sandisk', [7]],
    ['rep*2024', [6, 10]],
    ['message:*', [1, 2, 8]],
    ['attributes.severity:high', [11]],
    ['attributes.policy_id:P-*', [11]],
    ['attributes.tab:*', [13]],
    ['attributes.tab:4', []],
  ] as [string, number[]][])('%s', async (query, expected) => {
    expect(await search(query)).toEqual(expected);
  });

  it('runs a hostile value as a value: it matches nothing and breaks nothing', async () => {
    for (const query of [
      `user:"'; DROP TABLE events; --"`,
      '") OR 1=1 --"',
      `message:"' OR '1'='1"`,
      "host:\"SALES-PC01' OR '1'='1\"",
      "attributes.\"severity'] = 'high' OR attributes['x\":y",
      'user:"{participantId:UUID}"',
      'document:*%_*',
    ]) {
      expect(await search(query), query).toEqual([]);
    }
    expect(await search('')).toEqual(ALL);
  });
});
