import { api } from '../../api/api-client.js';

/** GET /api/v1/admin/fleet: every participant at a glance (operators only). */
export interface HourCount {
  /** ISO 8601, the hour's start. */
  hour: string;
  count: number;
}

export interface FleetParticipant {
  participant_id: string;
  name: string;
  status: string;
  devices: number;
  devices_online: number;
  devices_revoked: number;
  last_seen: string | null;
  events_24h: number;
  /** 24 entries, oldest first. */
  events_per_hour: HourCount[];
  rejected_24h: number;
  /** Mean health score of its devices in the latest evaluation; null before any. */
  score: number | null;
  devices_failing: number;
}

export async function fetchFleet(): Promise<FleetParticipant[]> {
  const { participants } = await api<{ participants: FleetParticipant[] }>('GET', '/api/v1/admin/fleet');
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
