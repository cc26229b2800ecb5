/**
 * Each device's share of a busy gateway, relative to what the gateway does now, not to a fixed figure.
 *
 * A fixed per-device read budget (device-isolation.ts) is sized for a real agent on a gateway that keeps up;
 * on a gateway slower than one device's allowance (a loaded machine: the noisy-neighbour bench saw 223
 * events/s in all) a device sending 4 MiB batches stayed under it and still took most of the gateway's time.
 * Here, while other devices are sending events, a device may start its frames at `factor` times the average
 * device's rate: the bytes of event frames the gateway started over the last window, divided by the devices
 * that sent them. It earns bytes at that rate (capped at one window of it while it has nothing waiting, so
 * quiet time is not saved up); a frame bigger than what it has earned waits (its socket stays unread) until
 * it has earned it, as deficit round robin does per turn, but per second of the gateway's measured
 * throughput. A device alone on the gateway, or whose frames fit its share, never waits. The share is never
 * below `floorBytesPerSecond`, so that an agent sending its backlog after a weekend offline, while the rest of
 * its office trickles a few events, is not held to that trickle.
 *
 * Why per second and not per scheduler turn: turns are as frequent as the gateway is idle, so byte-fair
 * turns give a device the gateway's whole spare time, and on a shared machine that spare time is what the
 * other agents' latency rides on. All work here is per frame (and a sweep per window), never per event.
 */
export interface FairShareOptions {
  /** A device may take this many times the average sending device's bytes per second; 0 turns the share off. */
  factor: number;
  /** How long the throughput and the senders are measured over, and how long another device's events count as activity. */
  windowMs: number;
  /**
   * The least share a device has, in bytes per second, however little the others send: an agent catching up
   * after days offline drains its backlog at least this fast. (Not a gate on how busy the gateway is: in the
   * noisy-neighbour bench a gate on the main thread's event-loop utilization let 4 MiB messages through whenever
   * it read below the gate, and the others' ack p99 rose 2.5–7.7×.)
   */
  floorBytesPerSecond?: number;
  now?: () => number;
}

/** What a frame waits for: `waitMs` until the device has earned it at its share (an estimate: the share moves). */
export interface FairShareWait {
  waitMs: number;
}

interface DeviceCredit {
  bytes: number;
  at: number;
  /** A frame of the device is waiting: what it earns is no longer capped. */
  waiting: boolean;
}

export class FairShare {
  private readonly now: () => number;
  private windowStart: number;
  private windowBytes = 0;
  private readonly windowSenders = new Set<string>();
  /** Bytes per second per sending device over the last complete window; undefined before one was measured. */
  private perDevice: number | undefined;
  private readonly credits = new Map<string, DeviceCredit>();
  /** The two devices that sent events last, and when: whether someone other than a given device is sending. */
  private latest: { deviceId: string; at: number } | undefined;
  private previous: { deviceId: string; at: number } | undefined;

  constructor(private readonly options: FairShareOptions) {
    this.now = options.now ?? (() => performance.now());
    this.windowStart = this.now();
  }

  /** The bytes per second a device may take now while others send; undefined while no share applies. */
  shareBytesPerSecond(): number | undefined {
    const now = this.now();
    this.rollWindow(now);
    const perDevice = this.perDevice ?? this.partialWindowPerDevice(now);
    if (this.options.factor <= 0 || perDevice === undefined) return undefined;
    return Math.max(this.options.factor * perDevice, this.options.floorBytesPerSecond ?? 0);
  }

  /** After an idle window, the share is taken from the window under way once it has lasted a second. */
  private partialWindowPerDevice(now: number): number | undefined {
    const elapsed = now - this.windowStart;
    if (this.windowSenders.size === 0 || elapsed < Math.min(1000, this.options.windowMs)) return undefined;
    return (this.windowBytes / this.windowSenders.size / elapsed) * 1000;
  }

  /** A frame of `bytes` held `events` events once parsed: the gateway's throughput and its senders. */
  eventsFrom(deviceId: string, bytes: number, events: number): void {
    if (events <= 0) return;
    const now = this.now();
    this.rollWindow(now);
    this.windowBytes += bytes;
    this.windowSenders.add(deviceId);
    if (this.latest?.deviceId !== deviceId) this.previous = this.latest;
    this.latest = { deviceId, at: now };
  }

  /**
   * Whether the device's next frame of `bytes` may start now: undefined (and its bytes charged) when it may,
   * or how long until it has earned them. Only while another device sent events within the window.
   */
  mayStart(deviceId: string, bytes: number): FairShareWait | undefined {
    const now = this.now();
    const share = this.shareBytesPerSecond();
    if (share === undefined || share <= 0 || !this.othersSending(deviceId, now)) {
      this.credits.delete(deviceId);
      return undefined;
    }
    // One window of the share: a device sending one batch now and then, as real agents do at a low rate, is
    // measured over the window too, and its batch must fit even when the share per second is smaller.
    const cap = (share * this.options.windowMs) / 1000;
    const credit = this.credits.get(deviceId) ?? { bytes: cap, at: now, waiting: false };
    credit.bytes += (share * (now - credit.at)) / 1000;
    if (!credit.waiting) credit.bytes = Math.min(credit.bytes, cap);
    credit.at = now;
    if (credit.bytes >= bytes) {
      credit.bytes -= bytes;
      credit.waiting = false;
      this.credits.set(deviceId, credit);
      return undefined;
    }
    credit.waiting = true;
    this.credits.set(deviceId, credit);
    return { waitMs: Math.max(1, Math.ceil(((bytes - credit.bytes) / share) * 1000)) };
  }

  private othersSending(deviceId: string, now: number): boolean {
    const other = this.latest?.deviceId === deviceId ? this.previous : this.latest;
    return other !== undefined && now - other.at <= this.options.windowMs;
  }

  private rollWindow(now: number): void {
    const elapsed = now - this.windowStart;
    if (elapsed < this.options.windowMs) return;
    // A window with no events (an idle gateway) leaves no share: nobody is held.
    this.perDevice =
      this.windowSenders.size > 0 ? (this.windowBytes / this.windowSenders.size / elapsed) * 1000 : undefined;
    this.windowBytes = 0;
    this.windowSenders.clear();
    this.windowStart = now;
    // Devices with nothing waiting and quiet for a window would start from a full window anyway: forget them.
    for (const [deviceId, credit] of this.credits)
      if (!credit.waiting && now - credit.at > this.options.windowMs) this.credits.delete(deviceId);
  }
}
