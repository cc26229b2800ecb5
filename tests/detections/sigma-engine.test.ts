import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSigmaRule, parseSigmaRule, SigmaRuleError } from '../../detections/sigma/index.js';
import { runScopedRows } from '../../scoped-query/policy-runner.js';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { runMigrations } from '../../server/migrate.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

/**
 * Compiled Sigma rules run on the real engine over the scoped tables, against events written for each
 * modifier's definition (https://sigmahq.io/docs/basics/modifiers.html). Each event's seq names it.
 */
const dataDir = freshDataDir('sigma-engine');
let db: Database;

const A = '0b5f3c1e-0000-4000-8000-00000000000a';
const B = '0b5f3c1e-0000-4000-8000-00000000000b';
const PC_A = 'aaaa0000-0000-4000-8000-000000000001';
const PC_B = 'bbbb0000-0000-4000-8000-000000000001';
const NOW = new Date('2026-12-01T00:00:00Z');
const at = (iso: string) => iso.replace('T', ' ').replace('Z', '');

const proc = (seq: number, path: string, commandLine: string, extra: Record<string, unknown> = {}) => ({
  seq,
  category: 'software_operation',
  action: 'start',
  process_name: path.split('\\').pop(),
  process_path: path,
  command_line: commandLine,
  user_name: 'yamada',
  ...extra,
});

