import { html } from 'lit';

/**
 * A column header that sorts its table when clicked: the arrow shows the current direction and
 * `aria-sort` tells assistive technology. Used by every sortable table, so they all behave alike.
 */
export interface SortState<K extends string> {
  key: K;
  order: 'asc' | 'desc';
}

export function sortHeader<K extends string>(
  label: string,
  key: K,
  state: SortState<K>,
  onSort: (key: K) => void,
  testPrefix: string,
  numeric = false,
) {
  const active = state.key === key;
  const arrow = active ? (state.order === 'asc' ? '▲' : '▼') : '';
  return html`<th
    aria-sort=${active ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none'}
    class=${numeric ? 'num' : ''}
  >
    <button type="button" class="sort" @click=${() => onSort(key)} data-test=${`${testPrefix}-sort-${key}`}>
      ${label} <span aria-hidden="true">${arrow}</span>
    </button>
  </th>`;
}

/** Clicking the sorted column turns it round; another column starts in its natural direction. */
export function nextSort<K extends string>(
  state: SortState<K>,
  key: K,
  firstOrder: (key: K) => 'asc' | 'desc',
): SortState<K> {
  if (state.key === key) return { key, order: state.order === 'asc' ? 'desc' : 'asc' };
  return { key, order: firstOrder(key) };
}
