import { api, query } from '../../api/api-client.js';
import type { HardwareSummary, SoftwareMatch, SoftwareMatches, UpdateGap, UpdateGaps } from '../../api/contract.js';

/** The inventory explorer's calls (GET …/participants/:pid/inventory/…), over each device's latest snapshot. */
export type { HardwareSummary, SoftwareMatch, UpdateGap } from '../../api/contract.js';

const base = (participantId: string) => `/api/v1/participants/${participantId}/inventory`;

export async function searchSoftware(participantId: string, name: string, below: string): Promise<SoftwareMatch[]> {
  return (await api<SoftwareMatches>('GET', `${base(participantId)}/software${query({ name, below })}`)).devices;
}

export async function fetchUpdateGaps(participantId: string, days: number): Promise<UpdateGap[]> {
  const { devices } = await api<UpdateGaps>('GET', `${base(participantId)}/os-updates${query({ days })}`);
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
    by_memory_gb: summary.by_memory_gb
      .map((row) => ({ memory_gb: Number(row.memory_gb), devices: Number(row.devices) }))
      .sort((a, b) => a.memory_gb - b.memory_gb),
    low_disk: summary.low_disk.map((row) => ({
      ...row,
      free_percent: row.free_percent === null ? null : Number(row.free_percent),
    })),
  };
}

export const devicePath = (participantId: string, deviceId: string) =>
  `/participants/${participantId}/devices/${deviceId}`;
