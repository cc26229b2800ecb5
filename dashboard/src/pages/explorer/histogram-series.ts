import type { QueryField } from '../../api/event-fields.js';
import { CATEGORY_KEYS, categoryColour, categoryLabel } from '../../format/event-categories.js';
import { displayValue } from '../../format/event-field-labels.js';
import type { Histogram } from './explorer-api.js';

/** One stacked series of the histogram: its legend text, its colour (none: the chart's palette), its count. */
export interface HistogramSeries {
  name: string;
  colour: string | undefined;
  count: (bucket: Histogram['buckets'][number]) => number;
}
const OTHER_COLOUR = '#9ca3af';

/**
 * By category (the categories present, in their colours), or the split's values in the server's order (most events
 * first; an empty value named `none`), then the rest as `other` when there is any.
 */
export function histogramSeries(
  histogram: Histogram | null,
  texts: { none: string; other: string },
): HistogramSeries[] {
  const buckets = histogram?.buckets ?? [];
  const split = histogram?.split;
  if (!split) {
    const present = CATEGORY_KEYS.filter((category) => buckets.some((bucket) => (bucket.counts[category] ?? 0) > 0));
    return present.map((category) => ({
      name: categoryLabel(category),
      colour: categoryColour(category),
      count: (bucket) => bucket.counts[category] ?? 0,
    }));
  }
  const values: HistogramSeries[] = split.values.map((value) => ({
    name: value === '' ? texts.none : displayValue(split.column, value),
    colour: undefined,
    count: (bucket) => bucket.counts[value] ?? 0,
  }));
  const other: HistogramSeries = { name: texts.other, colour: OTHER_COLOUR, count: (bucket) => bucket.other ?? 0 };
  return buckets.some((bucket) => (bucket.other ?? 0) > 0) ? [...values, other] : values;
}

/** The fields a histogram may be split by: the catalogue's splittable ones, the category first. */
export function splitChoices(fields: readonly QueryField[]): QueryField[] {
  const choices = fields.filter((field) => field.splittable);
  return [...choices.filter((f) => f.name === 'category'), ...choices.filter((f) => f.name !== 'category')];
}
