import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';

/**
 * The fleet at a glance: per participant (devices, online now, last seen, events per hour over the
 * last day, rejected messages) and per device (sorted, filtered and paged). Activity comes from
 * device_hourly, kept by a materialized view over events, so this stays fast at 1e8 events.
 * "Online" is whether the device has an open connection to this gateway now.
 */
export interface DeviceOverviewRow {
  device_id: string;
  participant_id: string;
  participant_name: string | null;
  hostname: string;
  os_name: string;
  os_version: string;
  agent_version: string;
  status: 'active' | 'revoked';
  connected: boolean;
  last_seen: string | null;
  events_24h: number;
  uninstall_requested: boolean;
  uninstall_reported_at: string | null;
  uninstall_status: 'done' | 'failed' | null;
  /** Health score in the latest evaluation (0-100), and how many policies it fails; null before any. */
  score: number | null;
  failing_policies: number | null;
}

export type DeviceScores = () => Promise<Map<string, { score: number | null; failing: number }>>;

export interface DeviceListRequest {
  scope: readonly string[];
  search: string;
  /** software_installed: the agent is still on the PC (no successful uninstall report); uninstalled: it reported its removal. */
  state: 'all' | 'online' | 'offline' | 'revoked' | 'software_installed' | 'uninstalled';
  sort: 'hostname' | 'participant' | 'last_seen' | 'events_24h' | 'score';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export class FleetOverview {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly isConnected: (deviceId: string) => boolean,
    private readonly scores: DeviceScores,
  ) {}

  async participants() {
    const since = sinceDayAgo();
    const [rows, hourly, devices, scores] = await Promise.all([
      selectRows<{
        participant_id: string;
        name: string;
        status: string;
        devices: string | number;
        devices_revoked: string | number;
        last_seen: string | null;
        events_24h: string | number;
        rejected_24h: string | number;
      }>(this.client, 'investigation/fleet-participants', { since }),
      selectRows<{ participant_id: string; hour: string | number; count: string | number }>(
        this.client,
        'investigation/fleet-hourly',
        { since },
      ),
      selectRows<{ device_id: string; participant_id: string; status: string }>(
        this.client,
        'investigation/fleet-devices',
        { since, scope: [], search: '' },
      ),
      this.scores(),
    ]);
    const firstHour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 23 * 3_600_000;
    return rows.map((row) => {
      const perHour = new Map(
        hourly
          .filter((h) => h.participant_id === row.participant_id)
          .map((h) => [Number(h.hour) * 1000, Number(h.count)]),
      );
      const mine = devices.filter((d) => d.participant_id === row.participant_id);
      const scored = mine
        .map((d) => scores.get(d.device_id)?.score)
        .filter((score): score is number => typeof score === 'number');
      return {
        score:
          scored.length > 0
            ? Math.round((scored.reduce((sum, score) => sum + score, 0) / scored.length) * 10) / 10
            : null,
        devices_failing: mine.filter((d) => (scores.get(d.device_id)?.failing ?? 0) > 0).length,
        ...row,
        devices: Number(row.devices),
        devices_revoked: Number(row.devices_revoked),
        devices_online: mine.filter((d) => d.status === 'active' && this.isConnected(d.device_id)).length,
        events_24h: Number(row.events_24h),
        rejected_24h: Number(row.rejected_24h),
        events_per_hour: Array.from({ length: 24 }, (_, i) => {
          const hour = firstHour + i * 3_600_000;
          return { hour: new Date(hour).toISOString(), count: perHour.get(hour) ?? 0 };
        }),
      };
    });
  }

  /** Filtering by connection state and sorting happen here: the connection state lives in this process. */
  async devices(
    request: DeviceListRequest,
  ): Promise<{ total: number; offset: number; limit: number; devices: DeviceOverviewRow[] }> {
    const [rows, scores] = await Promise.all([
      selectRows<
        Omit<DeviceOverviewRow, 'connected' | 'events_24h' | 'score' | 'failing_policies'> & {
          events_24h: string | number;
        }
      >(this.client, 'investigation/fleet-devices', {
        since: sinceDayAgo(),
        scope: request.scope,
        search: request.search,
      }),
      this.scores(),
    ]);
    const all = rows.map((row) => ({
      ...row,
      uninstall_requested: Boolean(Number(row.uninstall_requested)),
      events_24h: Number(row.events_24h),
      connected: row.status === 'active' && this.isConnected(row.device_id),
      score: scores.get(row.device_id)?.score ?? null,
      failing_policies: scores.get(row.device_id)?.failing ?? null,
    }));
    const kept = all.filter((row) => {
      switch (request.state) {
        case 'all':
          return true;
        case 'revoked':
          return row.status === 'revoked';
        case 'online':
          return row.connected;
        case 'offline':
          return row.status === 'active' && !row.connected;
        case 'software_installed':
          return row.uninstall_status !== 'done';
        case 'uninstalled':
          return row.uninstall_status === 'done';
      }
    });
    const direction = request.order === 'asc' ? 1 : -1;
    const key = (row: DeviceOverviewRow): string | number =>
      request.sort === 'score'
        ? (row.score ?? -1)
        : request.sort === 'events_24h'
          ? row.events_24h
          : request.sort === 'last_seen'
            ? (row.last_seen ?? '')
            : request.sort === 'participant'
              ? `${row.participant_name ?? ''}\u0000${row.hostname}`
              : row.hostname;
    kept.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (x < y ? -1 : x > y ? 1 : a.hostname.localeCompare(b.hostname)) * direction;
    });
    return {
      total: kept.length,
      offset: request.offset,
      limit: request.limit,
      devices: kept.slice(request.offset, request.offset + request.limit),
    };
  }
}

function sinceDayAgo(): string {
  return toClickHouseTime(Date.now() - 86_400_000).slice(0, 19);
}
