import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import type { LogEvent } from '../agent-protocol/index.js';
import { BatchedLookups } from './batched-lookups.js';
import { eventRow, type DeviceIdentity, type Row } from './event-rows.js';

/**
 * First write wins: an event re-sent with the same (device, time, seq) never replaces the stored one.
 * `events` is a ReplacingMergeTree that keeps the last copy, so a changed re-send must not reach it:
 *
 * - device_seq (a materialized view over events) holds each device's highest stored seq. An event
 *   above it cannot be a re-send and goes straight to the writer: the common path costs no read.
 * - An event at or below it is looked up in events by its key (one read of the sort key's ranges per
 *   batch that has such events, after the device's writes in flight have landed). Found with the same
 *   content: a duplicate, dropped (invisible, as before). Found with other content: a conflicting
 *   re-send, dropped and reported. Not found: a new event (a batch that failed before, say), written.
 *
 * Scope: this process. Two gateways taking the same key of one device at the same instant could both
 * write it; agents keep one connection, and the high-water mark is re-read when a device connects.
 */
export interface GuardedRow {
  index: number;
  seq: number;
  timeMs: number;
  category: string;
  /** The stored row, RowBinary bytes (event-row-binary.ts). */
  row: Buffer;
  /** The validated event, for comparing a suspect with its stored copy; dropped once the batch is decided. */
  event: LogEvent | undefined;
}

export interface GuardVerdict {
  fresh: GuardedRow[];
  duplicates: GuardedRow[];
  conflicts: { candidate: GuardedRow; fields: string[]; firstReceivedAt: string }[];
}

/** Columns that are the key or the arrival, not the content. */
const NOT_CONTENT = new Set(['participant_id', 'device_id', 'time', 'seq', 'received_at']);
const NUMERIC = new Set(['pid', 'http_status', 'bytes', 'pages', 'copies', 'capacity_bytes', 'uptime_seconds']);
const HIGH_WATER_TTL_MS = 30_000;

interface HighWater {
  maxSeq: number;
  loadedAt: number;
}

export class FirstWriteGuard {
  private readonly highWater = new Map<string, HighWater>();
  private readonly inFlight = new Map<string, Set<Promise<unknown>>>();
  /** Marks being read now, by device: whoever asks meanwhile waits for the same read. */
  private readonly loading = new Map<string, Promise<HighWater>>();
  /** The devices' stored high-water marks, read together (batched-lookups.ts); keyed by device id. */
  private readonly storedMarks: BatchedLookups<number>;

  constructor(private readonly client: ClickHouseClient) {
    this.storedMarks = new BatchedLookups(async (deviceIds) => {
      const rows = await selectRows<{ device_id: string; max_seq: string }>(this.client, 'ingest/device-max-seq', {
        deviceIds,
      });
      return new Map(rows.map((row) => [row.device_id, Number(row.max_seq)]));
    });
  }

  /** Queries that read high-water marks so far (for tests). */
  get markQueries(): number {
    return this.storedMarks.queries;
  }

  /**
   * A device connected: its high-water mark is read again (another gateway may have stored more), starting now,
   * so that its first batch finds it read (or being read) instead of waiting for the query.
   */
  reload(device: DeviceIdentity): void {
    // Kept, expired: rows of the old connection still being admitted raise it, and the read keeps the higher.
    const known = this.highWater.get(device.deviceId);
    if (known) known.loadedAt = 0;
    // A failed read is tried again by the first batch that needs it.
    this.load(device).catch(() => undefined);
  }

  /**
   * Sorts a batch's rows, then starts `write` with the fresh ones in the same turn, so that a copy of
   * them arriving next is checked against them (it waits for this write before it looks).
   */
  async admit<T>(
    device: DeviceIdentity,
    rows: GuardedRow[],
    write: (verdict: GuardVerdict) => Promise<T>,
  ): Promise<{ verdict: GuardVerdict; written: T }> {
    const verdict: GuardVerdict = { fresh: [], duplicates: [], conflicts: [] };
    const mark = rows.length > 0 ? await this.maxStoredSeq(device) : { maxSeq: -1, loadedAt: 0 };
    const suspects: GuardedRow[] = [];
    for (const row of rows) (row.seq <= mark.maxSeq ? suspects : verdict.fresh).push(row);
    if (suspects.length > 0) await this.lookUp(device, suspects, verdict);
    for (const row of verdict.fresh) if (row.seq > mark.maxSeq) mark.maxSeq = row.seq;
    const writing = write(verdict);
    this.track(device.deviceId, writing);
    return { verdict, written: await writing };
  }

