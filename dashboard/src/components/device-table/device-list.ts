import { api, query } from '../../api/api-client.js';
import type { DeviceOverview } from '../../api/contract.js';

/**
 * One page of a device list (GET /api/v1/admin/fleet/devices or …/participants/:pid/device-overview,
 * both the same shape) and the list's state as it is written in the address (`?search=&state=&sort=
 * &order=&page=`), so a filtered, sorted page can be shared as a link.
 */
export type { DeviceOverviewRow } from '../../api/contract.js';
export type DeviceListPage = DeviceOverview;

export const DEVICE_STATES = ['all', 'online', 'offline', 'revoked', 'software_installed', 'uninstalled'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];
export const DEVICE_SORTS = ['hostname', 'participant', 'last_seen', 'events_24h', 'score'] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export interface DeviceListQuery {
  search: string;
  state: DeviceState;
  sort: DeviceSort;
  order: SortOrder;
  /** 0-based. */
  page: number;
}

export const PAGE_SIZE = 50;
export const DEFAULT_DEVICE_QUERY: DeviceListQuery = {
  search: '',
  state: 'all',
  sort: 'hostname',
  order: 'asc',
  page: 0,
};

/** Numbers first, names last, as someone looking at them would start. */
export function defaultOrder(sort: DeviceSort): SortOrder {
  return sort === 'last_seen' || sort === 'events_24h' ? 'desc' : 'asc';
}

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

export function readDeviceListQuery(params: URLSearchParams): DeviceListQuery {
  const page = Math.max(1, Math.floor(Number(params.get('page') ?? '1')) || 1);
  return {
    search: (params.get('search') ?? '').slice(0, 200),
    state: oneOf(DEVICE_STATES, params.get('state'), 'all'),
    sort: oneOf(DEVICE_SORTS, params.get('sort'), 'hostname'),
    order: oneOf(['asc', 'desc'] as const, params.get('order'), 'asc'),
    page: page - 1,
  };
}

/** Writes the list's state into `params`, leaving defaults out so the plain address stays plain. */
export function writeDeviceListQuery(state: DeviceListQuery, params: URLSearchParams): void {
  const entries: [string, string, boolean][] = [
    ['search', state.search, state.search !== ''],
    ['state', state.state, state.state !== 'all'],
    ['sort', state.sort, state.sort !== 'hostname'],
    ['order', state.order, state.order !== 'asc'],
    ['page', String(state.page + 1), state.page > 0],
  ];
  for (const [key, value, keep] of entries) {
    if (keep) params.set(key, value);
    else params.delete(key);
  }
}

export async function fetchDevicePage(endpoint: string, state: DeviceListQuery): Promise<DeviceListPage> {
  const page = await api<DeviceListPage>(
    'GET',
    endpoint +
      query({
        search: state.search.trim(),
        state: state.state,
        sort: state.sort,
        order: state.order,
        offset: state.page * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
  );
  return {
    total: Number(page.total),
    offset: Number(page.offset),
    limit: Number(page.limit),
    devices: page.devices.map((device) => ({ ...device, events_24h: Number(device.events_24h) })),
  };
}
