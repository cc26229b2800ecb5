import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a row that arrived by the live tail stays highlighted. */
const FRESH_MS = 4000;

/** The rows that arrived by the live tail a moment ago (highlighted in the table), each for a few seconds. */
export class FreshRowsController implements ReactiveController {
  keys: ReadonlySet<string> = new Set();
  private timers = new Set<number>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    for (const timer of this.timers) window.clearTimeout(timer);
    this.timers.clear();
  }

  mark(keys: readonly string[]): void {
    this.keys = new Set([...this.keys, ...keys]);
    this.host.requestUpdate();
    const timer = window.setTimeout(() => {
      this.timers.delete(timer);
      const still = new Set(this.keys);
      for (const key of keys) still.delete(key);
      this.keys = still;
      this.host.requestUpdate();
    }, FRESH_MS);
    this.timers.add(timer);
  }
}
