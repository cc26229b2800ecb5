import { logEvent, type LogEvent } from '../agent-protocol/index.js';
import { toClickHouseTimeFast } from '../common/clickhouse-time.js';
import { EVENT_COLUMNS, hostnameOf, type DeviceIdentity } from './event-rows.js';
import { readableUrl } from './readable-url.js';

/**
 * An accepted event's stored line (JSONEachRow), written straight from the validated event: no row
 * object, no `JSON.stringify` of a row. The line holds the same columns and values as
 * `JSON.stringify(eventRow(…))` (tests/ingest/event-validator.test.ts compares them), and only the
 * fields of the event's own category: keys the validator left on the event are never stored.
 */
interface FieldWriter {
  field: string;
  /** `"column":`, ready to be followed by the value's JSON. */
  key: string;
  value?: (raw: unknown) => unknown;
}

const lowerCase = (value: unknown) => (typeof value === 'string' && value ? value.toLowerCase() : value);

/** Per category, the fields it may hold, in schema order, `time` aside (written as the engine's time below). */
const WRITERS = new Map<string, FieldWriter[]>(
  logEvent.options.map((branch) => {
    const fields = Object.keys(branch.shape).filter((field) => field !== 'time');
    const writers = fields.map((field): FieldWriter => {
      const key = `${JSON.stringify(EVENT_COLUMNS[field] ?? field)}:`;
      if (field === 'vendorId' || field === 'productId') return { field, key, value: lowerCase };
      return { field, key };
    });
    return [String(branch.shape.category.value), writers];
  }),
);

/** The fields an event of `category` stores (its schema's own, `time` aside): what lone-surrogate replacement walks. */
export function storedFieldsOf(category: string): readonly string[] {
  return STORED_FIELDS.get(category) ?? [];
}

const STORED_FIELDS = new Map([...WRITERS].map(([category, writers]) => [category, writers.map((w) => w.field)]));

/** The lines of one batch: the device and arrival are the same for all, written once. */
export class EventLines {
  private readonly tail: string;

  constructor(device: DeviceIdentity, receivedAt: string) {
    // Identity comes from the authenticated connection, after the event's own fields, so nothing in an event sets it.
    this.tail =
      `"participant_id":${JSON.stringify(device.participantId)},"device_id":${JSON.stringify(device.deviceId)},` +
      `"received_at":${JSON.stringify(receivedAt)}`;
  }

  line(event: LogEvent, eventTimeMs: number): string {
    const source = event as unknown as Record<string, unknown>;
    let line = '{';
    for (const { field, key, value } of WRITERS.get(event.category)!) {
      const raw = source[field];
      if (raw === undefined) continue;
      if (event.category === 'web_access' && field === 'url') {
        const url = raw as string;
        line += `"url":${JSON.stringify(readableUrl(url))},"domain":${JSON.stringify(hostnameOf(url))},`;
        continue;
      }
      line += key + JSON.stringify(value ? value(raw) : raw) + ',';
    }
    return `${line}"time":"${toClickHouseTimeFast(eventTimeMs)}",${this.tail}}`;
  }
}
