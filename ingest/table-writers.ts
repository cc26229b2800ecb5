import type { ClickHouseClient } from '@clickhouse/client';
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
export type TableWriters = Record<WriterName, BufferedWriter<Row>>;

export function createTableWriters(
  client: ClickHouseClient,
  limits: IngestLimits,
  metrics: IngestMetrics,
  isRetryable: (error: unknown) => boolean,
): TableWriters {
  const insert = async (table: string, rows: Row[]) => {
    await client.insert({
      table,
      values: rows,
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `ingest:${table}`, input_format_defaults_for_omitted_fields: 1 },
    });
  };
  const writers = {} as TableWriters;
  for (const [name, table] of Object.entries(WRITER_TABLES) as [WriterName, string][]) {
    const writer = new BufferedWriter<Row>({
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
