import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS_PAGE, renderResults, withResults } from '../../bench/docs-table.js';
import type { NoisyNeighbourResults } from '../../bench/noisy-neighbour-bench.js';
import { comparePairs, compareWindows } from '../../bench/noisy-neighbour-figures.js';
import { MISBEHAVIOURS, noisyNeighbourRows } from '../../bench/noisy-neighbour-rows.js';
import { readResults, type PartResults } from '../../bench/report.js';

describe('the benchmark figures in the docs', () => {
  it('are the table generated from bench/results/latest.json (run `npm run bench:docs` after a bench run)', () => {
    const page = readFileSync(DOCS_PAGE, 'utf8');
    expect(page).toBe(withResults(page, readResults()));
  });
});

describe('the noisy-neighbour rows in the docs table', () => {
  const latency = (p99Ms: number) => ({ acks: 250, p50Ms: p99Ms / 4, p99Ms });
  const window = (p99Ms: number) => ({ ...latency(p99Ms), events: 25_000, seconds: 5, eventsPerSecond: 5_000 });
  const pair = (aloneP99: number, withP99: number, sent: number) => ({
    ...compareWindows(window(aloneP99), window(withP99)),
    alone: window(aloneP99),
    withNeighbour: window(withP99),
    neighbour: { sent, sentBytes: sent * 1000, replies: {}, reconnects: 0 },
    refusals: { 'yorozu_messages_refused_total{transport="websocket",code="rate_limited"}': sent },
  });
  const part = (rows: PartResults['rows'], details: unknown): PartResults => ({
    date: '2026-12-06T12:00:00.000Z',
    size: '3 interleaved pairs of windows per misbehaviour',
    machine: { cpus: 2, cpuModel: 'test CPU', memoryGiB: 4, node: 'v20', engine: 'ClickHouse (chDB, embedded)' },
    rows,
    details,
  });

  it("show each misbehaviour's median ratio over its pairs, with the pairs' spread and the windows' median p99", () => {
    const pairs = [pair(400, 800, 5), pair(500, 450, 7), pair(600, 660, 9)];
    const results: NoisyNeighbourResults = {
      agents: 200,
      batchSize: 100,
      windowEvents: 25_000,
      pairs: 3,
      eventsPerSecond: 5_000,
      deviceEventsPerSecond: 2_000,
      runs: MISBEHAVIOURS.map(({ kind }) => ({
        misbehaviour: kind,
        ...comparePairs(pairs),
        neighbourSent: 21,
        refusals: { 'yorozu_messages_refused_total{transport="websocket",code="rate_limited"}': 21 },
        pairs,
      })),
    };
    const table = renderResults({ 'noisy-neighbour': part(noisyNeighbourRows(results), results) });
    const row = table.split('\n').find((line) => line.includes('4 MiB messages'))!;
    expect(row).toContain("others' ack p99 500 ms alone → 660 ms with it (p50 125 → 165 ms), medians of 3 pairs");
    expect(row).toContain('pair ratios 0.90–2.00; 21 sent; refused: messages_refused');
    expect(row).toMatch(/\| 1\.10 +\| others' p99 moves < 20 % \(median of the pairs' ratios\) +\| pass +\|/);
  });

  it('still render a run stored before the pairs (one window of each kind, its ratio a number in details)', () => {
    const row = {
      name: 'noisy-neighbour: 4 MiB messages back to back',
      figure: "others' ack p99 240 ms alone → 494 ms with it (p50 109 → 109 ms); 7 sent",
      ratio: '2.06',
      goal: "others' p99 moves < 20 %",
      verdict: 'short' as const,
    };
    const details = { runs: [{ misbehaviour: 'large-messages', ratio: 2.06, alone: latency(240) }] };
    expect(renderResults({ 'noisy-neighbour': part([row], details) })).toContain(
      "| noisy-neighbour: 4 MiB messages back to back | others' ack p99 240 ms alone → 494 ms with it (p50 109 → 109 ms); 7 sent | 2.06  |",
    );
  });
});
