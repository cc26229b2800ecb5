/**
 * Admits batches to the writers in arrival order while storage is behind. Without it every waiting
 * batch would poll, and the lucky ones would be admitted first while others waited until refused.
 * One waiter is admitted per turn of the event loop, so it can queue its rows before the next check.
 */
interface Waiter {
  admit: (admitted: boolean) => void;
  timer: NodeJS.Timeout;
}

export class CapacityGate {
  private readonly waiters: Waiter[] = [];
  private pumping = false;

  constructor(
    private readonly isBehind: () => boolean,
    private readonly pollMs = 10,
  ) {}

  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves true when the caller may write, false when `timeoutMs` passed first. */
  acquire(timeoutMs: number): Promise<boolean> {
    if (this.waiters.length === 0 && !this.isBehind()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        admit: resolve,
        timer: setTimeout(() => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Refuses everyone waiting (shutdown). */
  refuseAll(): void {
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.admit(false);
    }
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    const step = () => {
      if (this.waiters.length === 0) {
        this.pumping = false;
        return;
      }
      if (this.isBehind()) {
        setTimeout(step, this.pollMs);
        return;
      }
      const waiter = this.waiters.shift()!;
      clearTimeout(waiter.timer);
      waiter.admit(true);
      setImmediate(step);
    };
    setImmediate(step);
  }
}
