import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './gateway-process.js';
import type { FromNeighbour, Misbehaviour, ToNeighbour } from './misbehaving-device-process.js';

/**
 * The noisy-neighbour part's side of misbehaving-device-process.ts: starts that process once, then tells it to
 * misbehave and to stop over its IPC channel, one window with the neighbour at a time.
 */
/** The neighbour's process, started and loaded before any window: its start-up is no part of a measurement. */
export async function spawnNeighbour(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/misbehaving-device-process.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await nextFromNeighbour(child, 'ready');
  return child;
}

function nextFromNeighbour<T extends FromNeighbour['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromNeighbour, { type: T }>> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the misbehaving device's process exited with ${code}`));
    const listener = (message: FromNeighbour) => {
      if (message.type !== type) return;
      child.off('message', listener);
      child.off('exit', exited);
      resolve(message as Extract<FromNeighbour, { type: T }>);
    };
    child.on('message', listener);
    child.once('exit', exited);
  });
}

export async function startNeighbour(
  child: ChildProcess,
  kind: Misbehaviour,
  url: string,
  credential: string,
): Promise<void> {
  const started = nextFromNeighbour(child, 'started');
  child.send({ type: 'start', kind, url, credential } satisfies ToNeighbour);
  await started;
}

export async function stopNeighbour(child: ChildProcess): Promise<Extract<FromNeighbour, { type: 'stopped' }>> {
  const report = nextFromNeighbour(child, 'stopped');
  child.send({ type: 'stop' } satisfies ToNeighbour);
  return report;
}
