import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { TEST_OPERATOR } from './api-client.js';

/** Yorozu as a separate OS process (for kill -9 tests), started the way `npm start` starts it. */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

export interface YorozuProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** The environment a Yorozu child process runs with: loopback, a free port, the test operator's password. */
export function yorozuProcessEnv(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    YOROZU_DATA_DIR: dataDir,
    YOROZU_HOST: '127.0.0.1',
    YOROZU_PORT: '0',
    YOROZU_LOG_LEVEL: 'info',
    YOROZU_ADMIN_PASSWORD: TEST_OPERATOR.password,
    YOROZU_JOBS: '0',
    ...extra,
  };
}

export async function startYorozuProcess(
  dataDir: string,
  extra: Record<string, string> = {},
  nodeArgs: string[] = [],
  /** Arguments of `npm start -- …` (e.g. --trial-start=…). */
  serverArgs: string[] = [],
): Promise<YorozuProcess> {
  // node --import tsx keeps it to one process, so SIGKILL hits the process that holds the data.
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts', ...serverArgs], {
    cwd: ROOT,
    env: yorozuProcessEnv(dataDir, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await waitUntilListening(child, exited);
  return { child, url, exited };
}

/** Resolves with the URL Yorozu logs when it listens; keeps at most 64 KiB of its output for the error. */
export function waitUntilListening(child: ChildProcess, exited: Promise<number | null>): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Yorozu did not start in time:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      if (output.length < 64 * 1024) output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*"msg":"Yorozu is listening"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Yorozu exited with ${code} before listening:\n${output}`));
    });
  });
}

export async function yorozuCli(dataDir: string, args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    env: yorozuProcessEnv(dataDir, {}),
  });
  return JSON.parse(stdout);
}

export async function eventsInDataDir(
  dataDir: string,
): Promise<{ visible: [string, number, number][]; rawRows: number }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'harness/events-in-data-dir.ts', dataDir], {
    cwd: ROOT,
    env: yorozuProcessEnv(dataDir, {}),
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}
