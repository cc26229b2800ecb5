/**
 * A Windows event written once (channel, provider, id, <EventData> or <UserData>) and rendered the
 * three ways the Collector's windowseventlog receiver sends it: the event XML (raw: true), the map
 * body with a flat event_data (event_data_format: map) and the older array layout
 * (event_data_format: array). The map layouts follow the receiver's formattedBody/parseEventData
 * (pkg/stanza/operator/input/windows/xml.go): anonymous <Data> become param1… in the flat map and
 * the key "" in the array; <UserData> keeps only its child elements' text.
 */
export interface WindowsEventFixture {
  channel: string;
  provider: string;
  eventId: number;
  recordId: number;
  time: string;
  computer?: string;
  /** <EventData>: [Name, value]; a null name is an anonymous <Data>. */
  data?: [string | null, string][];
  /** <UserData><name attrs…>children…</name></UserData>. */
  userData?: {
    name: string;
    attributes?: Record<string, string>;
    children: [string, string | Record<string, string>][];
  };
}

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attrs = (values: Record<string, string> = {}) =>
  Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');

export function asEventXml(f: WindowsEventFixture): string {
  const data = f.data
    ? `<EventData>${f.data.map(([name, value]) => (name === null ? `<Data>${escapeXml(value)}</Data>` : `<Data Name="${name}">${escapeXml(value)}</Data>`)).join('')}</EventData>`
    : '';
  const userData = f.userData
    ? `<UserData><${f.userData.name} xmlns="http://manifests.microsoft.com/win/2005/08/windows/printing/spooler/core/events"${attrs(f.userData.attributes)}>${f.userData.children
        .map(([name, value]) =>
          typeof value === 'string' ? `<${name}>${escapeXml(value)}</${name}>` : `<${name}${attrs(value)} />`,
        )
        .join('')}</${f.userData.name}></UserData>`
    : '';
  return (
    `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="${f.provider}" Guid="{00000000-0000-0000-0000-000000000000}" />` +
    `<EventID>${f.eventId}</EventID><Version>0</Version><Level>0</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>` +
    `<TimeCreated SystemTime="${f.time}" /><EventRecordID>${f.recordId}</EventRecordID><Correlation /><Execution ProcessID="4" ThreadID="88" />` +
    `<Channel>${escapeXml(f.channel)}</Channel><Computer>${f.computer ?? 'PC-SOUMU-01.corp.example.co.jp'}</Computer><Security /></System>${data}${userData}</Event>`
  );
}

function mapBody(f: WindowsEventFixture, eventData: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    event_id: { qualifiers: 0, id: f.eventId },
    provider: { name: f.provider, guid: '{00000000-0000-0000-0000-000000000000}', event_source: '' },
    system_time: f.time,
    computer: f.computer ?? 'PC-SOUMU-01.corp.example.co.jp',
    channel: f.channel,
    record_id: f.recordId,
    level: 'Information',
    message: '',
    task: '',
    opcode: 'Info',
    keywords: ['Audit Success'],
    event_data: eventData,
    version: 0,
    execution: { process_id: 4, thread_id: 88 },
  };
  if (f.userData) {
    body.user_data = {
      name: f.userData.name,
      data: Object.fromEntries(
        f.userData.children.map(([name, value]) => [name, typeof value === 'string' ? value : '']),
      ),
    };
  }
  return body;
}

export function asFlatMapBody(f: WindowsEventFixture): Record<string, unknown> {
  const flat: Record<string, string> = {};
  let anonymous = 1;
  for (const [name, value] of f.data ?? []) flat[name ?? `param${anonymous++}`] = value;
  return mapBody(f, flat);
}

export function asArrayMapBody(f: WindowsEventFixture): Record<string, unknown> {
  return mapBody(f, f.data ? { data: f.data.map(([name, value]) => ({ [name ?? '']: value })) } : {});
}

export const RENDERINGS = { xml: asEventXml, flatMap: asFlatMapBody, arrayMap: asArrayMapBody } as const;
