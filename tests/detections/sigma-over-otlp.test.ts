import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll, type Enrollment } from '../../agent/protocol-client.js';
import { exportLogRecords, sdkLogRecords } from '../support/otlp-exporters.js';
import { asEventXml, type WindowsEventFixture } from '../support/windows-event-renderings.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * SigmaHQ rules of the shipped pack over Windows events sent by the real OpenTelemetry exporter to
 * POST /v1/logs, as the Collector's windowseventlog receiver renders them (raw XML): a mapped Sysmon
 * process creation, a mapped Defender event and a Security event kept whole each become a finding.
 */
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let office: { participantId: string; secret: string };
let pc: Enrollment;

const SYSMON = { channel: 'Microsoft-Windows-Sysmon/Operational', provider: 'Microsoft-Windows-Sysmon' };
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const processCreation = (recordId: number, image: string, commandLine: string): WindowsEventFixture => ({
  ...SYSMON,
  eventId: 1,
  recordId,
  time: minutesAgo(30),
  data: [
    ['UtcTime', '2026-12-04 00:15:02.647'],
    ['ProcessGuid', '{5770385f-0e4e-6750-ab01-000000000b00}'],
    ['ProcessId', '6124'],
    ['Image', image],
    ['CommandLine', commandLine],
    ['User', 'SOUMU\\yamada'],
    ['ParentImage', 'C:\\Windows\\explorer.exe'],
    ['ParentProcessId', '4120'],
  ],
});

const EVENTS: WindowsEventFixture[] = [
  processCreation(
    501,
    'C:\\Users\\yamada\\Downloads\\m64.exe',
    'm64.exe "privilege::debug" "sekurlsa::logonpasswords" exit',
  ),
  processCreation(502, 'C:\\Windows\\System32\\notepad.exe', 'notepad.exe C:\\memo\\todo.txt'),
  {
    channel: 'Microsoft-Windows-Windows Defender/Operational',
    provider: 'Microsoft-Windows-Windows Defender',
    eventId: 5001,
    recordId: 503,
    time: minutesAgo(20),
    data: [
      ['Product Name', 'Microsoft Defender Antivirus'],
      ['Product Version', '4.18.24090.11'],
    ],
  },
  {
    channel: 'Security',
    provider: 'Microsoft-Windows-Eventlog',
    eventId: 1102,
    recordId: 504,
    time: minutesAgo(10),
    userData: {
      name: 'LogFileCleared',
      children: [
        ['SubjectUserSid', 'S-1-5-21-1377283216-344919071-3415362939-1104'],
        ['SubjectUserName', 'yamada'],
        ['SubjectDomainName', 'SOUMU'],
      ],
    },
  },
];

beforeAll(async () => {
  yorozu = await startTestYorozu('sigma-over-otlp');
  office = await participantWithSecret(yorozu, '株式会社ウィンドウズ商事');
  pc = await enroll(yorozu.url, office.secret, 'PC-SOUMU-01');
  const result = await exportLogRecords(
    'protobuf',
    yorozu.url,
    pc.credential,
    sdkLogRecords(EVENTS.map((event) => ({ body: asEventXml(event), time: event.time }))),
    { gzip: true },
  );
  expect(result.code, String(result.error)).toBe(0);
});
afterAll(async () => yorozu?.cleanup());

describe('the rule pack over events sent through /v1/logs', () => {
  it('finds mimikatz, Defender switched off and the Security log cleared on the PC that sent them', async () => {
    const run = await yorozu.detections.run.runFor(office.participantId, new Date());
    expect(run.errors).toEqual([]);
    const byRule = new Map(run.findings.map((f) => [f.rule_id, f]));
    const mimikatz = byRule.get('a642964e-bead-4bed-8910-1bb4d63e3b4d');
    expect(mimikatz, JSON.stringify([...byRule.keys()])).toBeDefined();
    expect(mimikatz!.device_id).toBe(pc.deviceId);
    expect(mimikatz!.event_count).toBe(1);
    expect(mimikatz!.user_name).toContain('yamada');
    const titles = run.findings.map((f) => f.rule_title).sort();
    expect(titles).toEqual(
      expect.arrayContaining(['Windows Defender Real-time Protection Disabled', 'Security Eventlog Cleared']),
    );
    for (const finding of run.findings) expect(finding.device_id).toBe(pc.deviceId);
  });
});
