import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { Session } from 'chdb';
import type { InsertFormatted, RowBinaryLayout } from '../ingest/table-writers.js';

/**
 * The ingest writers' insert: rows already serialised, as JSONEachRow lines or in the engine's RowBinary
 * encoding (the events, ingest/event-row-binary.ts), handed to the engine as one statement with its settings in
 * it, with no per-row work in the client.
 *
 * Embedded, on sessions of their own at the same data directory, so that inserts run side by side and
 * never queue behind the shared session's queries (server/query-scoped-settings.ts runs those one at a
 * time):
 * - RowBinary, and JSON lines of `FILE_INSERT_MIN_BYTES` or more, are written to a file in the spool directory and
 *   inserted with `INSERT INTO … SELECT * FROM file(…)`: the engine reads it on the server side of chDB (chDB's raw
 *   insert takes text formats only). `npx tsx bench/insert-paths.ts` measures the paths into `events` at 500 to
 *   100,000 rows per insert: for JSON lines the file path costs the engine as much or less CPU per row at every
 *   size, less than half at 50,000 and 100,000 rows, where the raw insert gets dearer again;
 *   RowBinary costs about a third less than JSON lines through the same file path. For JSON lines the columns, their
 *   defaults and their types are the table's own; RowBinary names its columns and their types (every column, in
 *   the file's order). A row the engine refuses fails the whole statement, as the raw insert does. The file is
 *   removed once the statement returns.
 * - smaller JSON bodies go through chDB's raw insert (the bytes go to the engine zero-copy): no file for a few rows.
 *
 * A server (CLICKHOUSE_URL): the same bytes streamed as the request body, `FORMAT JSONEachRow` or `FORMAT RowBinary`.
 */
export interface FormattedInserter {
  insert: InsertFormatted;
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
/** A RowBinary structure: names, types and their brackets, nothing that ends the string it sits in. */
const STRUCTURE = /^[A-Za-z0-9_ ,()]+$/;

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
  rowBinary?: RowBinaryLayout,
): string | undefined {
  if (!IDENTIFIER.test(database) || !IDENTIFIER.test(table) || !SPOOL_PATH.test(file)) return undefined;
  if (!rowBinary) {
    // sql-paste-ok: identifiers and our own spool file's path, each checked against a set without quotes or spaces
    return `INSERT INTO ${database}.${table}${settingsClause(settings)} SELECT * FROM file('${file}', JSONEachRow)`;
  }
  const { columns, structure } = rowBinary;
  if (!columns.every((column) => IDENTIFIER.test(column)) || !STRUCTURE.test(structure)) return undefined;
  const into = `${database}.${table} (${columns.join(', ')})`;
  // sql-paste-ok: identifiers, our own spool file's path and the layout's structure, each checked against a set without quotes
  return `INSERT INTO ${into}${settingsClause(settings)} SELECT * FROM file('${file}', RowBinary, '${structure}')`;
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
 * `fileInsertMinBytes`: where the spooled-file path starts for JSON lines (bench/insert-paths.ts sets it to measure
 * each path). The spool directory must be a path the statement can hold (`SPOOL_PATH`): when `spoolDir` is not (a data
 * directory with a space, say), a directory of the system's temporary files is used instead.
 */
export function embeddedFormattedInserter(
  dataPath: string,
  database: string,
  connections: number,
  spoolDir: string,
  fileInsertMinBytes = FILE_INSERT_MIN_BYTES,
): FormattedInserter {
  const spool = usableSpoolDir(spoolDir);
  const pool = Array.from({ length: connections }, () => ({ session: new Session(dataPath), running: 0 }));
  return {
    async insert(table, body, settings, rowBinary) {
      const slot = pool.reduce((best, next) => (next.running < best.running ? next : best));
      slot.running += 1;
      try {
        const viaFile = rowBinary !== undefined || body.length >= fileInsertMinBytes;
        const file = viaFile ? path.join(spool, `${table}-${randomUUID()}.${rowBinary ? 'bin' : 'jsonl'}`) : '';
        const statement = file ? fileInsertStatement(database, table, file, settings, rowBinary) : undefined;
        if (!statement) {
          if (rowBinary) throw new Error(`RowBinary insert into ${table}: the table or its columns cannot be named`);
          await slot.session.insert({ table: `${database}.${table}`, values: body, format: 'JSONEachRow', settings });
          return;
        }
        // Written and removed synchronously, on purpose: a few milliseconds of the main thread for 12 MB into the page
        // cache. Asynchronously, each step waited its turn in libuv's thread pool behind the engine's queries running
        // there: an insert of 50,000 events waited 0.2–1.4 s for its file's write and close (more than the engine took
        // to insert it; timed by instrumenting a 400,000-event ingest bench run, not kept), and every ack of it with it.
        writeFileSync(file, body);
        try {
          await slot.session.queryAsync(statement, { format: 'CSV' });
        } finally {
          rmSync(file, { force: true });
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

/** The spool directory, emptied (a crash's leftovers were never acknowledged: their senders send them again). */
function usableSpoolDir(preferred: string): string {
  let dir = preferred;
  if (!SPOOL_PATH.test(dir)) dir = mkdtempSync(path.join(tmpdir(), 'yorozu-ingest-spool-'));
  if (!SPOOL_PATH.test(dir)) {
    throw new Error(
      `No spool directory for inserts: neither ${JSON.stringify(preferred)} nor ${JSON.stringify(dir)} is made only of letters, digits and _ . / -`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function serverFormattedInserter(client: ClickHouseClient): FormattedInserter {
  return {
    async insert(table, body, settings, rowBinary) {
      const columns = rowBinary?.columns ?? [];
      if (!columns.every((column) => IDENTIFIER.test(column))) {
        throw new Error(`RowBinary insert into ${table}: a column cannot be named`);
      }
      const result = await client.exec({
        query: rowBinary
          ? // sql-paste-ok: the layout's column names, each checked as an identifier; the table is a parameter
            `INSERT INTO {table:Identifier} (${columns.join(', ')}) FORMAT RowBinary`
          : 'INSERT INTO {table:Identifier} FORMAT JSONEachRow',
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
