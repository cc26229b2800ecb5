/**
 * WebSocket connections not read for their own device's limits (device-isolation.ts: its read budget in
 * debt, or its refused messages over their rate; fair-share.ts: its next frame beyond its share of a busy
 * gateway, the frame waiting queued), each for the wait its device owes. While held, what
 * the device sends waits in its own TCP buffers: the gateway spends nothing on it. When the wait is
 * over the read scheduler looks again (and holds it again if it still owes). A hold lasts from the
 * first wait until the socket is read again; each is reported once, so it can be counted and seen.
 */
export type DeviceHoldReason = 'read_budget' | 'refused_messages' | 'fair_share';

export interface DeviceReadWait {
  waitMs: number;
  reason: DeviceHoldReason;
}

export interface DeviceReadHoldEvents<C> {
  held(connection: C, wait: DeviceReadWait): void;
  released(connection: C): void;
}

export class DeviceReadHolds<C> {
  private readonly holds = new Map<C, NodeJS.Timeout | undefined>();

  constructor(private readonly events: DeviceReadHoldEvents<C> | undefined) {}

  /** Connections held now. */
  get count(): number {
    return this.holds.size;
  }

  isHeld(connection: C): boolean {
    return this.holds.has(connection);
  }

  /** Connections still held whose wait is over: the scheduler could not read them then (it was at its bound). */
  due(): C[] {
    return [...this.holds].filter(([, timer]) => timer === undefined).map(([connection]) => connection);
  }

  /**
   * Holds `connection` for `wait` (or looks again sooner, after `lookAgainMs`), then calls `lookAgain`;
   * nothing new while a wait of it is running.
   */
  hold(connection: C, wait: DeviceReadWait, lookAgain: () => void, lookAgainMs = wait.waitMs): void {
    if (this.holds.get(connection) !== undefined) return;
    const fresh = !this.holds.has(connection);
    const timer = setTimeout(() => {
      if (this.holds.has(connection)) this.holds.set(connection, undefined);
      lookAgain();
    }, lookAgainMs);
    timer.unref();
    this.holds.set(connection, timer);
    if (fresh) this.events?.held(connection, wait);
  }

  /** The connection is read again, or gone: its hold ends. */
  end(connection: C): void {
    if (!this.holds.has(connection)) return;
    clearTimeout(this.holds.get(connection));
    this.holds.delete(connection);
    this.events?.released(connection);
  }
}
