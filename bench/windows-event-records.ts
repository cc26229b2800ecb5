import { mapWindowsEvent, windowsEventFromReceiverBody } from '../agent-protocol/windows/index.js';

/**
 * The otlp part's events: Windows events as the Collector's receiver renders them (flat map body),
 * and the same events mapped to protocol events for the WebSocket run, so both paths carry the same
 * events. Seeded by position: the same arguments give the same events.
 */
export interface WindowsBenchEvent {
  body: Record<string, unknown>;
  timeMs: number;
}

const SECURITY = { channel: 'Security', provider: 'Microsoft-Windows-Security-Auditing' };
const USERS = ['tanaka', 'suzuki', 'sato', 'takahashi', 'watanabe', 'ito', 'yamamoto', 'nakamura'];
const TEMPLATES: { channel: string; provider: string; eventId: number; data: (n: number) => Record<string, string> }[] =
  [
    {
      ...SECURITY,
      eventId: 4624,
      data: (n) => ({
        TargetUserName: USERS[n % 8]!,
        TargetDomainName: 'CORP',
        TargetLogonId: `0x${(n * 7919).toString(16)}`,
        LogonType: n % 5 === 0 ? '10' : '2',
        IpAddress: `192.168.10.${n % 250}`,
        ProcessName: 'C:\\Windows\\System32\\svchost.exe',
      }),
    },
    {
      ...SECURITY,
      eventId: 4688,
      data: (n) => ({
        SubjectUserName: USERS[n % 8]!,
        SubjectDomainName: 'CORP',
        NewProcessId: `0x${(n % 60000).toString(16)}`,
        NewProcessName: [
          'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE',
          'C:\\Windows\\System32\\notepad.exe',
          'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
        ][n % 3]!,
        CommandLine: `"app.exe" /n ${n}`,
        ProcessId: '0x1a30',
      }),
    },
    {
      ...SECURITY,
      eventId: 4663,
      data: (n) => ({
        SubjectUserName: USERS[n % 8]!,
        SubjectDomainName: 'CORP',
        ObjectType: 'File',
        ObjectName: `C:\\共有\\経理\\2026\\請求書-${n % 500}.xlsx`,
        AccessMask: n % 4 === 0 ? '0x10000' : '0x2',
        ProcessName: 'C:\\Windows\\explorer.exe',
        HandleId: '0x1a4',
      }),
    },
    {
      channel: 'Microsoft-Windows-Sysmon/Operational',
      provider: 'Microsoft-Windows-Sysmon',
      eventId: 22,
      data: (n) => ({
        QueryName: ['www.example.co.jp', 'login.microsoftonline.com', 'mail.example.jp', 'cdn.example.net'][n % 4]!,
        QueryStatus: '0',
        Image: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
        User: `CORP\\${USERS[n % 8]}`,
      }),
    },
  ];

export function windowsBenchEvents(agent: number, count: number, startMs: number): WindowsBenchEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const n = agent * 1_000_003 + index;
    const template = TEMPLATES[n % TEMPLATES.length]!;
    const timeMs = startMs + index * 250;
    return {
      timeMs,
      body: {
        event_id: { qualifiers: 0, id: template.eventId },
        provider: { name: template.provider, guid: '', event_source: '' },
        system_time: new Date(timeMs).toISOString(),
        computer: `BENCH-${agent}`,
        channel: template.channel,
        record_id: index + 1,
        level: 'Information',
        message: '',
        event_data: template.data(n),
      },
    };
  });
}

/** The same events as the protocol events the mapping makes of them, with a seq per agent. */
export function mappedBenchEvents(events: WindowsBenchEvent[], firstSeq: number): Record<string, unknown>[] {
  return events.map((event, index) => {
    const outcome = mapWindowsEvent(windowsEventFromReceiverBody(event.body), new Date(event.timeMs).toISOString());
    if (outcome.kind !== 'mapped') throw new Error('a bench event did not map');
    return { ...outcome.event, seq: firstSeq + index };
  });
}
