import { LOG_CATEGORIES, logEvent, type LogEvent } from '../agent-protocol/index.js';
import { EVENT_COLUMNS, hostnameOf, type DeviceIdentity } from './event-rows.js';
import { readableUrl } from './readable-url.js';
import { RowBinaryBuffer, ZERO_WIDTH, type RowBinaryKind } from './row-binary-buffer.js';

/**
 * An accepted event's stored row in the engine's RowBinary format, written straight from the validated
 * event into a batch's bytes: every column of `events` in a fixed order, each value as the engine keeps it in
 * memory (no text for it to parse). `INSERT … SELECT * FROM file(…, RowBinary, EVENTS_ROW_BINARY_STRUCTURE)`
 * (server/formatted-insert.ts) takes these bytes for about a third less of the engine's CPU than the same rows as
 * JSON lines through the same file (4.0–4.4 against 6.0–6.4 µs/row at 50,000–100,000 rows per insert,
 * `npx tsx bench/insert-paths.ts`), and the gateway's main thread writes them for less than a JSON line costs.
 * The row holds the same values as the JSON line of `eventRow(…)`: tests/ingest/event-row-binary.test.ts stores
 * both and compares the tables.
 */
/**
 * The columns of `events` (sql/migrations/0004_create_events.sql) in the table's order, with the type the file is
 * read as. Where it differs from the table's, the engine converts on insert without loss: `DateTime64(3)` for the
 * table's `DateTime64(3, 'UTC')` (the same milliseconds; a timezone only names how they are shown) and `Int8` for the
 * category's `Enum8` (its values below), so the structure needs no quotes. tests/ingest/event-row-binary.test.ts
 * fails when a column is added to the table and not here.
 */
export const EVENTS_ROW_BINARY_COLUMNS: readonly (readonly [column: string, kind: RowBinaryKind])[] = [
  ['participant_id', 'uuid'],
  ['device_id', 'uuid'],
  ['seq', 'uint64'],
  ['time', 'time'],
  ['received_at', 'time'],
  ['category', 'enum8'],
  ['action', 'string'],
  ['user_name', 'string'],
  ['message', 'string'],
  ['process_name', 'string'],
  ['process_path', 'string'],
  ['pid', 'uint32'],
  ['command_line', 'string'],
  ['window_title', 'string'],
  ['version', 'string'],
  ['publisher', 'string'],
  ['url', 'string'],
  ['domain', 'string'],
  ['http_method', 'string'],
  ['http_status', 'uint16'],
  ['browser', 'string'],
  ['referrer', 'string'],
  ['bytes', 'uint64'],
  ['file_path', 'string'],
  ['target_path', 'string'],
  ['drive_type', 'string'],
  ['printer_name', 'string'],
  ['document_name', 'string'],
  ['pages', 'uint32'],
  ['copies', 'uint16'],
  ['color_mode', 'string'],
  ['paper_size', 'string'],
  ['device_class', 'string'],
  ['vendor_id', 'string'],
  ['product_id', 'string'],
  ['serial', 'string'],
  ['device_name', 'string'],
  ['volume_label', 'string'],
  ['capacity_bytes', 'uint64'],
  ['rule_name', 'string'],
  ['reason', 'string'],
  ['logon_type', 'string'],
  ['source_ip', 'string'],
  ['session_id', 'string'],
  ['boot_id', 'string'],
  ['uptime_seconds', 'uint64'],
  ['attributes', 'map'],
];

const FILE_TYPES: Record<RowBinaryKind, string> = {
  uuid: 'UUID',
  uint16: 'UInt16',
  uint32: 'UInt32',
  uint64: 'UInt64',
  time: 'DateTime64(3)',
  enum8: 'Int8',
  string: 'String',
  map: 'Map(String, String)',
};

/** The file's structure for `file(…, RowBinary, …)`: names and types, no quote in it. */
export const EVENTS_ROW_BINARY_STRUCTURE = EVENTS_ROW_BINARY_COLUMNS.map(
  ([column, kind]) => `${column} ${FILE_TYPES[kind]}`,
).join(', ');

/** How the writers insert events (ingest/table-writers.ts). */
export const EVENTS_ROW_BINARY_LAYOUT = {
  columns: EVENTS_ROW_BINARY_COLUMNS.map(([column]) => column),
  structure: EVENTS_ROW_BINARY_STRUCTURE,
};

/**
 * The category's Enum8 values in `events`: the protocol's categories in order, from 1 (the migration was written
 * from that list; tests/ingest/event-row-binary.test.ts compares these with the table's type).
 */
export const CATEGORY_VALUES: Record<string, number> = Object.fromEntries(
  LOG_CATEGORIES.map((category, index) => [category, index + 1]),
);

