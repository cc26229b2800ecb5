import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { yorozuProcessEnv } from '../../harness/yorozu-process.js';
import { createLogger } from '../../server/logger.js';
import { startYorozu, type RunningYorozu } from '../../server/yorozu.js';
import { freshDataDir, queryRows, testConfig } from '../support/yorozu-under-test.js';

/**
 * A run's snapshot tables (one participant's rows each, in the engine's memory) outlive a crash: a real child
 * process takes a snapshot and is killed with SIGKILL before it can drop it. The next start of Yorozu on the
 * same data removes them.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = freshDataDir('snapshot-sweep');
let yorozu: RunningYorozu | undefined;

afterAll(async () => {
  await yorozu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The names of the tables whose definitions the engine keeps on disk under the data directory (some twice, by link). */
const tablesOnDisk = () => [
  ...new Set(
    readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
      .map((file) => file.split('/').pop()!)
      .filter((file) => file.startsWith('snapshot_') && file.endsWith('.sql'))
      .map((file) => file.slice(0, -'.sql'.length)),
  ),
];

describe('snapshot tables left by a crashed run', () => {
  let left: string[] = [];

  it('survive the crash of the process that took them', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/snapshot-crash-child.ts', dataDir], {
      cwd: ROOT,
      env: yorozuProcessEnv(dataDir, {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    let output = '';
    left = await new Promise<string[]>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        const line = chunk
          .toString()
          .split('\n')
          .find((text) => text.startsWith('{"tables"'));
        if (line) resolve((JSON.parse(line) as { tables: string[] }).tables);
      });
      void exited.then(() => reject(new Error(`the child ended before it took its snapshot:\n${output}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(left).toHaveLength(2);
    expect(tablesOnDisk().sort()).toEqual([...left].sort());
  });

  it('are removed by the next start', async () => {
    expect(left).toHaveLength(2);
    yorozu = await startYorozu(testConfig(dataDir), createLogger('silent'));
    const remaining = await queryRows<{ name: string }>(
      yorozu,
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'snapshot_')",
    );
    expect(remaining).toEqual([]);
    expect(tablesOnDisk()).toEqual([]);
  });
});
