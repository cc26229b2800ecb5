/**
 * How a run's finding updates the stored one of the same id (detection-run.ts). Plain functions, no I/O.
 *
 * A full run counted every matching event of the evaluated range: it replaces the stored count, first and last
 * seen and keys. An incremental run counted only the events that arrived since the rule's watermark: they add
 * to the stored finding. An event read twice (its run's findings were written but its watermark was not, or a
 * re-sent copy stored with a later arrival) is recognised by its key among the stored ones and not counted
 * again; the keys kept are capped (MAX_EVENT_KEYS), so past the cap a re-read copy could be counted twice.
 */
export interface StoredFinding {
  finding_id: string;
  detected_at: string;
  first_seen: string;
  last_seen: string;
  event_count: string | number;
  event_keys: (string | number)[];
}

export interface FoundFinding {
  first_seen: string;
  last_seen: string;
  event_count: number;
  event_keys: string[];
  detected_at: string;
}

/** What a full run writes for a finding: itself, keeping when it was first detected; nothing when unchanged. */
export function replacedFinding<F extends FoundFinding>(before: StoredFinding | undefined, found: F): F | undefined {
  if (!before) return found;
  if (Number(before.event_count) === found.event_count && before.last_seen === found.last_seen) return undefined;
  return { ...found, detected_at: before.detected_at };
}

/** What an incremental run writes for a finding: the stored one grown by the events new to it; nothing when none is. */
export function grownFinding<F extends FoundFinding>(
  before: StoredFinding | undefined,
  found: F,
  maxKeys: number,
): F | undefined {
  if (!before) return found;
  const known = new Set(before.event_keys.map(String));
  const fresh = found.event_keys.filter((key) => !known.has(key));
  const added = found.event_count - (found.event_keys.length - fresh.length);
  if (added <= 0) return undefined;
  return {
    ...found,
    detected_at: before.detected_at,
    first_seen: found.first_seen < before.first_seen ? found.first_seen : before.first_seen,
    last_seen: found.last_seen > before.last_seen ? found.last_seen : before.last_seen,
    event_count: Number(before.event_count) + added,
    event_keys: [...before.event_keys.map(String), ...fresh].slice(0, maxKeys),
  };
}
