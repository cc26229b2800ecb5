import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageProblems, deletionPlan } from '../../retention/deletion-plan.js';
import { DeletionStore } from '../../retention/deletion-store.js';
import { TableDeleter } from '../../retention/table-deleter.js';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { toClusterMutation } from '../../server/cluster-ddl.js';
import { runMigrations } from '../../server/migrate.js';
import { MIGRATIONS_DIR, readMigrationFiles } from '../../server/migration-files.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

/**
 * Coverage cannot drift: the deletion's tables come from the schema the migrations build, and every
 * table of that schema is accounted for in retention/participant-tables.ts. A migration that adds a
 * table holding participant data without classifying it makes the first test fail (the second shows
 * that such a table is still deleted from, and named as unclassified).
 */
let database: Database;
let dataDir: string;
let extraMigrations: string;

beforeAll(async () => {
  dataDir = freshDataDir('retention-coverage');
  database = await openDatabase(testConfig(dataDir));
  await runMigrations(database);
});

afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (extraMigrations) rmSync(extraMigrations, { recursive: true, force: true });
});

describe('the deletion covers the schema', () => {
  it('every table the migrations create is classified, and every table with participant_id is deleted from or kept on purpose', async () => {
    const schema = await new DeletionStore(database.client, false).schema();
    expect(coverageProblems(schema)).toEqual([]);
    const planned = new Set(deletionPlan(schema).map((t) => t.table));
    const withParticipantId = schema.filter((t) => t.columns.includes('participant_id')).map((t) => t.table);
    expect(withParticipantId.filter((t) => !planned.has(t))).toEqual(['deletion_certificates', 'deletion_runs']);
  });

  it('a new migration with an unclassified participant table fails the check, and its rows are deleted all the same', async () => {
    extraMigrations = mkdtempSync(path.join(tmpdir(), 'yorozu-migrations-'));
    for (const file of readdirSync(MIGRATIONS_DIR))
      copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(extraMigrations, file));
    writeFileSync(
      path.join(extraMigrations, '0999_create_later_feedback.sql'),
      "-- A later issue's table.\nCREATE TABLE IF NOT EXISTS later_feedback (\n  participant_id UUID,\n  answer String\n) ENGINE = MergeTree\nORDER BY participant_id\n-- cluster-sharding-key: cityHash64(participant_id)",
    );
    await runMigrations(database, readMigrationFiles(extraMigrations));
    const schema = await new DeletionStore(database.client, false).schema();
    expect(coverageProblems(schema)).toEqual([
      { table: 'later_feedback', problem: expect.stringContaining('participant_id') },
    ]);
    const table = deletionPlan(schema).find((t) => t.table === 'later_feedback');
    expect(table).toMatchObject({ kind: 'unclassified', direct: true });

    const participantId = '0b7f5c1e-3a2d-4e8f-9a6b-1c2d3e4f5a6b';
    await database.client.insert({
      table: 'later_feedback',
      values: [
        { participant_id: participantId, answer: '満足' },
        { participant_id: '11111111-2222-4333-8444-555555555555', answer: '普通' },
      ],
      format: 'JSONEachRow',
    });
    const deleter = new TableDeleter(database.client, undefined);
    expect(await deleter.count(table!, participantId, [])).toBe(1);
    await deleter.delete(table!, participantId, []);
    expect(await deleter.count(table!, participantId, [])).toBe(0);
    expect(await deleter.count(table!, '11111111-2222-4333-8444-555555555555', [])).toBe(1);
  });

  it("every table's deletion has an ON CLUSTER form that the engine parses, aimed at the replicated table", async () => {
    const schema = (await new DeletionStore(database.client, false).schema()).filter(
      (t) => t.table !== 'later_feedback',
    );
    const clustered = new TableDeleter(database.client, {
      onCluster: (statement) => toClusterMutation(statement, 'yorozu_cluster'),
    });
    for (const table of deletionPlan(schema)) {
      const statement = clustered.statementFor(table, ['00000000-0000-4000-8000-000000000001'])!;
      expect(statement).toMatch(/^ALTER TABLE \{table:Identifier\} ON CLUSTER yorozu_cluster DELETE WHERE /);
      // EXPLAIN AST parses without executing: no cluster or Keeper is needed to check the statement.
      // sql-paste-ok: the statement under test, with its values still parameters
      const parsed = await database.client.query({
        query: `EXPLAIN AST ${statement}`,
        query_params: {
          table: `${table.table}_local`,
          participantId: '00000000-0000-4000-8000-000000000002',
          keptKind: 'deletion_certificate',
          idColumn0: 'a',
          idColumn1: 'b',
          keyColumn: 'k',
          keys: ['x'],
        },
        format: 'TabSeparated',
      });
      expect(await parsed.text()).toContain(`${table.table}_local`);
    }
    expect(() => toClusterMutation('DELETE FROM events WHERE 1', 'c')).toThrow(/ALTER TABLE/);
  });
});
