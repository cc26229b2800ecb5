import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { toClusterStatements } from '../../server/cluster-ddl.js';
import { readMigrationFiles } from '../../server/migration-files.js';
import { MigrationError, runMigrations } from '../../server/migrate.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

const dataDir = freshDataDir('migrations');
const databases: Database[] = [];

async function database(name: string): Promise<Database> {
  const db = await openDatabase(testConfig(dataDir, { CLICKHOUSE_DATABASE: name }));
  databases.push(db);
  return db;
}

function migrationDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'yorozu-migration-files-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function tablesOf(db: Database): Promise<string[]> {
  const result = await db.client.query({
    query: 'SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name',
    query_params: { db: db.databaseName },
    format: 'JSONEachRow',
  });
  return (await result.json<{ name: string }>()).map((row) => row.name);
}

afterAll(async () => {
  for (const db of databases) await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the migration runner', () => {
  let db: Database;
  beforeAll(async () => {
    db = await database('yorozu_real');
  });

  it('applies the project migrations once, records them, and is safe to run again', async () => {
    const first = await runMigrations(db);
    expect(first.applied).toEqual(readMigrationFiles().map((file) => file.fileName));
    const second = await runMigrations(db);
    expect(second).toEqual({ applied: [], skipped: first.applied.length });
    expect(await tablesOf(db)).toEqual(
      expect.arrayContaining([
        'events',
        'devices',
        'inventory_hardware',
        'inventory_software',
        'inventory_os_updates',
        'health_results',
        'rejected_messages',
        'windows_events_kept',
        'schema_migrations',
      ]),
    );
    const recorded = await db.client.query({
      query: 'SELECT version, count() AS n FROM schema_migrations FINAL GROUP BY version',
      format: 'JSONEachRow',
    });
    expect((await recorded.json<{ n: string }>()).every((row) => row.n === '1')).toBe(true);
  });

  it('stops at a failed migration with a clear message, records nothing of it, and resumes once it is fixed', async () => {
    const scratch = await database('yorozu_scratch');
    const files = {
      '0001_create_a.sql': 'CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = MergeTree ORDER BY x',
      '0002_create_b.sql': 'CREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = MergeTree ORDER BY no_such_column',
      '0003_create_c.sql': 'CREATE TABLE IF NOT EXISTS c (x UInt8) ENGINE = MergeTree ORDER BY x',
    };
    const dir = migrationDir(files);
    const failure = await runMigrations(scratch, readMigrationFiles(dir)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toMatch(/0002_create_b\.sql failed.*later migrations were not run/s);
    expect((failure as Error).message).toMatch(/no_such_column/);
    expect(await tablesOf(scratch)).toEqual(['a', 'schema_migrations']);

    writeFileSync(
      path.join(dir, '0002_create_b.sql'),
      'CREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = MergeTree ORDER BY x',
    );
    const resumed = await runMigrations(scratch, readMigrationFiles(dir));
    expect(resumed).toEqual({ applied: ['0002_create_b.sql', '0003_create_c.sql'], skipped: 1 });
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a landed migration that was edited, and a file with two statements', async () => {
    const scratch = await database('yorozu_edited');
    const dir = migrationDir({
      '0001_create_a.sql': 'CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = MergeTree ORDER BY x',
    });
    await runMigrations(scratch, readMigrationFiles(dir));
    writeFileSync(
      path.join(dir, '0001_create_a.sql'),
      'CREATE TABLE IF NOT EXISTS a (x UInt16) ENGINE = MergeTree ORDER BY x',
    );
    await expect(runMigrations(scratch, readMigrationFiles(dir))).rejects.toThrow(
      /0001_create_a\.sql was changed after it was applied/,
    );
    writeFileSync(path.join(dir, '0002_two.sql'), 'SELECT 1; SELECT 2');
    expect(() => readMigrationFiles(dir)).toThrow(/more than one statement/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the cluster layout generated from the same migrations', () => {
  it('gives each table a Replicated local table and a Distributed table, and every statement parses on the engine', async () => {
    const db = await database('yorozu_cluster_check');
    for (const file of readMigrationFiles()) {
      const statements = toClusterStatements(file.statement, 'yorozu_cluster', 'yorozu');
      if (/^\s*(--[^\n]*\n\s*)*CREATE TABLE/i.test(file.statement)) {
        expect(statements, file.fileName).toHaveLength(2);
        expect(statements[0]).toMatch(/ON CLUSTER yorozu_cluster[\s\S]*ENGINE = Replicated\w*MergeTree/);
        expect(statements[1]).toMatch(
          /ENGINE = Distributed\('yorozu_cluster', 'yorozu', '\w+_local', cityHash64\(\w+\)\)/,
        );
      }
      for (const statement of statements) {
        // EXPLAIN AST parses without executing: no cluster or Keeper is needed to check the DDL.
        // sql-paste-ok: the statement is generated DDL from the migration files, not a value
        const parsed = await db.client.query({
          query: `EXPLAIN AST ${statement.replace(/--[^\n]*/g, '')}`,
          format: 'TabSeparated',
        });
        expect((await parsed.text()).length, `${file.fileName} parses`).toBeGreaterThan(0);
      }
    }
  });

  it('refuses a MergeTree table without a sharding key line', () => {
    expect(() =>
      toClusterStatements('CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = MergeTree ORDER BY x', 'c', 'd'),
    ).toThrow(/cluster-sharding-key/);
  });
});
