import { describe, expect, it } from 'vitest';
import type { ConnectionsResults } from '../../bench/connections-bench.js';
import { connectionsRows } from '../../bench/connections-rows.js';
import type { StreamingResults } from '../../bench/connections-streaming.js';
import { gatewayReading, metricValue } from '../../bench/gateway-metrics.js';

const streaming = (agents: number, change: Partial<StreamingResults> = {}): StreamingResults => ({
  agents,
  eventsPerSecondAsked: (agents * 50) / 60,
  batchSize: 50,
  intervalSeconds: 60,
  windowSeconds: 60,
  prepared: { batches: agents * 4, events: agents * 200, bytes: agents * 56_000, slowestProcessSeconds: 50 },
  eventsAckedInWindow: agents * 50,
  eventsPerSecondAcked: (agents * 50) / 60,
  gatewayEventsAcceptedInWindow: agents * 50,
  batches: {
    sent: agents,
    answered: agents,
    unanswered: 0,
    retriesForLoad: 0,
    slowDownsReceived: 0,
    refused: {},
    p50Ms: 40,
    p99Ms: 300,
    maxMs: 900,
  },
  agentsOutOfBatches: 0,
  heartbeats: { sent: agents * 2, answered: agents * 2, lost: 0, p50Ms: 1, p99Ms: 20 },
  heldAtEnd: agents,
  closedUnexpectedly: {},
  gatewayRssMiB: { beforeStreaming: 500, peak: 700, atEnd: 650 },
  gatewayMemoryAtPeak: { rssMiB: 700, heapUsedMiB: 180, heapTotalMiB: 220, externalMiB: 40, unacknowledgedEvents: 50 },
  gatewayMemoryMax: { heapUsedMiB: 190, externalMiB: 45 },
  gatewayFlow: { readingPaused: 0, slowDownsSent: 0, maxUnacknowledgedEvents: 900 },
  gatewayCpuPercentOfOneCore: 60,
  gatewayCpuMicrosPerEvent: 70,
  agentsCpuPercentOfOneCore: 10,
  ...change,
});

const results = (agents: number, stream: StreamingResults | undefined): ConnectionsResults => ({
  requested: agents,
  enrolled: agents,
  enrollSeconds: 100,
  enrollErrors: {},
  connected: agents,
  connectSeconds: 50,
  connectErrors: {},
  gatewayCountsConnected: agents,
  gatewayCountsAtEnd: agents,
  heldAtEnd: agents,
  closedUnexpectedly: {},
  heartbeatSeconds: 30,
  windowSeconds: 60,
  heartbeats: { sent: agents * 2, answered: agents * 2, lost: 0, p50Ms: 0.5, p99Ms: 4, maxMs: 40 },
  gatewayRssMiB: { beforeAgents: 320, peakInWindow: 480, atEnd: 478 },
  gatewayCpuPercentOfOneCoreInWindow: 7,
  clientProcesses: 4,
  clientLoopDelay: { worstP99Ms: 11, worstMaxMs: 38 },
  openFileLimits: {
    bench: 20_000,
    gateway: 20_000,
    clientProcess: 20_000,
    needed: { gateway: 10_200, clientProcess: 2_700 },
  },
  ...(stream ? { streaming: stream } : {}),
});

describe('the connections rows', () => {
  it('keep the idle row and add the streaming row with its RSS, heap, rate and acks', () => {
    const [idle, stream] = connectionsRows(results(10_000, streaming(10_000)));
    expect(idle).toMatchObject({ name: 'connections', verdict: 'pass' });
    expect(stream).toMatchObject({ name: 'connections: streaming', verdict: 'pass' });
    expect(stream!.figure).toBe(
      '10,000 of 10,000 agents held; gateway RSS peak 700 MiB, at end 650 MiB (at its highest /metrics reading: V8 heap used 180 MiB, external 40 MiB); ' +
        '8,333 events/s acked (asked 8,333: a 50-event batch per agent every 60 s); ack p50 40 ms, p99 300 ms (10,000 batches)',
    );
  });

  it('judge the streaming window short when the RSS reaches 1 GiB, a batch goes unanswered, or the rate was not met', () => {
    const verdict = (change: Partial<StreamingResults>) =>
      connectionsRows(results(10_000, streaming(10_000, change)))[1]!.verdict;
    expect(verdict({ gatewayRssMiB: { beforeStreaming: 500, peak: 1024, atEnd: 900 } })).toBe('short');
    expect(verdict({ batches: { ...streaming(10_000).batches, unanswered: 1, p99Ms: Infinity } })).toBe('short');
    expect(verdict({ batches: { ...streaming(10_000).batches, refused: { invalid_message: 1 } } })).toBe('short');
    expect(verdict({ eventsPerSecondAcked: 7_000 })).toBe('short');
    expect(verdict({ heldAtEnd: 9_999 })).toBe('short');
  });

  it('do not judge a smaller run that meets the goal, and leave a run recorded before streaming with its one row', () => {
    const [, stream] = connectionsRows(results(300, streaming(300)));
    expect(stream).toMatchObject({ verdict: 'info' });
    expect(stream!.figure).toMatch(/below 10,000 agents: not judged$/);
    expect(connectionsRows(results(10_000, undefined))).toHaveLength(1);
  });
});

describe("the gateway's /metrics as the bench reads them", () => {
  it('sums a metric over its labels and turns the memory gauges into MiB', () => {
    const text = [
      '# HELP yorozu_events_accepted_total Log events stored and acknowledged, by category',
      'yorozu_events_accepted_total{category="logon"} 40',
      'yorozu_events_accepted_total{category="web_access"} 2',
      'yorozu_process_process_resident_memory_bytes 734003200',
      'yorozu_process_nodejs_heap_size_used_bytes 104857600',
      'yorozu_process_nodejs_heap_size_total_bytes 209715200',
      'yorozu_process_nodejs_external_memory_bytes 31457280',
    ].join('\n');
    expect(metricValue(text, 'yorozu_events_accepted_total')).toBe(42);
    expect(metricValue(text, 'yorozu_reading_paused_total')).toBeNaN();
    expect(gatewayReading(text)).toMatchObject({ rssMiB: 700, heapUsedMiB: 100, heapTotalMiB: 200, externalMiB: 30 });
  });
});
