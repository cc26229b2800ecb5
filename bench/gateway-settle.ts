import { threadCpuSeconds } from './latency.js';

/**
 * Waits until the gateway process has settled after a load: its threads together below `idleShare` of a core over
 * `quietWindows` windows of `windowMs` in a row (the engine's merges of the parts a full-load run left are what keeps
 * it busy, and they start some seconds after the last insert: one quiet window right after the run proved nothing),
 * or `deadlineMs` has passed. A latency window run right after a full-load run otherwise measures the gateway while it merges that run's
 * parts (at 1e7 events, 22 µs of merges per event during the half-peak window), not the gateway at half load.
 */
export interface Settled {
  /** Seconds waited. */
  seconds: number;
  /** False: the deadline passed first, and the window after it ran on a busy gateway. */
  settled: boolean;
}

export async function waitUntilGatewaySettles(
  pid: number,
  { idleShare = 0.1, windowMs = 2000, quietWindows = 3, deadlineMs = 180_000 } = {},
): Promise<Settled> {
  const started = performance.now();
  const total = () => {
    const cpu = threadCpuSeconds(pid);
    return cpu.main + cpu.merges + cpu.other;
  };
  let quiet = 0;
  for (;;) {
    const before = total();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const share = (total() - before) / (windowMs / 1000);
    const seconds = (performance.now() - started) / 1000;
    quiet = share < idleShare ? quiet + 1 : 0;
    if (quiet >= quietWindows) return { seconds, settled: true };
    if (seconds * 1000 >= deadlineMs) return { seconds, settled: false };
  }
}
