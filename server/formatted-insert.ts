import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { Session } from 'chdb';

/**
 * The ingest writers' insert: rows already serialised as JSONEachRow lines, handed to the engine as
 * one `INSERT … SETTINGS … FORMAT JSONEachRow` statement, with no per-row work in the client.
 *
 * Embedded: chDB's raw insert (the bytes go to the engine zero-copy, its parser does the rest) on
 * sessions of their own at the same data directory, so that inserts run side by side and never
 * queue behind the shared session's queries (server/query-scoped-settings.ts runs those one at a
 * time). A server (CLICKHOUSE_URL): the same bytes streamed as the request body.
 */
export type FormattedInsert = (table: string, body: Buffer, settings: Record<string, string | number>) => Promise<void>;

export interface FormattedInserter {
  insert: FormattedInsert;
  close(): void;
}

/** `connections` chDB sessions at `path`; each insert goes to the one with the fewest inserts running. */
export function embeddedFormattedInserter(path: string, database: string, connections: number): FormattedInserter {
  const pool = Array.from({ length: connections }, () => ({ session: new Session(path), running: 0 }));
  return {
    async insert(table, body, settings) {
      const slot = pool.reduce((best, next) => (next.running < best.running ? next : best));
      slot.running += 1;
      try {
        await slot.session.insert({ table: `${database}.${table}`, values: body, format: 'JSONEachRow', settings });
      } finally {
        slot.running -= 1;
      }
    },
    close() {
      for (const { session } of pool) session.close();
    },
  };
}

export function serverFormattedInserter(client: ClickHouseClient): FormattedInserter {
  return {
    async insert(table, body, settings) {
      const result = await client.exec({
        query: 'INSERT INTO {table:Identifier} FORMAT JSONEachRow',
        query_params: { table },
        values: Readable.from([body], { objectMode: false }),
        clickhouse_settings: settings,
      });
      result.stream.resume();
      await new Promise<void>((resolve, reject) => {
        result.stream.once('end', resolve);
        result.stream.once('error', reject);
      });
    },
    close() {},
  };
}
