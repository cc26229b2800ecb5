import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jstDateOf } from '../../common/jst-time.js';
import { operatorClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithData, type SeededParticipant } from '../support/participant-with-data.js';
import { startYorozuProcess, yorozuProcessEnv, type YorozuProcess } from '../../harness/yorozu-process.js';
import { freshDataDir } from '../support/yorozu-under-test.js';

/**
 * A deletion killed half-way: a real child process deleting a participant's data is killed with
 * SIGKILL between two tables. The next run of the job (in a restarted Yorozu) finds the unfinished
 * run, finishes it, verifies zero everywhere and certifies it with the counts from before the first
 * attempt. The other participant's data is untouched.
 */
type Preview = { tables: { table: string; rows: number }[]; files: number };
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KILL_AFTER_TABLES = 3;
let dataDir: string;
let yorozu: YorozuProcess | undefined;
let operator: ApiClient;
let leaving: SeededParticipant;
let staying: SeededParticipant;
let before: Record<string, number>;
let stayingBefore: Record<string, number>;

// Each dry run is itself an operator's look at the participant (art. 15) and adds a data_access_log row: left out here.
const countsOf = async (participantId: string) =>
  Object.fromEntries(
    (await operator.call<Preview>('POST', `/api/v1/admin/participants/${participantId}/deletion/dry-run`)).body.tables
      .filter((t) => t.table !== 'data_access_log')
      .map((t) => [t.table, t.rows]),
  );

async function startYorozu(): Promise<void> {
  yorozu = await startYorozuProcess(dataDir);
  operator = await operatorClient(yorozu.url);
}

async function stopYorozu(): Promise<void> {
  const running = yorozu!;
  yorozu = undefined;
  running.child.kill('SIGTERM');
  await running.exited;
}

beforeAll(async () => {
  dataDir = freshDataDir('deletion-resume');
  await startYorozu();
  leaving = await participantWithData(yorozu!.url, operator, { name: '株式会社とちゅう', code: 'tochu', dataDir });
  staying = await participantWithData(yorozu!.url, operator, { name: '株式会社そのまま', code: 'sonomama', dataDir });
  expect(
    (await leaving.user.call('POST', `/api/v1/participants/${leaving.participantId}/withdrawal`, { reason: '' }))
      .status,
  ).toBe(202);
  const done = await operator.call('POST', `/api/v1/admin/participants/${leaving.participantId}/complete-withdrawal`, {
    agreedDeletionDate: jstDateOf(new Date()),
    agreedWith: '総務部 鈴木様',
  });
  expect(done.status).toBe(200);
  before = await countsOf(leaving.participantId);
  stayingBefore = await countsOf(staying.participantId);
  await stopYorozu();
});

afterAll(async () => {
  if (yorozu) await stopYorozu();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a deletion killed between two tables', () => {
  it('the process is killed after some tables, leaving an unfinished run', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/support/deletion-child.ts', dataDir, leaving.participantId],
      { cwd: ROOT, env: yorozuProcessEnv(dataDir, {}), stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    const deleted: string[] = [];
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          deleted.push((JSON.parse(line) as { tableDeleted: string }).tableDeleted);
          if (deleted.length === KILL_AFTER_TABLES) {
            child.kill('SIGKILL');
            resolve();
          } else child.stdin.write('next\n');
        }
      });
      void exited.then(() => reject(new Error(`the child ended before it was killed:\n${output}`)));
    });
    expect(await exited).toBe('SIGKILL');
    expect(deleted).toHaveLength(KILL_AFTER_TABLES);

    await startYorozu();
    const status = await operator.call<{ steps: { step: string; table_name: string }[]; certificate: unknown }>(
      'GET',
      `/api/v1/admin/participants/${leaving.participantId}/deletion`,
    );
    expect(status.body.certificate).toBeNull();
    expect(status.body.steps.filter((s) => s.step === 'table_deleted').map((s) => s.table_name)).toEqual(deleted);
    const halfway = await countsOf(leaving.participantId);
    for (const table of deleted.filter((t) => t !== 'data_access_log')) expect(halfway[table]).toBe(0);
    expect(
      Object.entries(halfway).filter(([table, rows]) => !deleted.includes(table) && rows > 0).length,
    ).toBeGreaterThan(0);
  });

  it('the next run of the job finishes it: zero rows, no files, certified with the counts from before', async () => {
    const run = await operator.call<{ run: { result: Record<string, number>; error?: string } }>(
      'POST',
      '/api/v1/admin/jobs/data-deletion/run',
    );
    expect(run.body.run.error).toBeUndefined();
    expect(run.body.run.result).toMatchObject({ certified: 1, failed: 0, resumed: 1 });
    const status = await operator.call<{ steps: { run_id: string; step: string }[]; certificate: { sha256: string } }>(
      'GET',
      `/api/v1/admin/participants/${leaving.participantId}/deletion`,
    );
    expect(new Set(status.body.steps.map((s) => s.run_id)).size).toBe(1);
    expect(status.body.steps.filter((s) => s.step === 'started')).toHaveLength(1);
    const download = await fetch(
      new URL(`/api/v1/admin/participants/${leaving.participantId}/deletion/certificate`, yorozu!.url),
      { headers: { authorization: `Bearer ${operator.sessionToken}` } },
    );
    const certificate = (await download.json()) as {
      verification: { result: string };
      files: { before: number; after: number };
      dataKinds: { tables: { table: string; rowsBefore: number; rowsAfter: number }[] }[];
    };
    expect(certificate.verification.result).toBe('passed');
    expect(certificate.files).toEqual({ before: 1, after: 0 });
    const tables = certificate.dataKinds.flatMap((k) => k.tables);
    expect(Object.fromEntries(tables.map((t) => [t.table, t.rowsBefore]))).toMatchObject(before);
    expect(tables.every((t) => t.rowsAfter === 0)).toBe(true);
    expect(
      (await operator.call('POST', `/api/v1/admin/participants/${leaving.participantId}/deletion/dry-run`)).status,
    ).toBe(404);
    expect(existsSync(path.join(dataDir, 'participant-files', leaving.participantId))).toBe(false);
  });

  it("the other participant's data is untouched", async () => {
    expect(await countsOf(staying.participantId)).toEqual(stayingBefore);
  });
});
