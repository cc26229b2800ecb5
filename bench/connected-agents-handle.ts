import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT, withRaisedFileLimit } from './gateway-process.js';
import type { FromWorker, ToWorker } from './connected-agents-process.js';

type Progress = Extract<FromWorker, { type: 'progress' }>;
type Reply = Exclude<FromWorker, Progress>;

/**
 * The `connections` part's handle on one agents process (connected-agents-process.ts): it keeps the latest
 * progress report, sends requests, and waits for the reply of a given type. A process that exits while a
 * reply is awaited rejects that wait with its exit code.
 */
export class AgentsProcess {
  progress: Progress = { type: 'progress', connected: 0, failed: 0, open: 0, answered: 0, eventsAcked: 0 };
  private readonly child: ChildProcess;
  private readonly waiting = new Map<Reply['type'], { resolve: (reply: Reply) => void; reject: (e: Error) => void }>();
  private exitCode: number | null | undefined;

  /**
   * @param index the process's number, for messages
   * @param firstAgent the office PC (and IDLE-PC-n host name) of its first agent; its share follows on
   */
  constructor(
    readonly index: number,
    readonly firstAgent: number,
  ) {
    const [command, args] = withRaisedFileLimit([
      process.execPath,
      '--import',
      'tsx',
      'bench/connected-agents-process.ts',
    ]);
    this.child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: FromWorker) => {
      if (message.type === 'progress') {
        this.progress = message;
        return;
      }
      const waiter = this.waiting.get(message.type);
      this.waiting.delete(message.type);
      waiter?.resolve(message);
    });
    this.child.once('exit', (code) => {
      this.exitCode = code;
      for (const waiter of this.waiting.values())
        waiter.reject(new Error(`agents process ${index} exited with ${code}`));
      this.waiting.clear();
    });
  }

  send(message: ToWorker): void {
    if (this.child.connected) this.child.send(message);
  }

  /** Sends `request` (if any) and resolves with the next reply of type `type`. */
  reply<T extends Reply['type']>(type: T, request?: ToWorker): Promise<Extract<Reply, { type: T }>> {
    const answer = new Promise<Extract<Reply, { type: T }>>((resolve, reject) => {
      if (this.exitCode !== undefined)
        return reject(new Error(`agents process ${this.index} exited with ${this.exitCode}`));
      this.waiting.set(type, { resolve: resolve as (reply: Reply) => void, reject });
    });
    if (request) this.send(request);
    return answer;
  }

  /** Asks the process to close its agents and exit; kills it after 10 s. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const force = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    if (this.child.connected) this.child.send({ type: 'close' } satisfies ToWorker);
    else this.child.kill('SIGTERM');
    await exited;
    clearTimeout(force);
  }
}

/** The sum of a figure over every process's latest progress report. */
export function progressSum(processes: readonly AgentsProcess[], pick: (progress: Progress) => number): number {
  return processes.reduce((sum, p) => sum + pick(p.progress), 0);
}
