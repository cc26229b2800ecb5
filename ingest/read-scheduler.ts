import { DeviceReadHolds, type DeviceReadHoldEvents, type DeviceReadWait } from './device-read-holds.js';
import type { FairShare } from './fair-share.js';
import { AckRate, FrameSize, inFlightWindow, slowDownMs } from './flow-window.js';

/**
 * Fair reading for the WebSocket gateway, and one bound for all of it.
 *
 * A socket's data can hold many frames, and ws emits them all at once: without turns, the first
 * agents read at a peak had every frame parsed before anyone else's, and the last waited seconds
 * for their acks. Here each frame received is queued on its connection (whose socket is paused
 * meanwhile); each turn of the event loop starts at most one frame per connection, in the order the
 * connections became ready. The events read and not yet answered, over the whole gateway, are
 * bounded: at the bound (or while the writers are behind) no frame is started, every socket stays
 * paused, agents are told to slow down, and reading resumes in the same order once below it. A
 * frame already read is never refused for time: it waits its turn.
 *
 * Each connection may have `inFlightWindow()` frames started and unanswered (flow-window.ts: the
 * bound shared by the agents connected, Little's law), the figure `welcome` advertises. Only the
 * connections whose frames wait at the bound are told to slow down, for the time the gateway needs
 * to come down to half its bound, so it still has work when they send again.
 *
 * Until a frame is parsed its events are not known: it counts as `ceil(bytes / MIN_EVENT_BYTES)`,
 * more than it can hold, but never more than a batch may hold (`maxEventsPerFrame`, beyond which it is refused
 * whole), and is corrected once parsed. Without that cap one device's 4 MiB frames counted as 65,536 events each
 * and put the whole gateway at its bound (every socket paused) until they were parsed: the noisy-neighbour bench.
 *
 * One device's own limits are kept before its socket is read again, not by reading and refusing: a
 * connection is not read while its frames being handled hold `maxBytesInFlightPerConnection` bytes (and
 * a frame read is not started while the others would take it beyond), nor while its device owes time
 * (`deviceReadWait`: its byte budget in debt, its refusals over their rate), held by device-read-holds.ts.
 *
 * While other devices send events, a frame is started only once its device has earned its bytes at its share
 * of the gateway's measured throughput (fair-share.ts); until then it waits queued, its socket unread, and the
 * device is told once why (a hold of reason `fair_share`). The frame is never refused: it starts when earned,
 * or at once when the others stop sending.
 */
export const MIN_EVENT_BYTES = 64;

/** A frame waiting for its device's share is looked at again this often: the share moves with the gateway's load. */
export const FAIR_SHARE_LOOK_AGAIN_MS = 1000;

export interface QueuedFrame {
  data: Buffer;
  binary: boolean;
}

export interface ScheduledConnection {
  /** The device the connection is of: shares are per device, whichever connection it uses. */
  readonly deviceId: string;
  frames: QueuedFrame[];
  inFlight: number;
  /** Bytes of the frames started and not yet answered. */
  bytesInFlight: number;
  ready: boolean;
  readingPaused: boolean;
  open(): boolean;
  pauseReading(): void;
  resumeReading(): void;
  tellToSlowDown(retryAfterMs: number): void;
  /** How long the device's own limits keep this connection unread; undefined when it may be read now. */
  deviceReadWait(): DeviceReadWait | undefined;
}

export interface ReadSchedulerOptions<C extends ScheduledConnection> {
  maxUnacknowledgedEvents: number;
  /** The most frames one connection may have in flight, however few agents are connected. */
  maxInFlightPerConnection: number;
  /** Events per batch expected before any is seen (the agents' configured batch size). */
  expectedEventsPerFrame: number;
  /** The most events a frame can bring (the batch limit): what an unparsed frame holds at most. */
  maxEventsPerFrame: number;
  /** Bytes of one connection's frames handled at once; one frame always passes alone. */
  maxBytesInFlightPerConnection: number;
  connectionCount: () => number;
  writersBehind: () => boolean;
  /** Starts handling one frame; calls `settle` with the events it held once it is answered. */
  start: (connection: C, frame: QueuedFrame, hold: Hold) => void;
  /** Every open connection: all are paused at the bound and resumed, in this order, below it. */
  connections: () => Iterable<C>;
  onPause?: () => void;
  onHeldChange?: (held: number) => void;
  /** A connection was held for its device's limits, and read again. */
  deviceHolds?: DeviceReadHoldEvents<C>;
  /** Each device's share of the gateway while others send (fair-share.ts); none: frames start as they come. */
  fairShare?: FairShare;
  /** How soon a frame waiting for its share is looked at again (FAIR_SHARE_LOOK_AGAIN_MS). */
  fairShareLookAgainMs?: number;
}

