import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/**
 * How busy the gateway's main thread is: the share of the last sample period (about a second) its event loop
 * spent working rather than waiting for I/O (Node's event-loop utilization). The fair share (fair-share.ts)
 * applies only while the gateway is busy, so that on a gateway with time to spare an agent catching up after
 * a weekend offline sends at its own limits, however little the others are sending.
 *
 * Sampled when asked, at most once per period: a read between samples answers the last one.
 */
export class EventLoopLoad {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private lastAt: number;
  private utilization = 0;

  constructor(
    private readonly sampleMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastAt = now();
  }

  /** 0 (idle) to 1 (never waiting), over the last complete sample period. */
  current(): number {
    const now = this.now();
    if (now - this.lastAt >= this.sampleMs) {
      const sample = performance.eventLoopUtilization();
      this.utilization = performance.eventLoopUtilization(sample, this.last).utilization;
      this.last = sample;
      this.lastAt = now;
    }
    return this.utilization;
  }
}
