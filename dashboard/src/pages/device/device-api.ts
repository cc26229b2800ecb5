import { api, query } from '../../api/api-client.js';
import type { EventRecord } from '../../format/event-summary.js';
import type { DeviceAnswer, DeviceInventory, DeviceRevoked, WindowsKeptCount } from '../../api/contract.js';

/** The device page's calls to the REST API (the shapes are the API contract's). */
export type { WindowsKeptCount } from '../../api/contract.js';
export type {
  Device,
  DeviceInventory as Inventory,
  HardwareSnapshot as Hardware,
  InstalledSoftware,
  OsUpdate,
} from '../../api/contract.js';

/** One row of the events table; UInt64 values (seq, bytes) may arrive as strings. */
export interface TimelineEvent extends EventRecord {
  device_id: string;
  seq: string | number;
  time: string;
  category: string;
  user_name?: string;
}

export interface Timeline {
  events: TimelineEvent[];
  truncated: boolean;
  nextCursor: string | null;
  total: number;
  density: { bucketSeconds: number; buckets: { t: string; n: number }[] };
  lastActivity: string | null;
}

export type RevokeResult = DeviceRevoked;

/** Events per page: the newest first, older ones a page at a time. */
export const TIMELINE_PAGE = 1000;

const devicePath = (participantId: string, deviceId: string) =>
  `/api/v1/participants/${participantId}/devices/${deviceId}`;

export async function fetchDevice(participantId: string, deviceId: string): Promise<DeviceAnswer['device']> {
  return (await api<DeviceAnswer>('GET', devicePath(participantId, deviceId))).device;
}

export async function fetchInventory(participantId: string, deviceId: string): Promise<DeviceInventory> {
  const inventory = await api<Partial<DeviceInventory>>('GET', `${devicePath(participantId, deviceId)}/inventory`);
  return {
    hardware: inventory.hardware ?? null,
    software: inventory.software ?? [],
    osUpdates: inventory.osUpdates ?? [],
  };
}

/** `categories` empty means every category. */
export function fetchTimeline(
  participantId: string,
  deviceId: string,
  from: Date,
  to: Date,
  categories: readonly string[],
  cursor?: string,
): Promise<Timeline> {
  return api<Timeline>(
    'GET',
    `${devicePath(participantId, deviceId)}/timeline` +
      query({
        from: from.toISOString(),
        to: to.toISOString(),
        categories: categories.join(','),
        limit: TIMELINE_PAGE,
        ...(cursor ? { cursor } : {}),
      }),
  );
}

export function revokeDevice(deviceId: string, reason: string): Promise<DeviceRevoked> {
  return api<DeviceRevoked>('POST', `/api/v1/admin/devices/${deviceId}/revoke`, { reason });
}

/** Windows events of the device outside the eight categories (windows_events_kept), counted per event id. */
export async function fetchWindowsKeptCounts(
  participantId: string,
  deviceId: string,
  from: Date,
  to: Date,
): Promise<WindowsKeptCount[]> {
  const reply = await api<{ counts: WindowsKeptCount[] }>(
    'GET',
    `${devicePath(participantId, deviceId)}/windows-events-kept` +
      query({ from: from.toISOString(), to: to.toISOString(), limit: 1 }),
  );
  return reply.counts;
}