/** What one frame holds of the bound, corrected once its events are known. */
export interface Hold {
  events(count: number): void;
  release(): void;
}

export class ReadScheduler<C extends ScheduledConnection> {
  private readonly ready: C[] = [];
  private held = 0;
  private scheduled = false;
  private paused = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private pausedAtBound: C[] = [];
  private readonly ackRate = new AckRate();
  private readonly frameSize: FrameSize;
  private readonly deviceHolds: DeviceReadHolds<C>;

  constructor(private readonly options: ReadSchedulerOptions<C>) {
    this.frameSize = new FrameSize(options.expectedEventsPerFrame);
    this.deviceHolds = new DeviceReadHolds(options.deviceHolds);
  }

  /** Connections not read now for their own device's limits. */
  get heldForDeviceLimits(): number {
    return this.deviceHolds.count;
  }

  /** Frames one connection may have in flight now: the bound shared by the connected agents (flow-window.ts). */
  inFlightWindow(): number {
    return inFlightWindow({
      maxUnacknowledgedEvents: this.options.maxUnacknowledgedEvents,
      maxInFlightBatches: this.options.maxInFlightPerConnection,
      connections: this.options.connectionCount(),
      eventsPerBatch: this.frameSize.eventsPerFrame,
    });
  }

  get unacknowledgedEvents(): number {
    return this.held;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Something outside may have put the gateway at its bound (the writers fell behind): pause now if so. */
  checkBound(): void {
    if (!this.paused && this.atBound()) this.pause();
  }

  /** A frame arrived on `connection`: queue it and stop reading that socket until it is started. */
  received(connection: C, frame: QueuedFrame): void {
    connection.frames.push(frame);
    this.pauseSocket(connection);
    this.markReady(connection);
  }

  /** The connection's frame was answered: it may be read again, and the bound may have cleared. */
  answered(connection: C): void {
    this.markReady(connection);
    this.maybeResumeSocket(connection);
  }

  private markReady(connection: C): void {
    if (connection.ready || connection.frames.length === 0) return;
    connection.ready = true;
    this.ready.push(connection);
    this.schedule();
  }

  private atBound(): boolean {
    return this.held >= this.options.maxUnacknowledgedEvents || this.options.writersBehind();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.turn();
    });
  }

  /** One frame per ready connection, in order, while under the bound. */
  private turn(): void {
    const round = this.ready.splice(0);
    const window = this.inFlightWindow();
    for (let i = 0; i < round.length; i += 1) {
      const connection = round[i]!;
      connection.ready = false;
      if (!connection.open()) {
        connection.frames.length = 0;
        continue;
      }
      if (this.atBound()) {
        // The rest keep their places, ahead of anyone who becomes ready later.
        for (const waiting of round.slice(i)) waiting.ready = true;
        this.ready.unshift(...round.slice(i));
        this.pause();
        return;
      }
      // answered() brings it back
      if (connection.inFlight >= window || !this.fitsInFlight(connection, connection.frames[0]!)) continue;
      // a timer brings it back (device-read-holds.ts)
      if (!this.withinFairShare(connection, connection.frames[0]!)) continue;
      const frame = connection.frames.shift()!;
      this.startFrame(connection, frame);
      if (connection.frames.length > 0) this.markReady(connection);
      else this.maybeResumeSocket(connection);
    }
    if (this.paused && !this.atBound()) this.resume();
  }

  private fitsInFlight(connection: C, frame: QueuedFrame): boolean {
    return (
      connection.bytesInFlight === 0 ||
      connection.bytesInFlight + frame.data.length <= this.options.maxBytesInFlightPerConnection
    );
  }

  /** Whether the frame's device has earned it; if not, the connection is held and looked at again shortly. */
  private withinFairShare(connection: C, frame: QueuedFrame): boolean {
    const wait = this.options.fairShare?.mayStart(connection.deviceId, frame.data.length);
    if (!wait) {
      this.deviceHolds.end(connection);
      return true;
    }
    this.deviceHolds.hold(
      connection,
      // The wait told is an estimate (the share moves with the load): never more than a minute.
      { waitMs: Math.min(wait.waitMs, 60_000), reason: 'fair_share' },
      () => this.markReady(connection),
      Math.min(wait.waitMs, this.options.fairShareLookAgainMs ?? FAIR_SHARE_LOOK_AGAIN_MS),
    );
    return false;
  }

  private startFrame(connection: C, frame: QueuedFrame): void {
    const bytes = frame.data.length;
    let holding = Math.min(Math.ceil(frame.data.length / MIN_EVENT_BYTES), this.options.maxEventsPerFrame);
    let released = false;
    this.adjust(holding);
    connection.inFlight += 1;
    connection.bytesInFlight += bytes;
    this.options.start(connection, frame, {
      events: (count) => {
        if (released) return;
        this.options.fairShare?.eventsFrom(connection.deviceId, bytes, count);
        this.frameSize.observe(count);
        this.adjust(count - holding);
        holding = count;
      },
      release: () => {
        if (released) return;
        released = true;
        connection.inFlight -= 1;
        connection.bytesInFlight -= bytes;
        this.ackRate.add(holding);
        this.adjust(-holding);
        if (this.paused && !this.atBound()) this.resume();
        else this.checkBound();
        this.answered(connection);
      },
    });
  }

  private adjust(delta: number): void {
    this.held += delta;
    this.options.onHeldChange?.(this.held);
  }

  private pause(): void {
    if (!this.paused) {
      this.paused = true;
      this.options.onPause?.();
      for (const connection of this.options.connections()) {
        if (!connection.readingPaused) {
          this.pauseSocket(connection);
          this.pausedAtBound.push(connection);
        }
      }
    }
    this.tellWaitingToSlowDown();
    // Writers catch up without any frame being answered: look again shortly.
    if (!this.pollTimer) {
      this.pollTimer = setTimeout(() => {
        this.pollTimer = undefined;
        if (this.paused && !this.atBound()) this.resume();
        else if (this.paused) this.pause();
      }, 20);
      this.pollTimer.unref();
    }
  }

  /**
   * Only the agents whose frames wait at the bound are told: the others' batches are being handled and
   * they may send the next as usual once answered. Each is told once until its socket is read again.
   */
  private tellWaitingToSlowDown(): void {
    if (this.ready.length === 0) return;
    const wait = slowDownMs(this.held, this.options.maxUnacknowledgedEvents, this.ackRate.eventsPerSecond);
    for (const connection of this.ready) if (connection.frames.length > 0) connection.tellToSlowDown(wait);
  }

  private resume(): void {
    this.paused = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    for (const connection of this.pausedAtBound.splice(0)) this.maybeResumeSocket(connection);
    for (const connection of this.deviceHolds.due()) this.maybeResumeSocket(connection);
    this.schedule();
  }

  private pauseSocket(connection: C): void {
    if (!connection.readingPaused) {
      connection.readingPaused = true;
      connection.pauseReading();
    }
  }

  private maybeResumeSocket(connection: C): void {
    if (!connection.open()) {
      this.deviceHolds.end(connection);
      return;
    }
    const mayRead =
      connection.frames.length === 0 &&
      connection.inFlight < this.inFlightWindow() &&
      connection.bytesInFlight < this.options.maxBytesInFlightPerConnection &&
      !this.paused;
    if (!mayRead || !connection.readingPaused) return;
    // Asked only when the socket would be read now: the device's limits are per read, not per frame.
    const wait = connection.deviceReadWait();
    if (wait) {
      this.deviceHolds.hold(connection, wait, () => this.maybeResumeSocket(connection));
      return;
    }
    this.deviceHolds.end(connection);
    connection.readingPaused = false;
    connection.resumeReading();
  }
}
