import type { Database } from './clickhouse.js';
import { toClusterStatements } from './cluster-ddl.js';
import { ClickHouseLeases, ensureLeaseTable } from './job-lease.js';
import { readMigrationFiles, type MigrationFile } from './migration-files.js';

/**
 * Applies sql/migrations in number order, once each, and records them in schema_migrations.
 * Safe on every start and when two processes start together: on a server or cluster the gateway that
 * takes the "migrations" lease runs them and the others wait for it, then find them applied; every
 * statement is IF NOT EXISTS, and a record written twice is collapsed by ReplacingMergeTree.
 */
export class MigrationError extends Error {
  constructor(
    readonly migration: MigrationFile,
    override readonly cause: unknown,
  ) {
    super(
      `Migration ${migration.fileName} failed and was not recorded; later migrations were not run.\n` +
        `Engine said: ${(cause as Error)?.message ?? String(cause)}\n` +
        'Fix the cause (or the file, if it has not landed yet) and start again: applied migrations are skipped.',
    );
  }
}

export interface MigrationReport {
  applied: string[];
  skipped: number;
}

const CREATE_LEDGER = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version UInt32,
  name String,
  checksum String,
  applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(applied_at)
ORDER BY version
-- cluster-sharding-key: version`;

/** How long a gateway waits for another one's migrations before it gives up starting. */
const MIGRATION_LOCK_WAIT_MS = 30 * 60_000;

export async function runMigrations(
  database: Database,
  files: MigrationFile[] = readMigrationFiles(),
  log: (message: string) => void = () => {},
  /** The migration lock; by default a ClickHouse lease on a server or cluster, none on the embedded engine. */
  lock: ClickHouseLeases | undefined = database.mode === 'server' ? new ClickHouseLeases(database.client) : undefined,
): Promise<MigrationReport> {
  const { client } = database;
  for (const statement of statementsFor(database, CREATE_LEDGER)) {
    await client.command({ query: statement });
  }
  if (!lock) return applyPending(database, files, log);
  await ensureLeaseTable(database);
  const held = await lock.acquireWaiting('migrations', MIGRATION_LOCK_WAIT_MS);
  try {
    return await applyPending(database, files, log);
  } finally {
    await held.release();
  }
}

async function applyPending(
  database: Database,
  files: MigrationFile[],
  log: (message: string) => void,
): Promise<MigrationReport> {
  const { client } = database;
  const result = await client.query({
    query: 'SELECT version, argMax(checksum, applied_at) AS checksum FROM schema_migrations GROUP BY version',
    format: 'JSONEachRow',
    // On a cluster: see what the gateway that held the lock before recorded, whichever replica answers.
    clickhouse_settings: { select_sequential_consistency: '1' },
  });
  const applied = new Map(
    (await result.json<{ version: number; checksum: string }>()).map((r) => [Number(r.version), r.checksum]),
  );

  const report: MigrationReport = { applied: [], skipped: 0 };
  for (const file of files) {
    const recorded = applied.get(file.version);
    if (recorded !== undefined) {
      if (recorded !== file.checksum) {
        throw new Error(
          `Migration ${file.fileName} was changed after it was applied (checksum differs). ` +
            'Landed migrations are never edited: add a new numbered file instead.',
        );
      }
      report.skipped += 1;
      continue;
    }
    try {
      for (const statement of statementsFor(database, file.statement)) {
        await client.command({ query: statement, clickhouse_settings: { log_comment: `migration:${file.fileName}` } });
      }
    } catch (error) {
      throw new MigrationError(file, error);
    }
    await client.insert({
      table: 'schema_migrations',
      values: [{ version: file.version, name: file.name, checksum: file.checksum }],
      format: 'JSONEachRow',
      clickhouse_settings: { insert_quorum: 'auto', insert_quorum_parallel: 0 },
    });
    report.applied.push(file.fileName);
    log(`applied migration ${file.fileName}`);
  }
  return report;
}

function statementsFor(database: Database, statement: string): string[] {
  return database.cluster ? toClusterStatements(statement, database.cluster, database.databaseName) : [statement];
}
