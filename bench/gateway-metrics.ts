import { counterSamples } from './noisy-neighbour-figures.js';

/**
 * What the gateway says of itself on /metrics (ingest/metrics.ts), read by the `connections` part: its memory as
 * prom-client's default metrics give it (resident set, V8 heap, external memory: what splits the RSS), and the
 * counters of its ingest and flow control.
 */
export interface GatewayMemory {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  /** Memory of C++ objects bound to JS objects, ArrayBuffers and Buffers included (process.memoryUsage().external). */
  externalMiB: number;
  /** Events read from agents and not yet answered (yorozu_unacknowledged_events). */
  unacknowledgedEvents: number;
}

export interface GatewayReading extends GatewayMemory {
  eventsAccepted: number;
  readingPaused: number;
  slowDownsSent: number;
}

/** The sum of a metric's samples over all its labels; NaN when the text has none. */
export function metricValue(text: string, name: string): number {
  const samples = [...counterSamples(text, [name]).values()];
  return samples.length === 0 ? NaN : samples.reduce((sum, value) => sum + value, 0);
}

const MIB = 2 ** 20;

export function gatewayReading(text: string): GatewayReading {
  const value = (name: string) => metricValue(text, name);
  return {
    rssMiB: value('yorozu_process_process_resident_memory_bytes') / MIB,
    heapUsedMiB: value('yorozu_process_nodejs_heap_size_used_bytes') / MIB,
    heapTotalMiB: value('yorozu_process_nodejs_heap_size_total_bytes') / MIB,
    externalMiB: value('yorozu_process_nodejs_external_memory_bytes') / MIB,
    unacknowledgedEvents: value('yorozu_unacknowledged_events'),
    eventsAccepted: value('yorozu_events_accepted_total'),
    readingPaused: value('yorozu_reading_paused_total'),
    slowDownsSent: value('yorozu_slow_down_sent_total'),
  };
}

export async function readGatewayMetrics(url: string): Promise<GatewayReading> {
  const response = await fetch(new URL('/metrics', url), { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return gatewayReading(await response.text());
}

/** Reads the gateway's /metrics every `everyMs` (skipping a turn while a read is still running) until stopped. */
export function sampleGatewayMemory(url: string, everyMs = 1000): { stop(): GatewayMemory[] } {
  const readings: GatewayMemory[] = [];
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    readGatewayMetrics(url)
      .then((reading) => readings.push(reading))
      .catch(() => undefined) // a missed reading under load is only a gap
      .finally(() => (busy = false));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return readings;
    },
  };
}
