import { api, query } from '../../api/api-client.js';
import type { EventRecord } from '../../format/event-summary.js';

/** The device page's calls to the REST API (see the API contract). */
export interface Device {
  device_id: string;
  participant_id: string;
  hostname: string;
  os_name: string;
  os_version: string;
  agent_version: string;
  status: 'active' | 'revoked';
  status_reason: string;
  uninstall_requested: boolean | number;
  enrolled_at: string | null;
  last_changed_at: string | null;
  connected: boolean;
}

export interface Hardware {
  collected_at: string;
  hostname: string;
  domain_name: string;
  os_name: string;
  os_version: string;
  os_build: string;
  os_architecture: string;
  manufacturer: string;
  model: string;
  serial_number: string;
  bios_version: string;
  cpu_model: string;
  cpu_cores: number | string;
  memory_bytes: number | string;
  disk_total_bytes: number | string;
  disk_free_bytes: number | string;
  ip_addresses: string[];
  mac_addresses: string[];
}

export interface InstalledSoftware {
  name: string;
  version: string;
  publisher: string;
  installed_at: string | null;
}

export interface OsUpdate {
  update_id: string;
  title: string;
  kind: string;
  status: string;
  installed_at: string | null;
}

export interface Inventory {
  hardware: Hardware | null;
  software: InstalledSoftware[];
  osUpdates: OsUpdate[];
}

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
}

export interface RevokeResult {
  deviceId: string;
  status: string;
  reason: string;
  connectionClosed: boolean;
}

export const TIMELINE_LIMIT = 5000;

const devicePath = (participantId: string, deviceId: string) => `/api/v1/participants/${participantId}/devices/${deviceId}`;

export async function fetchDevice(participantId: string, deviceId: string): Promise<Device> {
  return (await api<{ device: Device }>('GET', devicePath(participantId, deviceId))).device;
}

export async function fetchInventory(participantId: string, deviceId: string): Promise<Inventory> {
  const inventory = await api<Partial<Inventory>>('GET', `${devicePath(participantId, deviceId)}/inventory`);
  return { hardware: inventory.hardware ?? null, software: inventory.software ?? [], osUpdates: inventory.osUpdates ?? [] };
}

/** `categories` empty means every category. */
export function fetchTimeline(participantId: string, deviceId: string, from: Date, to: Date, categories: readonly string[]): Promise<Timeline> {
  return api<Timeline>(
    'GET',
    `${devicePath(participantId, deviceId)}/timeline` + query({ from: from.toISOString(), to: to.toISOString(), categories: categories.join(','), limit: TIMELINE_LIMIT }),
  );
}

export function revokeDevice(deviceId: string, reason: string): Promise<RevokeResult> {
  return api<RevokeResult>('POST', `/api/v1/admin/devices/${deviceId}/revoke`, { reason });
}
