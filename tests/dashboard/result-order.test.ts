import { describe, expect, it } from 'vitest';
import { readSearchState, searchStateQuery } from '../../dashboard/src/pages/explorer/explorer-state.js';
import { headerSort, orderAfterClick, orderParams } from '../../dashboard/src/pages/explorer/result-order.js';

/** Issue 22: the explorer's order by a column and its histogram split, as the address and the API see them. */
describe('the order and the split in the address', () => {
  it('reads and writes sort=column:dir and split=, and leaves out the defaults', () => {
    const state = readSearchState('?q=x&range=24h&sort=bytes:desc&split=user_name');
    expect(state.sort).toEqual({ column: 'bytes', direction: 'desc' });
    expect(state.split).toBe('user_name');
    expect(searchStateQuery(state)).toBe('?q=x&range=24h&sort=bytes%3Adesc&split=user_name');
    expect(searchStateQuery(readSearchState('?q=x&range=24h&sort=newest&split=category'))).toBe('?q=x&range=24h');
    expect(readSearchState('?sort=oldest').sort).toBe('oldest');
    // Anything else is not an order: the default stands.
    expect(readSearchState('?sort=bytes;drop:asc').sort).toBeUndefined();
    expect(readSearchState('?sort=bytes:up').sort).toBeUndefined();
  });
});

describe('clicking a column header', () => {
  it('starts a number largest first, text A→Z, the time newest first, and turns the sorted column round', () => {
    expect(orderAfterClick('newest', 'bytes', true)).toEqual({ column: 'bytes', direction: 'desc' });
    expect(orderAfterClick('newest', 'user_name', false)).toEqual({ column: 'user_name', direction: 'asc' });
    expect(orderAfterClick({ column: 'user_name', direction: 'asc' }, 'user_name', false)).toEqual({
      column: 'user_name',
      direction: 'desc',
    });
    expect(orderAfterClick({ column: 'user_name', direction: 'asc' }, 'time', false)).toBe('newest');
    expect(orderAfterClick('newest', 'time', false)).toBe('oldest');
    expect(orderAfterClick('oldest', 'time', false)).toBe('newest');
  });

  it('shows the direction only on the sorted column, and asks the API by field name', () => {
    expect(headerSort('newest', 'time')).toBe('desc');
    expect(headerSort('oldest', 'time')).toBe('asc');
    expect(headerSort('newest', 'bytes')).toBeNull();
    expect(headerSort({ column: 'bytes', direction: 'asc' }, 'time')).toBeNull();
    expect(orderParams('oldest')).toEqual({ order: 'oldest' });
    expect(orderParams({ column: 'hostname', direction: 'asc' })).toEqual({ sort: 'host', dir: 'asc' });
  });
});