const EVENTS_A = [
  proc(1, 'C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c whoami'),
  proc(2, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell -EncodedCommand AAAA'),
  proc(3, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell /EncodedCommand BBBB'),
  proc(4, 'C:\\Tools\\mimikatz.exe', 'mimikatz.exe "sekurlsa::logonpasswords" exit', {
    attributes: { windowsParentProcess: 'C:\\Windows\\explorer.exe' },
  }),
  proc(5, 'C:\\Users\\tanaka\\star*name.exe', 'x', { user_name: 'tanaka' }),
  {
    seq: 10,
    category: 'logon',
    action: 'logon',
    user_name: 'yamada',
    source_ip: '10.1.2.3',
    logon_type: 'remote_interactive',
  },
  {
    seq: 11,
    category: 'logon',
    action: 'logon',
    user_name: 'yamada',
    source_ip: '192.168.5.9',
    logon_type: 'remote_interactive',
  },
  {
    seq: 20,
    category: 'web_access',
    action: 'visit',
    user_name: 'sato',
    url: 'https://bad.example/x',
    domain: 'bad.example',
  },
  {
    seq: 21,
    category: 'web_access',
    action: 'visit',
    user_name: 'sato',
    url: 'https://cdn.bad.example/x',
    domain: 'cdn.bad.example',
  },
  {
    seq: 22,
    category: 'web_access',
    action: 'visit',
    user_name: 'sato',
    url: 'https://notbad.example/x',
    domain: 'notbad.example',
  },
  // Five copies to USB in ten minutes at 02:00 JST, then two more in the afternoon.
  ...[0, 2, 4, 6, 8].map((minute, i) => ({
    seq: 30 + i,
    category: 'file_operation',
    action: 'copy',
    user_name: 'suzuki',
    drive_type: 'removable',
    file_path: `\\\\fs\\営業\\顧客${i}.xlsx`,
    target_path: `E:\\持出\\顧客${i}.xlsx`,
    time: at(`2026-11-29T17:0${minute}:00.000Z`),
  })),
  ...[0, 40].map((minute, i) => ({
    seq: 40 + i,
    category: 'file_operation',
    action: 'copy',
    user_name: 'suzuki',
    drive_type: 'removable',
    file_path: `\\\\fs\\営業\\報告${i}.docx`,
    target_path: `E:\\報告${i}.docx`,
    time: at(`2026-11-30T05:${minute === 0 ? '00' : minute}:00.000Z`),
  })),
  {
    seq: 50,
    category: 'software_operation',
    action: 'stop',
    process_name: 'MsMpEng.exe',
    message: 'Microsoft Defender: real-time protection was disabled',
    attributes: {
      windowsChannel: 'Microsoft-Windows-Windows Defender/Operational',
      windowsProvider: 'Microsoft-Windows-Windows Defender',
      windowsEventId: '5001',
    },
  },
];

beforeAll(async () => {
  db = await openDatabase(testConfig(dataDir));
  await runMigrations(db);
  const rows = (participant: string, device: string, events: Record<string, unknown>[]) =>
    events.map((event) => ({
      participant_id: participant,
      device_id: device,
      time: at('2026-11-30T01:00:00.000Z'),
      received_at: at('2026-11-30T01:00:01.000Z'),
      ...event,
    }));
  // Participant B has the same events as A: a rule run for A must never answer them.
  await db.client.insert({
    table: 'events',
    values: [...rows(A, PC_A, EVENTS_A), ...rows(B, PC_B, EVENTS_A)],
    format: 'JSONEachRow',
  });
  const kept = (participant: string, device: string) => ({
    participant_id: participant,
    device_id: device,
    time: at('2026-11-30T02:00:00.000Z'),
    received_at: at('2026-11-30T02:00:01.000Z'),
    record_key: 900,
    reason: 'unknown',
    channel: 'Security',
    provider: 'Microsoft-Windows-Eventlog',
    event_id: 1102,
    event_data: { SubjectUserName: 'admin-ito' },
  });
  await db.client.insert({
    table: 'windows_events_kept',
    values: [kept(A, PC_A), kept(B, PC_B)],
    format: 'JSONEachRow',
  });
  await db.client.insert({
    table: 'list_entries',
    values: [
      {
        list_name: 'ioc_domains',
        participant_id: '00000000-0000-0000-0000-000000000000',
        value: 'bad.example',
        note: '',
        removed: 0,
        changed_at: at('2026-11-01T00:00:00.000Z'),
        changed_by: 'test',
      },
      {
        list_name: 'ioc_domains',
        participant_id: '00000000-0000-0000-0000-000000000000',
        value: 'gone.example',
        note: '',
        removed: 0,
        changed_at: at('2026-11-01T00:00:00.000Z'),
        changed_by: 'test',
      },
      {
        list_name: 'ioc_domains',
        participant_id: '00000000-0000-0000-0000-000000000000',
        value: 'gone.example',
        note: '',
        removed: 1,
        changed_at: at('2026-11-02T00:00:00.000Z'),
        changed_by: 'test',
      },
    ],
    format: 'JSONEachRow',
  });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const rule = (logsource: string, detection: string, extra = '') =>
  `title: test\nid: test-rule\nlevel: high\nlogsource:\n${logsource}\ndetection:\n${detection}\n${extra}`;
const WIN_PROC = '  product: windows\n  category: process_creation';

async function matches(yaml: string, participant = A): Promise<number[]> {
  const compiled = compileSigmaRule(parseSigmaRule(yaml));
  const rows = await runScopedRows<{ event_key: string; device_id: string }>(
    db.client,
    participant,
    compiled.sql,
    NOW,
    {
      extraParams: compiled.params,
      columns: 'toString(device_id) AS device_id, event_key',
      logComment: 'test:sigma',
    },
  );
  const device = participant === A ? PC_A : PC_B;
  expect(rows.every((row) => row.device_id === device)).toBe(true);
  return rows.map((row) => Number(row.event_key)).sort((x, y) => x - y);
}

describe('Sigma values and modifiers on the engine', () => {
  it('a plain value is the whole field, ignoring case; a list is any of its values', async () => {
    expect(await matches(rule(WIN_PROC, '  s:\n    Image: c:\\windows\\system32\\CMD.EXE\n  condition: s'))).toEqual([
      1,
    ]);
    expect(
      await matches(
        rule(
          WIN_PROC,
          "  s:\n    Image:\n      - 'C:\\Windows\\System32\\cmd.exe'\n      - 'C:\\Tools\\mimikatz.exe'\n  condition: s",
        ),
      ),
    ).toEqual([1, 4]);
    expect(await matches(rule(WIN_PROC, '  s:\n    Image: cmd.exe\n  condition: s'))).toEqual([]);
  });

  it('* and ? are wildcards, and \\* is a star', async () => {
    expect(await matches(rule(WIN_PROC, "  s:\n    Image: 'C:\\Windows\\\\*\\cmd.ex?'\n  condition: s"))).toEqual([1]);
    expect(await matches(rule(WIN_PROC, "  s:\n    Image|endswith: '\\star\\*name.exe'\n  condition: s"))).toEqual([5]);
    expect(await matches(rule(WIN_PROC, "  s:\n    Image|endswith: 'r\\*n'\n  condition: s"))).toEqual([]);
  });

  it('contains, startswith, endswith and all', async () => {
    expect(await matches(rule(WIN_PROC, "  s:\n    CommandLine|contains: 'SEKURLSA::'\n  condition: s"))).toEqual([4]);
    expect(await matches(rule(WIN_PROC, "  s:\n    Image|startswith: 'C:\\Tools\\'\n  condition: s"))).toEqual([4]);
    expect(await matches(rule(WIN_PROC, "  s:\n    Image|endswith: '\\powershell.exe'\n  condition: s"))).toEqual([
      2, 3,
    ]);
    const all = '  s:\n    CommandLine|contains|all:\n      - powershell\n      - AAAA\n  condition: s';
    expect(await matches(rule(WIN_PROC, all))).toEqual([2]);
  });

  it('windash matches a switch written with - or /', async () => {
    expect(
      await matches(rule(WIN_PROC, "  s:\n    CommandLine|windash|contains: ' -EncodedCommand '\n  condition: s")),
    ).toEqual([2, 3]);
    expect(
      await matches(rule(WIN_PROC, "  s:\n    CommandLine|contains: ' -EncodedCommand '\n  condition: s")),
    ).toEqual([2]);
  });

  it('re is a regular expression, case-sensitive unless |i', async () => {
    expect(await matches(rule(WIN_PROC, "  s:\n    CommandLine|re: '[a-z]+::[a-z]+'\n  condition: s"))).toEqual([4]);
    expect(await matches(rule(WIN_PROC, "  s:\n    CommandLine|re: 'ENCODEDCOMMAND [A]+'\n  condition: s"))).toEqual(
      [],
    );
    expect(await matches(rule(WIN_PROC, "  s:\n    CommandLine|re|i: 'ENCODEDCOMMAND [A]+'\n  condition: s"))).toEqual([
      2,
    ]);
  });

  it('cidr matches addresses inside the range only', async () => {
    const logon = '  product: yorozu\n  category: logon';
    expect(await matches(rule(logon, "  s:\n    source_ip|cidr: '10.0.0.0/8'\n  condition: s"))).toEqual([10]);
    expect(
      await matches(
        rule(logon, "  s:\n    source_ip|cidr:\n      - '10.0.0.0/8'\n      - '192.168.0.0/16'\n  condition: s"),
      ),
    ).toEqual([10, 11]);
  });

  it('and, or, not, parentheses, 1 of and all of', async () => {
    const searches =
      "  img_ps:\n    Image|endswith: '\\powershell.exe'\n  img_cmd:\n    Image|endswith: '\\cmd.exe'\n  cli_enc:\n    CommandLine|contains: 'AAAA'\n";
    expect(await matches(rule(WIN_PROC, `${searches}  condition: 1 of img_*`))).toEqual([1, 2, 3]);
    expect(await matches(rule(WIN_PROC, `${searches}  condition: all of img_*`))).toEqual([]);
    expect(await matches(rule(WIN_PROC, `${searches}  condition: img_ps and not cli_enc`))).toEqual([3]);
    expect(
      await matches(rule(WIN_PROC, `${searches}  condition: (img_ps or img_cmd) and not (cli_enc or img_cmd)`)),
    ).toEqual([3]);
    expect(await matches(rule(WIN_PROC, `${searches}  condition: not img_ps and not img_cmd`))).toEqual([4, 5]);
    expect(await matches(rule(WIN_PROC, `${searches}  condition: 1 of them and cli_enc`))).toEqual([2]);
  });

  it('a list of maps is any of them; null and exists test for an empty field', async () => {
    const either =
      "  s:\n    - CommandLine|contains: whoami\n    - ParentImage|endswith: '\\explorer.exe'\n  condition: s";
    expect(await matches(rule(WIN_PROC, either))).toEqual([1, 4]);
    expect(await matches(rule(WIN_PROC, '  s:\n    ParentImage|exists: true\n  condition: s'))).toEqual([4]);
    expect(await matches(rule(WIN_PROC, '  s:\n    ParentImage: null\n  condition: s'))).toEqual([1, 2, 3, 5]);
  });

  it('lt/gte compare numbers: the hour in Japan time', async () => {
    const files = '  product: yorozu\n  category: file_operation';
    // 17:0x UTC is 02:0x JST; 05:00 and 05:40 UTC are 14:00 and 14:40 JST.
    expect(await matches(rule(files, '  s:\n    hour_jst|lt: 6\n  condition: s'))).toEqual([30, 31, 32, 33, 34]);
    expect(await matches(rule(files, '  s:\n    hour_jst|gte: 14\n  condition: s'))).toEqual([40, 41]);
  });

  it('expand reads a list through p_lists: the value and its subdomains, not removed entries', async () => {
    const web = '  product: yorozu\n  category: web_access';
    expect(await matches(rule(web, "  s:\n    domain|expand: '%ioc_domains%'\n  condition: s"))).toEqual([20, 21]);
  });
});

describe('aggregations', () => {
  const files = '  product: yorozu\n  category: file_operation';
  it('count() by field > N within a timeframe answers the events of the windows that passed', async () => {
    const burst = '  s:\n    drive_type: removable\n  condition: s | count() by device_id > 3';
    const within = (text: string) => rule(files, `${text}\n  timeframe: 15m`);
    expect(await matches(within(burst))).toEqual([30, 31, 32, 33, 34]);
    expect(await matches(within(burst.replace('> 3', '> 5')))).toEqual([]);
    expect(await matches(within(burst.replace('> 3', '> 1')))).toEqual([30, 31, 32, 33, 34]);
    // Without a timeframe the whole range counts: all seven copies.
    expect(await matches(rule(files, burst.replace('> 3', '> 5')))).toEqual([30, 31, 32, 33, 34, 40, 41]);
  });

  it('count(field) counts distinct values', async () => {
    const distinctUsers = '  s:\n    category: software_operation\n  condition: s | count(user_name) by device_id > 1';
    // yamada and tanaka on the one PC (an empty user is no value).
    expect(await matches(rule('  product: yorozu', distinctUsers))).toEqual([1, 2, 3, 4, 5, 50]);
    expect(await matches(rule('  product: yorozu', distinctUsers.replace('> 1', '> 2')))).toEqual([]);
  });
});

describe('Windows services: mapped events and events kept whole', () => {
  it('a Defender rule matches the mapped event by channel and event id', async () => {
    const yaml = rule('  product: windows\n  service: windefend', '  s:\n    EventID: 5001\n  condition: s');
    expect(await matches(yaml)).toEqual([50]);
  });

  it('a Security rule matches an event kept whole by its EventData', async () => {
    const yaml = rule(
      '  product: windows\n  service: security',
      '  s:\n    EventID: 1102\n    Provider_Name: Microsoft-Windows-Eventlog\n    SubjectUserName: admin-ito\n  condition: s',
    );
    expect(await matches(yaml)).toEqual([900]);
  });
});

describe('isolation', () => {
  it("a rule run for B answers B's events only, and for A only A's", async () => {
    const yaml = rule(WIN_PROC, "  s:\n    Image|endswith: '.exe'\n  condition: s");
    expect(await matches(yaml, A)).toEqual([1, 2, 3, 4, 5]);
    expect(await matches(yaml, B)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('refusals', () => {
  const refusal = (yaml: string) => {
    try {
      compileSigmaRule(parseSigmaRule(yaml));
    } catch (error) {
      return error as SigmaRuleError;
    }
    throw new Error('compiled');
  };
  it('names every field Yorozu does not have', () => {
    const error = refusal(
      rule(WIN_PROC, '  s:\n    OriginalFileName: x.exe\n    IntegrityLevel: High\n    Image: x\n  condition: s'),
    );
    expect(error.code).toBe('fields');
    expect(error.missingFields).toEqual(['OriginalFileName', 'IntegrityLevel']);
    expect(error.message).toContain('OriginalFileName, IntegrityLevel');
  });
  it('names a logsource Yorozu does not collect, an unsupported modifier and aggregation', () => {
    expect(
      refusal(rule('  product: windows\n  category: registry_set', '  s:\n    TargetObject: x\n  condition: s'))
        .message,
    ).toContain('registry_set');
    expect(refusal(rule(WIN_PROC, '  s:\n    CommandLine|base64offset|contains: x\n  condition: s')).message).toContain(
      'base64offset',
    );
    expect(refusal(rule(WIN_PROC, '  s:\n    Image: x\n  condition: s | sum(pid) > 3')).message).toContain('sum');
    expect(refusal(rule(WIN_PROC, '  s:\n    Image: x\n  condition: s and other')).message).toContain('other');
    expect(refusal('title: x\nid: y\nlogsource: {}\ndetection:\n  condition: [').code).toBe('yaml');
  });
});
