import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitUntilListening, yorozuCli, yorozuProcessEnv } from '../harness/yorozu-process.js';
import { openFileLimit } from './latency.js';

/**
 * The gateway as its own process, started as `npm start` starts it, for the benchmarks that need
 * more than tests/support/yorozu-process.ts gives: the open-file limit raised before Node starts
 * (10,000 sockets need 10,000 descriptors), the output drained without being kept (a long run
 * must not grow the bench's memory), and a stop that waits for the data directory to be free.
 */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BenchGateway {
  child: ChildProcess;
  pid: number;
  url: string;
  /** The gateway's own soft limit on open files, read from /proc after it started. */
  openFileLimit: number;
  stop(): Promise<void>;
}

/** Raises the soft open-file limit as far as the hard limit allows, then execs the command. */
const RAISE_NOFILE = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';

/** A command line that runs `argv` with the open-file soft limit raised as far as allowed. */
export function withRaisedFileLimit(argv: string[]): [string, string[]] {
  return ['bash', ['-c', RAISE_NOFILE, 'bash', ...argv]];
}

export function gatewayEnv(dataDir: string, settings: Record<string, string>): NodeJS.ProcessEnv {
  // INGEST_* of the caller's environment win, as in the ingest part.
  return yorozuProcessEnv(dataDir, {
    ...settings,
    ...(Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('INGEST_'))) as Record<
      string,
      string
    >),
  });
}

export async function startGateway(
  dataDir: string,
  settings: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<BenchGateway> {
  const [command, args] = withRaisedFileLimit([process.execPath, ...nodeArgs, '--import', 'tsx', 'server/main.ts']);
  const child = spawn(command, args, {
    cwd: ROOT,
    env: gatewayEnv(dataDir, settings),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await waitUntilListening(child, exited);
  const pid = child.pid!;
  return {
    child,
    pid,
    url,
    openFileLimit: openFileLimit(pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(forced);
    },
  };
}

/** A participant and its enrollment secret, created with the CLI as an operator would. */
export async function participantWithSecret(
  dataDir: string,
  name: string,
): Promise<{ participantId: string; secret: string }> {
  const { participantId } = (await yorozuCli(dataDir, ['participant', 'add', name])) as { participantId: string };
  const { secret } = (await yorozuCli(dataDir, ['secret', 'create', participantId])) as { secret: string };
  return { participantId, secret };
}
