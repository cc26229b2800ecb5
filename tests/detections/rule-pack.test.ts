import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetections, type FindingRow } from '../../detections/detection-run.js';
import { loadRulePack } from '../../detections/rule-pack.js';
import { parseSigmaRule } from '../../detections/sigma/index.js';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { runMigrations } from '../../server/migrate.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

/**
 * Every shipped rule: events that must match and a near miss that must not. Each rule gets its own
 * participant, so what one rule's fixture holds cannot make another rule's result. One more participant holds
 * every fixture (a device per rule): the whole pack as one query (detection-run.ts) finds what each rule alone does.
 */
const dataDir = freshDataDir('rule-pack');
let db: Database;
const NOW = new Date('2026-12-01T00:00:00Z');
const DAY = '2026-11-30';
/** JST hh:mm on DAY as a ClickHouse UTC time. */
const jst = (hhmm: string, seconds = 0) =>
  new Date(Date.parse(`${DAY}T${hhmm}:00+09:00`) + seconds * 1000).toISOString().replace('T', ' ').replace('Z', '');

type Row = Record<string, unknown>;
interface Fixture {
  match: Row[];
  nearMiss: Row[];
  table?: 'events' | 'windows_events_kept';
}
const windows = (channel: string, provider: string, eventId: number) => ({
  windowsChannel: channel,
  windowsProvider: provider,
  windowsEventId: String(eventId),
});
const proc = (commandLine: string, path = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe') => ({
  category: 'software_operation',
  action: 'start',
  process_name: path.split('\\').pop(),
  process_path: path,
  command_line: commandLine,
});
const many = (count: number, row: (i: number) => Row) => Array.from({ length: count }, (_, i) => row(i));
const copy = (at: string) => (i: number) => ({
  category: 'file_operation',
  action: 'copy',
  drive_type: 'removable',
  file_path: `\\\\fs\\営業\\顧客${i}.xlsx`,
  target_path: `E:\\顧客${i}.xlsx`,
  time: jst(at, i * 20),
});
const print = (at: string) => (i: number) => ({
  category: 'printer_output',
  printer_name: 'RICOH 3F',
  document_name: `契約書${i}.pdf`,
  pages: 12,
  time: jst(at, i * 60),
});

