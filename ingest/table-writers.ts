import { BufferedWriter } from './buffered-writer.js';
import type { Row } from './event-rows.js';
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
/** A row as an object, or already as its JSONEachRow line (the events path builds lines while the batch is at hand). */
export type WriterRow = Row | string;
export type TableWriters = Record<WriterName, BufferedWriter<WriterRow>>;

/** Inserts JSONEachRow bytes as one statement with its settings in it (server/formatted-insert.ts). */
export type InsertJsonLines = (table: string, body: Buffer, settings: Record<string, string | number>) => Promise<void>;

export function createTableWriters(
  insertJsonLines: InsertJsonLines,
  limits: IngestLimits,
  metrics: IngestMetrics,
  isRetryable: (error: unknown) => boolean,
): TableWriters {
  const insert = async (table: string, rows: WriterRow[]) => {
    let text = '';
    for (const row of rows) text += `${typeof row === 'string' ? row : JSON.stringify(row)}\n`;
    await insertJsonLines(table, Buffer.from(text), {
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
