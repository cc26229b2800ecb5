import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient } from '../../harness/api-client.js';
import { until } from '../support/until.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * kill -9 of the agent process while it sends: everything that reached its disk buffer before the
 * kill is delivered after it restarts, exactly once.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let secret: string;
const stateDirectory = mkdtempSync(path.join(tmpdir(), 'yorozu-agent-crash-'));

beforeAll(async () => {
  yorozu = await startTestYorozu('agent-crash');
  ({ secret } = await participantWithSecret(yorozu, '株式会社クラッシュ検証'));
});
afterAll(async () => {
  await yorozu?.cleanup();
  rmSync(stateDirectory, { recursive: true, force: true });
});

function runAgent(args: string[]) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'agent/cli.ts',
      '--server',
      yorozu.url,
      '--state-dir',
      stateDirectory,
      '--no-inventory',
      '--reconnect-max-ms',
      '500',
      ...args,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, log: () => log };
}

/** The highest seq the agent wrote to its disk buffer: in a segment file, or already acknowledged. */
function highestBufferedSeq(): number {
  const directory = path.join(stateDirectory, 'buffer');
  let highest = JSON.parse(readFileSync(path.join(directory, 'cursor.json'), 'utf8')).ackedThrough as number;
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.seg'))) {
    for (const line of readFileSync(path.join(directory, file), 'utf8').split('\n')) {
      try {
        highest = Math.max(highest, (JSON.parse(line) as { seq: number }).seq);
      } catch {
        // a write torn by the kill: never acknowledged, and cut off at restart
      }
    }
  }
  return highest;
}

async function stored(deviceId: string) {
  const [row] = await queryRows<{ n: string; distinct: string; low: string; high: string }>(
    yorozu,
    'SELECT count() AS n, uniqExact(seq) AS distinct, min(seq) AS low, max(seq) AS high FROM events FINAL WHERE device_id = {d:UUID}',
    { d: deviceId },
  );
  return { n: Number(row!.n), distinct: Number(row!.distinct), low: Number(row!.low), high: Number(row!.high) };
}

describe('kill -9 of the agent mid-send', () => {
  it('loses nothing already written to its buffer', async () => {
    const first = runAgent(['--secret', secret, '--source', 'steady', '--steady-rate', '1000']);
    const credentialFile = path.join(stateDirectory, 'credential.json');
    const deviceId = await until('the agent to enroll', () => {
      try {
        return JSON.parse(readFileSync(credentialFile, 'utf8')).deviceId as string;
      } catch {
        return undefined; // not written yet
      }
    });
    await until('1000 events stored', async () => (await stored(deviceId)).n >= 1000);
    // Pause-and-buffer, as in a maintenance window: events now pile up in the disk buffer only.
    const operator = await operatorClient(yorozu.url);
    const pause = await operator.call('POST', `/api/v1/admin/devices/${deviceId}/commands`, {
      kind: 'pause',
      reason: 'maintenance',
    });
    expect(pause.status).toBe(202);
    await until('the agent to pause', () => first.log().includes('paused by the server'));
    await until(
      'events buffered beyond what was stored',
      async () => highestBufferedSeq() > (await stored(deviceId)).n + 500,
    );
    first.child.kill('SIGKILL');
    await first.exited;

    const written = highestBufferedSeq();
    const before = await stored(deviceId);
    expect(written).toBeGreaterThan(before.n); // some of what was buffered had not been delivered yet

    const second = runAgent(['--source', 'none']);
    let delivered = before.n;
    await until(
      () => `all ${written} buffered events stored (stored: ${delivered})`,
      async () => (delivered = (await stored(deviceId)).n) >= written,
      { timeoutMs: 60_000 },
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.log()).toContain('resuming from the disk buffer');
    expect(await stored(deviceId)).toEqual({ n: written, distinct: written, low: 1, high: written });
  });
});
