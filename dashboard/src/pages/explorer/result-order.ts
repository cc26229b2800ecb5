import type { QueryField } from '../../api/contract.js';
import { nextSort } from '../../components/sort-header/sort-header.js';
import type { ResultOrder } from './explorer-state.js';

/**
 * The results' order as the column headers see it: the time is a column like the others (newest first is the time
 * descending), so one click rule serves them all. A number column starts largest first, the time newest first,
 * any other column A→Z; clicking the sorted column turns it round (`nextSort`, as every sortable table does).
 */
export const TIME_KEY = 'time';

/** The direction a header shows: that of the order when it sorts by this header's column, else none. */
export function headerSort(order: ResultOrder, key: string): 'asc' | 'desc' | null {
  if (typeof order === 'object') return order.column === key ? order.direction : null;
  if (key !== TIME_KEY) return null;
  return order === 'oldest' ? 'asc' : 'desc';
}

export function orderAfterClick(order: ResultOrder, key: string, numeric: boolean): ResultOrder {
  const current = typeof order === 'object' ? order.column : TIME_KEY;
  const direction = headerSort(order, current) ?? 'desc';
  const next = nextSort({ key: current, order: direction }, key, () => (numeric || key === TIME_KEY ? 'desc' : 'asc'));
  if (next.key === TIME_KEY) return next.order === 'asc' ? 'oldest' : 'newest';
  return { column: next.key, direction: next.order };
}

export function isNumberColumn(column: string, fields: readonly QueryField[]): boolean {
  return fields.some((field) => field.column === column && field.kind === 'number');
}

/** The API's parameters for an order: `order=` by time, `sort=&dir=` by a column (the host by its field name). */
export function orderParams(order: ResultOrder): Record<string, string> {
  if (typeof order !== 'object') return { order };
  return { sort: order.column === 'hostname' ? 'host' : order.column, dir: order.direction };
}
