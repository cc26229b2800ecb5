import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { Session } from 'chdb';

/**
 * The ingest writers' insert: rows already serialised as JSONEachRow lines, handed to the engine as
 * one statement with its settings in it, with no per-row work in the client.
 *
 * Embedded, on sessions of their own at the same data directory, so that inserts run side by side and
 * never queue behind the shared session's queries (server/query-scoped-settings.ts runs those one at a
 * time), two ways by size:
 * - a body of `FILE_INSERT_MIN_BYTES` or more is written to a file in the spool directory and inserted with
 *   `INSERT INTO … SELECT * FROM file(…, JSONEachRow)`: the engine parses it in parallel on the server side of
 *   chDB. `npx tsx bench/insert-paths.ts` measures both paths into `events` at 500 to 100,000 rows per insert:
 *   the file path costs the engine as much or less CPU per row at every size, about half at 50,000 rows and less than half at 100,000
 *   on, where the raw insert gets dearer again. The columns, their defaults and their types are the table's own
 *   (the insertion table's structure); a row the engine refuses fails the whole statement, as the raw insert
 *   does. The file is removed once the statement returns.
 * - a smaller body goes through chDB's raw insert (the bytes go to the engine zero-copy): no file for a few rows.
 *
 * A server (CLICKHOUSE_URL): the same bytes streamed as the request body.
 */
export type FormattedInsert = (table: string, body: Buffer, settings: Record<string, string | number>) => Promise<void>;

export interface FormattedInserter {
  insert: FormattedInsert;
  close(): void;
}

/** Bodies from this size on go through a spooled file (above). */
export const FILE_INSERT_MIN_BYTES = 512 * 1024;

/** A setting's name and value as they may appear in the statement: the writers' own fixed list, checked anyway. */
const SETTING_NAME = /^[a-z_][a-z0-9_]*$/;
const SETTING_TEXT = /^[A-Za-z0-9_:.-]*$/;

/** Names and paths written into the file insert's text, checked: anything else takes the raw insert. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SPOOL_PATH = /^[A-Za-z0-9_./-]+$/;

/**
 * The file insert's statement, with no query parameter: chDB runs every parameterized query of the process, on
 * any session, one at a time (a process-wide chain in chdb's JS layer, because its native parameter state is not
 * per connection). A bound statement here made each insert wait for the dashboard's queries and every query wait
 * for seconds-long inserts, and two inserts never ran side by side. Undefined when a name or the path holds a
 * character outside the checked sets (a data directory with a space, say): that insert takes the raw path.
 */
export function fileInsertStatement(
  database: string,
  table: string,
  file: string,
  settings: Record<string, string | number>,
): string | undefined {
  if (!IDENTIFIER.test(database) || !IDENTIFIER.test(table) || !SPOOL_PATH.test(file)) return undefined;
  // sql-paste-ok: identifiers and our own spool file's path, each checked against a set without quotes or spaces
  return `INSERT INTO ${database}.${table}${settingsClause(settings)} SELECT * FROM file('${file}', JSONEachRow)`;
}

function settingsClause(settings: Record<string, string | number>): string {
  const parts = Object.entries(settings).map(([name, value]) => {
    if (!SETTING_NAME.test(name)) throw new Error(`Invalid setting name: ${JSON.stringify(name)}`);
    if (typeof value === 'number' && Number.isFinite(value)) return `${name} = ${value}`;
    if (typeof value === 'string' && SETTING_TEXT.test(value)) return `${name} = '${value}'`;
    throw new Error(`Invalid value of setting ${name}: ${JSON.stringify(value)}`);
  });
  return parts.length > 0 ? ` SETTINGS ${parts.join(', ')}` : '';
}

/**
 * `connections` chDB sessions at `dataPath`; each insert goes to the one with the fewest inserts running.
 * `fileInsertMinBytes`: where the spooled-file path starts (bench/insert-paths.ts sets it to measure each path).
 */
export function embeddedFormattedInserter(
  dataPath: string,
  database: string,
  connections: number,
  spoolDir: string,
  fileInsertMinBytes = FILE_INSERT_MIN_BYTES,
): FormattedInserter {
  // A crash's leftovers were never acknowledged: their senders send them again.
  rmSync(spoolDir, { recursive: true, force: true });
  mkdirSync(spoolDir, { recursive: true });
  const pool = Array.from({ length: connections }, () => ({ session: new Session(dataPath), running: 0 }));
  return {
    async insert(table, body, settings) {
      const slot = pool.reduce((best, next) => (next.running < best.running ? next : best));
      slot.running += 1;
      try {
        const file = body.length >= fileInsertMinBytes ? path.join(spoolDir, `${table}-${randomUUID()}.jsonl`) : '';
        const statement = file ? fileInsertStatement(database, table, file, settings) : undefined;
        if (!statement) {
          await slot.session.insert({ table: `${database}.${table}`, values: body, format: 'JSONEachRow', settings });
          return;
        }
        await writeFile(file, body);
        try {
          await slot.session.queryAsync(statement, { format: 'CSV' });
        } finally {
          await rm(file, { force: true });
        }
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
