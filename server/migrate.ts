import type { Database } from './clickhouse.js';
import { toClusterStatements } from './cluster-ddl.js';
import { readMigrationFiles, type MigrationFile } from './migration-files.js';

/**
 * Applies sql/migrations in number order, once each, and records them in schema_migrations.
 * Safe on every start and when two processes start together: every statement is IF NOT EXISTS,
 * and a record written twice is collapsed by ReplacingMergeTree.
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

export async function runMigrations(
  database: Database,
  files: MigrationFile[] = readMigrationFiles(),
  log: (message: string) => void = () => {},
): Promise<MigrationReport> {
  const { client } = database;
  for (const statement of statementsFor(database, CREATE_LEDGER)) {
    await client.command({ query: statement });
  }
  const result = await client.query({
    query: 'SELECT version, argMax(checksum, applied_at) AS checksum FROM schema_migrations GROUP BY version',
    format: 'JSONEachRow',
  });
  const applied = new Map((await result.json<{ version: number; checksum: string }>()).map((r) => [Number(r.version), r.checksum]));

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
    });
    report.applied.push(file.fileName);
    log(`applied migration ${file.fileName}`);
  }
  return report;
}

function statementsFor(database: Database, statement: string): string[] {
  return database.cluster ? toClusterStatements(statement, database.cluster, database.databaseName) : [statement];
}
