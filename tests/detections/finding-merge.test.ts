import { describe, expect, it } from 'vitest';
import { grownFinding, replacedFinding, type StoredFinding } from '../../detections/finding-merge.js';

/** How a run's finding updates the stored one: a full run replaces it, an incremental run grows it by new keys only. */
const stored: StoredFinding = {
  finding_id: 'f',
  detected_at: '2026-12-01 00:00:00.000',
  first_seen: '2026-11-30 10:00:00.000',
  last_seen: '2026-11-30 12:00:00.000',
  event_count: '3',
  event_keys: ['1', '2', '3'],
};
const found = (keys: string[], first: string, last: string, count = keys.length) => ({
  first_seen: first,
  last_seen: last,
  event_count: count,
  event_keys: keys,
  detected_at: '2026-12-02 00:00:00.000',
});

describe('a full run', () => {
  it('writes a new finding as found, and an unchanged one not at all', () => {
    expect(replacedFinding(undefined, found(['1'], 'a', 'b'))).toEqual(found(['1'], 'a', 'b'));
    expect(replacedFinding(stored, found(['1', '2', '3'], 'x', stored.last_seen))).toBeUndefined();
  });
  it('replaces the count and keeps when it was first detected', () => {
    const written = replacedFinding(stored, found(['2', '3'], '2026-11-30 11:00:00.000', '2026-11-30 12:00:00.000'));
    expect(written).toMatchObject({ event_count: 2, event_keys: ['2', '3'], detected_at: stored.detected_at });
  });
});

describe('an incremental run', () => {
  it('adds the new events to the stored finding, widening first and last seen', () => {
    const written = grownFinding(stored, found(['4', '5'], '2026-11-27 09:00:00.000', '2026-12-01 08:00:00.000'), 10);
    expect(written).toMatchObject({
      event_count: 5,
      event_keys: ['1', '2', '3', '4', '5'],
      first_seen: '2026-11-27 09:00:00.000',
      last_seen: '2026-12-01 08:00:00.000',
      detected_at: stored.detected_at,
    });
  });
  it('does not count an event it already holds (read again, or re-sent), and writes nothing when all are known', () => {
    expect(grownFinding(stored, found(['3'], stored.first_seen, stored.last_seen), 10)).toBeUndefined();
    expect(grownFinding(stored, found(['3', '6'], stored.first_seen, stored.last_seen), 10)).toMatchObject({
      event_count: 4,
      event_keys: ['1', '2', '3', '6'],
    });
  });
  it('counts every new event past the key cap, keeping the earliest keys', () => {
    const written = grownFinding(stored, found(['7', '8'], stored.first_seen, stored.last_seen, 50), 4);
    expect(written).toMatchObject({ event_count: 53, event_keys: ['1', '2', '3', '7'] });
  });
});