const FIXTURES: Record<string, Fixture> = {
  'sigmahq/win_security_audit_log_cleared.yml': {
    table: 'windows_events_kept',
    match: [{ channel: 'Security', provider: 'Microsoft-Windows-Eventlog', event_id: 1102 }],
    nearMiss: [{ channel: 'Security', provider: 'Microsoft-Windows-Eventlog', event_id: 1100 }],
  },
  'sigmahq/win_defender_real_time_protection_disabled.yml': {
    match: [
      {
        category: 'software_operation',
        action: 'stop',
        attributes: windows(
          'Microsoft-Windows-Windows Defender/Operational',
          'Microsoft-Windows-Windows Defender',
          5001,
        ),
      },
    ],
    nearMiss: [
      {
        category: 'software_operation',
        action: 'stop',
        attributes: windows(
          'Microsoft-Windows-Windows Defender/Operational',
          'Microsoft-Windows-Windows Defender',
          5010,
        ),
      },
    ],
  },
  'sigmahq/win_security_external_device.yml': {
    match: [
      {
        category: 'external_device',
        action: 'connect',
        device_class: 'usb_storage',
        attributes: windows('Security', 'Microsoft-Windows-Security-Auditing', 6416),
      },
    ],
    nearMiss: [
      {
        category: 'external_device',
        action: 'connect',
        device_class: 'hid',
        device_name: 'USB Input Device',
        attributes: windows('Security', 'Microsoft-Windows-Security-Auditing', 6416),
      },
    ],
  },
  'sigmahq/win_usb_device_plugged.yml': {
    match: [
      {
        category: 'external_device',
        action: 'connect',
        attributes: windows(
          'Microsoft-Windows-DriverFrameworks-UserMode/Operational',
          'Microsoft-Windows-DriverFrameworks-UserMode',
          2003,
        ),
      },
    ],
    nearMiss: [
      {
        category: 'external_device',
        action: 'disconnect',
        attributes: windows(
          'Microsoft-Windows-DriverFrameworks-UserMode/Operational',
          'Microsoft-Windows-DriverFrameworks-UserMode',
          2101,
        ),
      },
    ],
  },
  'sigmahq/proc_creation_win_hktl_mimikatz_command_line.yml': {
    match: [proc('m.exe "privilege::debug" "sekurlsa::logonpasswords" exit', 'C:\\Users\\x\\m.exe')],
    nearMiss: [proc('notepad.exe C:\\memo\\privilege-debug.txt', 'C:\\Windows\\notepad.exe')],
  },
  'sigmahq/file_event_win_lsass_default_dump_file_names.yml': {
    match: [{ category: 'file_operation', action: 'create', file_path: 'C:\\Windows\\Temp\\lsass.dmp' }],
    nearMiss: [{ category: 'file_operation', action: 'create', file_path: 'C:\\Windows\\Temp\\explorer.dmp' }],
  },
  'sigmahq/proc_creation_win_mshta_inline_vbscript.yml': {
    match: [proc('mshta vbscript:CreateObject("Wscript.Shell").Run("calc")', 'C:\\Windows\\System32\\mshta.exe')],
    nearMiss: [proc('mshta vbscript:CreateObject("Wscript.Shell")', 'C:\\Windows\\System32\\mshta.exe')],
  },
  'sigmahq/proc_creation_win_powershell_shadowcopy_deletion.yml': {
    match: [proc('powershell Get-WmiObject Win32_ShadowCopy | Remove-WmiObject')],
    nearMiss: [proc('powershell Get-WmiObject Win32_ShadowCopy')],
  },
  'sigmahq/dns_query_win_mega_nz.yml': {
    match: [{ category: 'web_access', url: 'dns://eu.userstorage.mega.co.nz', domain: 'eu.userstorage.mega.co.nz' }],
    nearMiss: [{ category: 'web_access', url: 'https://mega.co.nz/', domain: 'mega.co.nz' }],
  },
  'sigmahq/dns_query_win_tor_onion_domain_query.yml': {
    match: [{ category: 'web_access', url: 'dns://abcdef.onion', domain: 'abcdef.onion' }],
    nearMiss: [{ category: 'web_access', url: 'https://onion.example.jp/', domain: 'onion.example.jp' }],
  },
  'yorozu/yorozu_antivirus_realtime_off.yml': {
    match: [
      {
        category: 'software_operation',
        action: 'stop',
        process_name: 'ccSvcHst.exe',
        message: 'ノートン: リアルタイム保護が無効になりました',
      },
    ],
    nearMiss: [
      {
        category: 'software_operation',
        action: 'stop',
        process_name: 'ccSvcHst.exe',
        message: 'ノートン: 定義ファイルを更新しました',
      },
    ],
  },
  'yorozu/yorozu_known_bad_domain.yml': {
    match: [
      {
        category: 'web_access',
        url: 'https://a.takuhai-fuzai-notice.invalid/r',
        domain: 'a.takuhai-fuzai-notice.invalid',
      },
    ],
    nearMiss: [{ category: 'web_access', url: 'https://takuhai-notice.invalid/r', domain: 'takuhai-notice.invalid' }],
  },
  'yorozu/yorozu_night_usb_bulk_copy.yml': {
    match: many(51, copy('02:10')),
    // The same copy in the afternoon, and a smaller one at night.
    nearMiss: [...many(51, copy('14:10')), ...many(50, copy('23:00'))],
  },
  'yorozu/yorozu_night_print_burst.yml': {
    match: many(16, print('21:30')),
    nearMiss: [...many(16, print('19:00')), ...many(15, print('22:40'))],
  },
};

const pack = loadRulePack();
const participants = new Map(pack.map((p) => [p.file, randomUUID()]));
/** Holds every fixture's rows, each file on a device of its own: the whole pack runs over it as one query. */
const together = randomUUID();
const togetherDevices = new Map(pack.map((p) => [p.file, randomUUID()]));

