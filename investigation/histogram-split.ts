import { ApiError } from '../api/errors.js';
import { lookupField, type FieldDefinition } from './query-language/index.js';

/**
 * The explorer's histogram split by a field with few values (`split=user`): the catalogue says which fields
 * qualify, so only a catalogue column reaches the SQL text. The most frequent values over the whole range
 * become series; the rest add up to `other` in each bucket, so every bucket's total stays the true count.
 */
export const SPLIT_TOP_VALUES = 8;

const SPLIT_MARK = '/* split-value */ user_name';

/** The field to split by, or 400 naming the fields that may be used. */
export function splitField(name: string): FieldDefinition {
  const field = lookupField(name);
  if (!field?.splittable)
    throw new ApiError(
      400,
      'invalid_request',
      `"split": the histogram can be split by a field with few values (category, user, host, logon type, device class …), not by "${name}".`,
      [{ path: 'split', message: 'not a field the histogram can be split by' }],
    );
  return field;
}

export function splitSql(text: string, field: FieldDefinition): string {
  // sql-paste-ok: the marker becomes a catalogue column name (splitField); every value is a parameter
  return text.replace(SPLIT_MARK, `${field.column}`);
}

export interface SplitRow {
  bucket: number;
  value: string;
  n: number;
}

/** The values shown as series: most events first, ties by value, at most `top`. */
export function topValues(rows: readonly SplitRow[], top = SPLIT_TOP_VALUES): string[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.value, (totals.get(row.value) ?? 0) + row.n);
  return [...totals]
    .sort(([a, an], [b, bn]) => bn - an || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, top)
    .map(([value]) => value);
}

/** Per bucket start (epoch ms): the counts of the shown values and of all the others. */
export function splitCounts(
  rows: readonly SplitRow[],
  shown: ReadonlySet<string>,
  labelOf: (value: string) => string = (value) => value,
): Map<number, { counts: Record<string, number>; other: number }> {
  const byBucket = new Map<number, { counts: Record<string, number>; other: number }>();
  for (const row of rows) {
    const start = row.bucket * 1000;
    const entry = byBucket.get(start) ?? { counts: {}, other: 0 };
    if (shown.has(row.value)) {
      const label = labelOf(row.value);
      entry.counts[label] = (entry.counts[label] ?? 0) + row.n;
    } else entry.other += row.n;
    byBucket.set(start, entry);
  }
  return byBucket;
}
