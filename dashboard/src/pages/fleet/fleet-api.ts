import { api } from '../../api/api-client.js';
import type { Fleet, FleetParticipant } from '../../api/contract.js';

/** GET /api/v1/admin/fleet: every participant at a glance (operators only). */
export type { FleetParticipant } from '../../api/contract.js';
export type HourCount = FleetParticipant['events_per_hour'][number];

export async function fetchFleet(): Promise<FleetParticipant[]> {
  const { participants } = await api<Fleet>('GET', '/api/v1/admin/fleet');
  // counts may arrive as strings (UInt64)
  return participants.map((p) => ({
    ...p,
    devices: Number(p.devices),
    devices_online: Number(p.devices_online),
    devices_revoked: Number(p.devices_revoked),
    events_24h: Number(p.events_24h),
    rejected_24h: Number(p.rejected_24h),
    score: p.score === null || p.score === undefined ? null : Number(p.score),
    devices_failing: Number(p.devices_failing ?? 0),
    events_per_hour: (p.events_per_hour ?? []).map((h) => ({ hour: h.hour, count: Number(h.count) })),
  }));
}
