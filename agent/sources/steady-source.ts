import type { NewEvent } from '../disk-buffer.js';
import type { EventSource } from './source.js';

/**
 * A synthetic source for trying the agent and testing delivery: `rate` web-access and file events a
 * second, numbered in their message so a test can check each arrived once. Not office-realistic:
 * that is the simulator's job.
 */
export class SteadySource implements EventSource {
  readonly name = 'steady';
  private timer: NodeJS.Timeout | undefined;
  private produced = 0;

  constructor(
    private readonly rate: number,
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {}

  start(emit: (events: NewEvent[]) => void): void {
    const tickMs = 100;
    const perTick = Math.max(1, Math.round((this.rate * tickMs) / 1000));
    this.timer = setInterval(() => {
      const count = Math.min(perTick, this.limit - this.produced);
      if (count <= 0) return this.stop();
      const now = Date.now();
      emit(
        Array.from({ length: count }, (_, i) => {
          const n = this.produced + i;
          return n % 2 === 0
            ? ({
                time: new Date(now).toISOString(),
                category: 'web_access',
                action: 'visit',
                url: `https://intranet.example.jp/page/${n}`,
                message: `steady ${n}`,
              } as NewEvent)
            : ({
                time: new Date(now).toISOString(),
                category: 'file_operation',
                action: 'write',
                path: `C:\\共有\\steady\\${n}.txt`,
                message: `steady ${n}`,
              } as NewEvent);
        }),
      );
      this.produced += count;
    }, tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
