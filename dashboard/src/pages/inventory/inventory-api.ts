import { api, query } from '../../api/api-client.js';

/** The inventory explorer's calls (GET …/participants/:pid/inventory/…), over each device's latest snapshot. */
export interface SoftwareMatch {
  device_id: string;
  hostname: string;
  name: string;
  version: string;
  publisher: string;
}

export interface UpdateGap {
  device_id: string;
  hostname: string;
  last_installed_at: string | null;
  days_since: number | null;
  failed_updates: number;
  pending_updates: number;
}

export interface HardwareSummary {
  devices: number;
  by_os: { os_name: string; os_version: string; devices: number }[];
  by_model: { manufacturer: string; model: string; devices: number }[];
  by_memory_gb: { memory_gb: number; devices: number }[];
  low_disk: { device_id: string; hostname: string; free_percent: number | null }[];
}

const base = (participantId: string) => `/api/v1/participants/${participantId}/inventory`;

export async function searchSoftware(participantId: string, name: string, below: string): Promise<SoftwareMatch[]> {
  return (await api<{ devices: SoftwareMatch[] }>('GET', `${base(participantId)}/software${query({ name, below })}`)).devices;
}

export async function fetchUpdateGaps(participantId: string, days: number): Promise<UpdateGap[]> {
  const { devices } = await api<{ devices: UpdateGap[] }>('GET', `${base(participantId)}/os-updates${query({ days })}`);
  return devices.map((d) => ({
    ...d,
    days_since: d.days_since === null ? null : Number(d.days_since),
    failed_updates: Number(d.failed_updates),
    pending_updates: Number(d.pending_updates),
  }));
}

export async function fetchHardwareSummary(participantId: string): Promise<HardwareSummary> {
  const summary = await api<HardwareSummary>('GET', `${base(participantId)}/hardware`);
  return {
    devices: Number(summary.devices),
    by_os: summary.by_os.map((row) => ({ ...row, devices: Number(row.devices) })),
    by_model: summary.by_model.map((row) => ({ ...row, devices: Number(row.devices) })),
    by_memory_gb: summary.by_memory_gb.map((row) => ({ memory_gb: Number(row.memory_gb), devices: Number(row.devices) })).sort((a, b) => a.memory_gb - b.memory_gb),
    low_disk: summary.low_disk.map((row) => ({ ...row, free_percent: row.free_percent === null ? null : Number(row.free_percent) })),
  };
}

export const devicePath = (participantId: string, deviceId: string) => `/participants/${participantId}/devices/${deviceId}`;
