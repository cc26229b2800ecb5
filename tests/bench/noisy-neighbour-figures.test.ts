import { describe, expect, it } from 'vitest';
import { compareWindows, counterGrowth, counterSamples } from '../../bench/noisy-neighbour-figures.js';

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
});