  private track(deviceId: string, write: Promise<unknown>): void {
    let writes = this.inFlight.get(deviceId);
    if (!writes) this.inFlight.set(deviceId, (writes = new Set()));
    writes.add(write);
    const done = () => {
      writes.delete(write);
      if (writes.size === 0 && this.inFlight.get(deviceId) === writes) this.inFlight.delete(deviceId);
    };
    write.then(done, done);
  }

  private maxStoredSeq(device: DeviceIdentity): Promise<HighWater> {
    const known = this.highWater.get(device.deviceId);
    if (known && Date.now() - known.loadedAt < HIGH_WATER_TTL_MS) return Promise.resolve(known);
    return this.load(device);
  }

  /** Reads the device's stored mark, once for all who ask meanwhile (batches of it, its connection). */
  private load(device: DeviceIdentity): Promise<HighWater> {
    const { deviceId } = device;
    let loading = this.loading.get(deviceId);
    if (!loading) {
      loading = this.storedMarks
        .lookup(deviceId)
        .then((stored = -1) => {
          // Rows admitted meanwhile raised the mark kept here: keep the higher of the two.
          const current = this.highWater.get(deviceId);
          const mark = { maxSeq: Math.max(stored, current?.maxSeq ?? -1), loadedAt: Date.now() };
          if (current) return Object.assign(current, mark);
          this.highWater.set(deviceId, mark);
          return mark;
        })
        .finally(() => this.loading.delete(deviceId));
      this.loading.set(deviceId, loading);
    }
    return loading;
  }

  private async lookUp(device: DeviceIdentity, suspects: GuardedRow[], verdict: GuardVerdict): Promise<void> {
    await Promise.allSettled([...(this.inFlight.get(device.deviceId) ?? [])]);
    const hours = new Set<string>();
    let from = Infinity;
    let to = -Infinity;
    for (const { timeMs } of suspects) {
      hours.add(clickHouseHour(timeMs));
      from = Math.min(from, timeMs);
      to = Math.max(to, timeMs);
    }
    const stored = await selectRows<Row>(this.client, 'ingest/stored-events-by-key', {
      participantId: device.participantId,
      deviceId: device.deviceId,
      hours: [...hours],
      from: toClickHouseTime(from),
      to: toClickHouseTime(to),
      seqs: [...new Set(suspects.map((s) => s.seq))],
    });
    // Ordered by arrival: the first copy of a key is the one that counts.
    const firstByKey = new Map<string, Row>();
    for (const row of stored) {
      const key = `${String(row.time)}|${String(row.seq)}`;
      if (!firstByKey.has(key)) firstByKey.set(key, row);
    }
    for (const candidate of suspects) {
      const first = firstByKey.get(`${toClickHouseTime(candidate.timeMs)}|${candidate.seq}`);
      if (!first) {
        verdict.fresh.push(candidate);
        continue;
      }
      // Only a suspect is mapped to a row object: to compare it column by column with what is stored.
      const fields = differingColumns(eventRow(device, candidate.event!, candidate.timeMs, ''), first);
      if (fields.length === 0) verdict.duplicates.push(candidate);
      else verdict.conflicts.push({ candidate, fields, firstReceivedAt: String(first.received_at) });
    }
    verdict.fresh.sort((a, b) => a.index - b.index);
  }
}

/** The content columns whose stored value differs from what the candidate row would store. */
export function differingColumns(candidate: Row, stored: Row): string[] {
  const differing: string[] = [];
  for (const column of Object.keys(stored)) {
    if (NOT_CONTENT.has(column)) continue;
    if (asStored(column, candidate[column]) !== asStored(column, stored[column])) differing.push(column);
  }
  return differing;
}

/** A value as the engine keeps it: absent fields are their column's default. */
function asStored(column: string, value: unknown): string {
  if (value === undefined || value === null) return NUMERIC.has(column) ? '0' : '';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.length === 0 ? '' : JSON.stringify(entries);
  }
  return String(value);
}

function clickHouseHour(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 13).replace('T', ' ')}:00:00`;
}