/**
 * One step of a category's row: a run of columns it never sets (their zero bytes, merged into one write), a column
 * the server fills, or a field of the event (its zero bytes when the event leaves it out).
 */
type Step =
  | { op: 'zeros'; bytes: number }
  | { op: 'participant' | 'device' | 'time' | 'received' | 'category' | 'domain' }
  | { op: 'field'; kind: RowBinaryKind; field: string; text?: (value: string) => string };

const SERVER_STEPS: Record<string, Step> = {
  participant_id: { op: 'participant' },
  device_id: { op: 'device' },
  time: { op: 'time' },
  received_at: { op: 'received' },
  category: { op: 'category' },
};

const lowerCase = (value: string) => value.toLowerCase();

/** Per category, the steps of its row in the file's order; `time` and identity come from the server. */
const PLANS = new Map<string, Step[]>(
  logEvent.options.map((branch) => {
    const category = String(branch.shape.category.value);
    const fieldOfColumn = new Map<string, string>();
    for (const field of Object.keys(branch.shape)) {
      if (field !== 'time' && field !== 'category') fieldOfColumn.set(EVENT_COLUMNS[field] ?? field, field);
    }
    const steps: Step[] = [];
    for (const [column, kind] of EVENTS_ROW_BINARY_COLUMNS) {
      const field = fieldOfColumn.get(column);
      let step: Step | undefined = SERVER_STEPS[column];
      if (!step && column === 'domain' && category === 'web_access') step = { op: 'domain' };
      if (!step && field) {
        const text =
          field === 'vendorId' || field === 'productId'
            ? lowerCase
            : field === 'url' && category === 'web_access'
              ? readableUrl
              : undefined;
        step = { op: 'field', kind, field, ...(text ? { text } : {}) };
      }
      const last = steps.at(-1);
      if (step) steps.push(step);
      else if (last?.op === 'zeros') last.bytes += ZERO_WIDTH[kind];
      else steps.push({ op: 'zeros', bytes: ZERO_WIDTH[kind] });
    }
    return [category, steps];
  }),
);

/** The fields an event of `category` stores (its schema's own, `time` aside): what lone-surrogate replacement walks. */
export function storedFieldsOf(category: string): readonly string[] {
  return STORED_FIELDS.get(category) ?? [];
}

const STORED_FIELDS = new Map(
  logEvent.options.map((branch) => [
    String(branch.shape.category.value),
    Object.keys(branch.shape).filter((field) => field !== 'time'),
  ]),
);

/** One batch's rows: the device and the arrival are the same for all, encoded once. */
export class EventRowBinary {
  private readonly participant: Buffer;
  private readonly device: Buffer;

  constructor(
    device: DeviceIdentity,
    private readonly receivedAtMs: number,
    private readonly out: RowBinaryBuffer,
  ) {
    this.participant = uuidBytes(device.participantId);
    this.device = uuidBytes(device.deviceId);
  }

  /** The event's row, as bytes of the batch's buffer. */
  row(event: LogEvent, eventTimeMs: number): Buffer {
    const out = this.out;
    const source = event as unknown as Record<string, unknown>;
    out.startRow();
    for (const step of PLANS.get(event.category)!) {
      switch (step.op) {
        case 'zeros':
          out.zeros(step.bytes);
          break;
        case 'participant':
          out.bytes(this.participant);
          break;
        case 'device':
          out.bytes(this.device);
          break;
        case 'time':
          out.uint64(eventTimeMs);
          break;
        case 'received':
          out.uint64(this.receivedAtMs);
          break;
        case 'category':
          out.uint8(CATEGORY_VALUES[event.category]!);
          break;
        case 'domain':
          out.string(hostnameOf(source.url as string));
          break;
        case 'field': {
          const value = source[step.field];
          if (value === undefined) out.zeros(ZERO_WIDTH[step.kind]);
          else if (step.kind === 'string') out.string(step.text ? step.text(value as string) : (value as string));
          else if (step.kind === 'map') out.map(value as Record<string, string>);
          else out.number(step.kind, value as number);
        }
      }
    }
    return out.endRow();
  }
}

/**
 * A UUID as RowBinary holds it: its two 64-bit halves, each little-endian
 * (`61f0c404-5cb3-11e7-907b-a6006ad3dba0` → e7 11 b3 5c 04 c4 f0 61, a0 db d3 6a 00 a6 7b 90).
 */
export function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`Not a UUID: ${JSON.stringify(uuid)}`);
  const bytes = Buffer.from(hex, 'hex');
  return Buffer.concat([bytes.subarray(0, 8).reverse(), bytes.subarray(8).reverse()]);
}
