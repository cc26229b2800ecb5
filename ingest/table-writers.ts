import { BufferedWriter } from './buffered-writer.js';
import type { Row } from './event-rows.js';
import { EVENTS_ROW_BINARY_LAYOUT } from './event-row-binary.js';
import type { IngestLimits } from './limits.js';
import type { IngestMetrics } from './metrics.js';

/** One buffered writer per stored-data table; the table names are a fixed list, never input. */
export const WRITER_TABLES = {
  events: 'events',
  hardware: 'inventory_hardware',
  software: 'inventory_software',
  osUpdates: 'inventory_os_updates',
  health: 'health_results',
  rejected: 'rejected_messages',
  diagnostics: 'diagnostics',
  windowsKept: 'windows_events_kept',
} as const;

export type WriterName = keyof typeof WRITER_TABLES;
/**
 * A row as an object, already as its JSONEachRow line, or as its RowBinary bytes in the layout `ROW_BINARY_LAYOUTS`
 * gives its table (the events path encodes its rows while the batch is at hand, ingest/event-row-binary.ts).
 */
export type WriterRow = Row | string | Buffer;
export type TableWriters = Record<WriterName, BufferedWriter<WriterRow>>;

/** A RowBinary body's columns, in the order its rows hold them, and the file's structure (`name Type, …`). */
export interface RowBinaryLayout {
  columns: readonly string[];
  structure: string;
}

/**
 * Inserts serialised rows as one statement with its settings in it (server/formatted-insert.ts): JSONEachRow bytes,
 * or RowBinary bytes in `rowBinary`'s layout.
 */
export type InsertFormatted = (
  table: string,
  body: Buffer,
  settings: Record<string, string | number>,
  rowBinary?: RowBinaryLayout,
) => Promise<void>;

/** The layout of the tables whose rows come as RowBinary bytes. */
const ROW_BINARY_LAYOUTS: Partial<Record<string, RowBinaryLayout>> = { events: EVENTS_ROW_BINARY_LAYOUT };

export function createTableWriters(
  insertFormatted: InsertFormatted,
  limits: IngestLimits,
  metrics: IngestMetrics,
  isRetryable: (error: unknown) => boolean,
): TableWriters {
  const insert = async (table: string, rows: WriterRow[]) => {
    const layout = ROW_BINARY_LAYOUTS[table];
    if (layout && Buffer.isBuffer(rows[0])) {
      await insertFormatted(table, Buffer.concat(rows as Buffer[]), { log_comment: `ingest:${table}` }, layout);
      return;
    }
    let text = '';
    for (const row of rows) text += `${typeof row === 'string' ? row : JSON.stringify(row)}\n`;
    await insertFormatted(table, Buffer.from(text), {
      log_comment: `ingest:${table}`,
      input_format_defaults_for_omitted_fields: 1,
    });
  };
  const writers = {} as TableWriters;
  for (const [name, table] of Object.entries(WRITER_TABLES) as [WriterName, string][]) {
    const writer = new BufferedWriter<WriterRow>({
      table,
      insert,
      isRetryable,
      flushRows: limits.flushRows,
      flushIntervalMs: limits.flushIntervalMs,
      maxQueuedRows: limits.maxQueuedRows,
      retries: limits.insertRetries,
      maxConcurrentInserts: limits.maxConcurrentInserts,
      // An event the engine refuses for good is answered on its own (not_storable); the rest of its batch is stored.
      isolateRows: name === 'events',
      observeInsert: (t, rows, seconds, outcome) => {
        metrics.insertSeconds.labels(t, outcome).observe(seconds);
        if (outcome === 'ok') metrics.insertRows.labels(t).observe(rows);
      },
    });
    writers[name] = writer;
  }
  return writers;
}
