import { describe, expect, it } from 'vitest';
import {
  comparePairs,
  compareWindows,
  counterGrowth,
  counterSamples,
  counterTotals,
  spreadOf,
} from '../../bench/noisy-neighbour-figures.js';

const window = (p99Ms: number, acks = 100) => ({ acks, p50Ms: p99Ms / 2, p99Ms });

describe('the noisy-neighbour verdict', () => {
  it("passes when the others' p99 moved less than 20 %, and is short from 20 % on", () => {
    expect(compareWindows(window(500), window(590))).toMatchObject({ ratio: 1.18, verdict: 'pass' });
    expect(compareWindows(window(500), window(600))).toMatchObject({ ratio: 1.2, verdict: 'short' });
    expect(compareWindows(window(500), window(2400)).verdict).toBe('short');
  });

  it('passes a window that was faster with the neighbour (the goal is about slowing the others down)', () => {
    expect(compareWindows(window(500), window(300))).toMatchObject({ ratio: 0.6, verdict: 'pass' });
  });

  it('is short when a window has no acknowledgement to judge', () => {
    expect(compareWindows(window(500), { acks: 0, p50Ms: NaN, p99Ms: NaN }).verdict).toBe('short');
    expect(compareWindows({ acks: 0, p50Ms: NaN, p99Ms: NaN }, window(500)).verdict).toBe('short');
  });
});

describe('the median, min and max of some figures', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(spreadOf([2.4, 0.7, 1.1])).toEqual({ median: 1.1, min: 0.7, max: 2.4 });
  });

  it('takes the mean of the middle two of an even count', () => {
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(spreadOf([0.5])).toEqual({ median: 0.5, min: 0.5, max: 0.5 });
  });

  it('has nothing to give for no figures', () => {
    expect(spreadOf([])).toEqual({ median: NaN, min: NaN, max: NaN });
  });
});

describe('the noisy-neighbour verdict over interleaved pairs of windows', () => {
  const pair = (aloneP99: number, withP99: number) => ({ alone: window(aloneP99), withNeighbour: window(withP99) });

  it("is judged on the median of the pairs' ratios, with their min and max and the windows' median p99", () => {
    // Ratios 2.0, 0.8 and 1.1: one slow pair does not fail the goal, one fast pair does not pass it.
    const compared = comparePairs([pair(250, 500), pair(500, 400), pair(800, 880)]);
    expect(compared.ratio).toBeCloseTo(1.1, 10);
    expect(compared).toMatchObject({
      ratioMin: 0.8,
      ratioMax: 2,
      aloneP99Ms: 500,
      withNeighbourP99Ms: 500,
      aloneP50Ms: 250,
      withNeighbourP50Ms: 250,
      unjudgedPairs: 0,
      verdict: 'pass',
    });
  });

  it('is short when the median ratio is 1.2 or more, however good one pair was', () => {
    const compared = comparePairs([pair(500, 300), pair(500, 600), pair(500, 1000)]);
    expect(compared).toMatchObject({ ratio: 1.2, ratioMin: 0.6, ratioMax: 2, verdict: 'short' });
  });

  it('takes the mean of the middle two ratios for an even number of pairs', () => {
    const compared = comparePairs([pair(500, 550), pair(500, 650)]);
    expect(compared.ratio).toBeCloseTo(1.2, 10);
    expect(compared).toMatchObject({ aloneP99Ms: 500, withNeighbourP99Ms: 600, verdict: 'short' });
    expect(comparePairs([pair(500, 500), pair(500, 590)]).verdict).toBe('pass');
  });

  it('is short when any pair had a window with no acknowledgement, and leaves that pair out of the figures', () => {
    const compared = comparePairs([
      pair(500, 500),
      { alone: window(500), withNeighbour: { acks: 0, p50Ms: NaN, p99Ms: NaN } },
      pair(500, 550),
    ]);
    expect(compared).toMatchObject({ ratioMin: 1, ratioMax: 1.1, unjudgedPairs: 1, verdict: 'short' });
    expect(compared.ratio).toBeCloseTo(1.05, 10);
    expect(compared.withNeighbourP99Ms).toBe(525);
  });

  it('is short with no pair at all', () => {
    expect(comparePairs([]).verdict).toBe('short');
  });
});

describe("the gateway's refusal counters", () => {
  const exposition = (
    flood: number,
    credential: number,
  ) => `# HELP yorozu_device_refusals_total What one device was refused
# TYPE yorozu_device_refusals_total counter
yorozu_device_refusals_total{reason="refused_messages_flood"} ${flood}
yorozu_device_refusals_total{reason="diagnostics_rate"} 3
yorozu_credential_checks_total{source="unknown_cache"} ${credential}
yorozu_events_accepted_total{category="web_access"} 12345
`;

  it('are read by name and labels, other metrics left out', () => {
    const samples = counterSamples(exposition(7, 1), [
      'yorozu_device_refusals_total',
      'yorozu_credential_checks_total',
    ]);
    expect(Object.fromEntries(samples)).toEqual({
      'yorozu_device_refusals_total{reason="refused_messages_flood"}': 7,
      'yorozu_device_refusals_total{reason="diagnostics_rate"}': 3,
      'yorozu_credential_checks_total{source="unknown_cache"}': 1,
    });
  });

  it('give what grew between two readings, a counter first seen in the second reading counted from 0', () => {
    const names = ['yorozu_device_refusals_total', 'yorozu_credential_checks_total'];
    const before = counterSamples(exposition(7, 1).replace(/.*unknown_cache.*\n/, ''), names);
    const after = counterSamples(exposition(19, 4), names);
    expect(counterGrowth(before, after)).toEqual({
      'yorozu_device_refusals_total{reason="refused_messages_flood"}': 12,
      'yorozu_credential_checks_total{source="unknown_cache"}': 4,
    });
  });

  it('add up over several windows, counter by counter', () => {
    expect(
      counterTotals([
        { 'yorozu_device_refusals_total{reason="diagnostics_rate"}': 3 },
        {},
        {
          'yorozu_device_refusals_total{reason="diagnostics_rate"}': 4,
          'yorozu_messages_refused_total{code="rate_limited"}': 2,
        },
      ]),
    ).toEqual({
      'yorozu_device_refusals_total{reason="diagnostics_rate"}': 7,
      'yorozu_messages_refused_total{code="rate_limited"}': 2,
    });
  });
});