beforeAll(async () => {
  db = await openDatabase(testConfig(dataDir));
  await runMigrations(db);
  const events: Row[] = [];
  const kept: Row[] = [];
  for (const [file, fixture] of Object.entries(FIXTURES)) {
    const participant = participants.get(file)!;
    const device = randomUUID();
    const rows = [
      ...fixture.match.map((row) => ({ ...row, key: 1 })),
      ...fixture.nearMiss.map((row) => ({ ...row, key: 2 })),
    ];
    rows.forEach((row, i) => {
      const { key, ...fields } = row;
      // The key's first digit says whether the row must match (1) or is a near miss (2).
      const id = key * 1000 + i;
      const base = { participant_id: participant, device_id: device, time: jst('10:00'), received_at: jst('23:59') };
      const inTogether = { ...base, participant_id: together, device_id: togetherDevices.get(file)! };
      if (fixture.table === 'windows_events_kept') {
        kept.push({ ...base, record_key: id, reason: 'unknown', ...fields });
        kept.push({ ...inTogether, record_key: id, reason: 'unknown', ...fields });
      } else {
        events.push({ ...base, seq: id, ...fields });
        events.push({ ...inTogether, seq: id, ...fields });
      }
    });
  }
  await db.client.insert({ table: 'events', values: events, format: 'JSONEachRow' });
  await db.client.insert({ table: 'windows_events_kept', values: kept, format: 'JSONEachRow' });
  await db.client.insert({
    table: 'list_entries',
    values: [
      {
        list_name: 'ioc_domains',
        participant_id: '00000000-0000-0000-0000-000000000000',
        value: 'takuhai-fuzai-notice.invalid',
        note: '',
        removed: 0,
        changed_at: jst('00:00'),
        changed_by: 'test',
      },
    ],
    format: 'JSONEachRow',
  });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('the shipped rule pack', () => {
  it('has a fixture for every rule, and every SigmaHQ rule keeps its licence and author', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(pack.map((p) => p.file).sort());
    for (const p of pack.filter((p) => p.origin === 'sigmahq')) expect(p.rule.author, p.file).toBeTruthy();
  });

  it.each(pack.map((p) => p.file))('%s matches its events and not its near miss', async (file) => {
    const shipped = pack.find((p) => p.file === file)!;
    const result = await runDetections(db.client, participants.get(file)!, NOW, [
      { rule_id: shipped.rule.id, rule: shipped.rule },
    ]);
    expect(result.errors).toEqual([]);
    const keys = result.findings.flatMap((f) => f.event_keys.map(Number)).sort((a, b) => a - b);
    const expected = FIXTURES[file]!.match.map((_, i) => 1000 + i);
    expect(keys).toEqual(expected);
    expect(result.findings).toHaveLength(1);
  });

  it('the whole pack as one query finds exactly what each rule finds alone', async () => {
    const rules = pack.map((p) => ({ rule_id: p.rule.id, rule: p.rule }));
    const result = await runDetections(db.client, together, NOW, rules, { write: false });
    expect(result.errors).toEqual([]);
    expect(result.costs).toMatchObject({ rules: pack.length, queries: 1 });
    const alone: FindingRow[] = [];
    for (const rule of rules) {
      const single = await runDetections(db.client, together, NOW, [rule], { write: false });
      expect(single.errors).toEqual([]);
      alone.push(...single.findings);
    }
    const shape = (findings: FindingRow[]) =>
      findings
        .map((f) => [
          f.rule_id,
          f.device_id,
          f.user_name,
          f.event_count,
          f.first_seen,
          f.last_seen,
          f.event_keys.map(Number).sort((a, b) => a - b),
        ])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(shape(result.findings)).toEqual(shape(alone));
    // Each rule still finds its own fixture's events on its own device.
    for (const p of pack) {
      const own = result.findings.filter((f) => f.rule_id === p.rule.id && f.device_id === togetherDevices.get(p.file));
      expect(
        own.flatMap((f) => f.event_keys.map(Number)).sort((a, b) => a - b),
        p.file,
      ).toEqual(FIXTURES[p.file]!.match.map((_, i) => 1000 + i));
    }
  });

  it('a rule that fails at run time gets its error, and the others of its query still find their events', async () => {
    const good = pack.find((p) => p.file === 'yorozu/yorozu_night_print_burst.yml')!;
    const failing = parseSigmaRule(`title: 壊れた正規表現
id: test-broken-regex
logsource:
  product: yorozu
  category: software_operation
detection:
  selection:
    command_line|re: '(unclosed'
  condition: selection
level: low
`);
    const result = await runDetections(
      db.client,
      together,
      NOW,
      [
        { rule_id: failing.id, rule: failing },
        { rule_id: good.rule.id, rule: good.rule },
      ],
      { write: false },
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^test-broken-regex: /);
    expect(result.succeeded).toEqual([good.rule.id]);
    expect(result.findings.map((f) => f.device_id)).toEqual([togetherDevices.get(good.file)]);
  });
});
