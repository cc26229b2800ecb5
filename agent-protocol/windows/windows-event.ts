import { XMLParser } from 'fast-xml-parser';

/**
 * One Windows event, whatever shape it arrived in. The OpenTelemetry Collector's windowseventlog
 * receiver (pkg/stanza/operator/input/windows in opentelemetry-collector-contrib) sends one of:
 *   1. a map body with `event_data` a flat map (named <Data> elements as keys, anonymous ones as
 *      param1, param2, …) — `event_data_format: map`, the default since 2026;
 *   2. a map body with `event_data: { data: [ { Name: Value }, … ] }` — `event_data_format: array`,
 *      the older layout (anonymous <Data> elements there have the key "");
 *   3. `raw: true`: the body is the event's XML as a string.
 * The map bodies carry `user_data: { name, data: { child: text } }` for events that use <UserData>
 * (PrintService 307, UserPnp 20001) but not the attributes of the <UserData> child element, which
 * is why DriverFrameworks-UserMode is collected raw (agent/windows/README.md).
 */
export interface WindowsEvent {
  channel: string;
  provider: string;
  eventId: number;
  /** EventRecordID: increasing per channel on one PC. */
  recordId: number | undefined;
  computer: string;
  /** RFC 3339, from <TimeCreated SystemTime>; undefined when the event has none. */
  time: string | undefined;
  /** <EventData> by name; anonymous values as param1, param2, … in document order. */
  data: Record<string, string>;
  /** <UserData>: the child element's name, its child elements' text and its own attributes. */
  userData: { name: string; data: Record<string, string> } | undefined;
  /** The rendered message, when the receiver or the XML had one. */
  message: string;
  /** <Security UserID>: the SID the event was logged under. */
  userSid: string;
  /** <Execution ProcessID>. */
  processId: number | undefined;
}

export class WindowsEventShapeError extends Error {}

const text = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'object' ? '' : String(value);
const integer = (value: unknown): number | undefined => {
  const parsed = Number(text(value));
  return text(value) !== '' && Number.isSafeInteger(parsed) && parsed >= 0 ? parsed : undefined;
};
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A receiver body (map or XML string) as a WindowsEvent; throws WindowsEventShapeError naming what is missing. */
export function windowsEventFromReceiverBody(body: unknown): WindowsEvent {
  if (typeof body === 'string') return windowsEventFromXml(body);
  if (!isRecord(body)) throw new WindowsEventShapeError('the body is neither a windowseventlog map nor event XML');
  const eventId = isRecord(body.event_id) ? integer(body.event_id.id) : integer(body.event_id);
  const provider = isRecord(body.provider) ? text(body.provider.name) : text(body.provider);
  const channel = text(body.channel);
  if (eventId === undefined || channel === '')
    throw new WindowsEventShapeError('the body has no event_id.id or no channel');
  const security = isRecord(body.security) ? text(body.security.user_id) : '';
  const execution = isRecord(body.execution) ? integer(body.execution.process_id) : undefined;
  const userData = isRecord(body.user_data)
    ? { name: text(body.user_data.name), data: stringMap(body.user_data.data) }
    : undefined;
  return {
    channel,
    provider,
    eventId,
    recordId: integer(body.record_id),
    computer: text(body.computer),
    time: text(body.system_time) || undefined,
    data: eventDataOfMap(body.event_data),
    userData,
    message: text(body.message),
    userSid: security,
    processId: execution,
  };
}

/** Both map layouts of `event_data`: flat, or `{ data: [ { Name: Value } ] }`. */
function eventDataOfMap(eventData: unknown): Record<string, string> {
  if (!isRecord(eventData)) return {};
  const out: Record<string, string> = {};
  if (Array.isArray(eventData.data)) {
    let anonymous = 1;
    for (const entry of eventData.data) {
      if (!isRecord(entry)) continue;
      for (const [name, value] of Object.entries(entry)) {
        if (name === '') out[`param${anonymous++}`] = text(value);
        else out[name] = text(value);
      }
    }
    return out;
  }
  for (const [name, value] of Object.entries(eventData)) {
    if (name === 'name' || name === 'binary') continue; // the <EventData> element's own attributes, not data
    out[name] = text(value);
  }
  return out;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, text(entry)]));
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'Data',
  processEntities: true,
});

/** The event XML Windows writes (EvtRender with EvtRenderEventXml), as the receiver sends it with `raw: true`. */
export function windowsEventFromXml(xml: string): WindowsEvent {
  let parsed: unknown;
  try {
    parsed = xmlParser.parse(xml, true);
  } catch (error) {
    throw new WindowsEventShapeError(`the event XML does not parse: ${(error as Error).message}`);
  }
  const event = isRecord(parsed) && isRecord(parsed.Event) ? parsed.Event : undefined;
  const system = event && isRecord(event.System) ? event.System : undefined;
  if (!event || !system) throw new WindowsEventShapeError('the XML has no <Event><System>');
  const eventIdNode = system.EventID;
  const eventId = integer(isRecord(eventIdNode) ? eventIdNode['#text'] : eventIdNode);
  const channel = text(system.Channel);
  if (eventId === undefined || channel === '')
    throw new WindowsEventShapeError('the XML has no <EventID> or no <Channel>');
  const attribute = (node: unknown, name: string) => (isRecord(node) ? text(node[`@${name}`]) : '');
  const rendering = isRecord(event.RenderingInfo) ? event.RenderingInfo : undefined;
  return {
    channel,
    provider: attribute(system.Provider, 'Name'),
    eventId,
    recordId: integer(system.EventRecordID),
    computer: text(system.Computer),
    time: attribute(system.TimeCreated, 'SystemTime') || undefined,
    data: dataElements(event.EventData),
    userData: userDataElement(event.UserData),
    message: rendering ? text(rendering.Message) : '',
    userSid: attribute(system.Security, 'UserID'),
    processId: integer(attribute(system.Execution, 'ProcessID')),
  };
}

function dataElements(eventData: unknown): Record<string, string> {
  if (!isRecord(eventData) || !Array.isArray(eventData.Data)) return {};
  const out: Record<string, string> = {};
  let anonymous = 1;
  for (const element of eventData.Data) {
    const name = attribute(element, 'Name');
    const value = isRecord(element) ? text(element['#text']) : text(element);
    if (name) out[name] = value;
    else out[`param${anonymous++}`] = value;
  }
  return out;
}

function attribute(node: unknown, name: string): string {
  return isRecord(node) ? text(node[`@${name}`]) : '';
}

/** <UserData><Name …attrs>…children…</Name></UserData>: children's text, and the element's attributes. */
function userDataElement(userData: unknown): WindowsEvent['userData'] {
  if (!isRecord(userData)) return undefined;
  const [name, inner] = Object.entries(userData).find(([key]) => !key.startsWith('@') && key !== '#text') ?? [];
  if (!name) return undefined;
  const data: Record<string, string> = {};
  if (isRecord(inner)) {
    for (const [key, value] of Object.entries(inner)) {
      if (key === '@xmlns' || key === '#text') continue;
      if (key.startsWith('@')) data[key.slice(1)] = text(value);
      else if (isRecord(value)) {
        data[key] = text(value['#text']);
        for (const [attr, attrValue] of Object.entries(value))
          if (attr.startsWith('@') && attr !== '@xmlns') data[`${key}.${attr.slice(1)}`] = text(attrValue);
      } else data[key] = text(value);
    }
  }
  return { name, data };
}
