import { fromClickHouseTime } from '../common/clickhouse-time.js';
import type { AntivirusDayRow, AntivirusSummaryRow, HealthStore } from './health-store.js';

/**
 * A device's antivirus over time, as its agent reported it in the hourly health checks: per JST day the product,
 * whether real-time protection ran at every check, at none or at some (with when it first stopped), and the oldest
 * definitions seen that day. The states are codes; the dashboard names them in the reader's language.
 */
export type ProtectionState = 'on' | 'off' | 'partly_off' | 'unknown';

export interface AntivirusDay {
  day: string;
  product: string | null;
  protection: ProtectionState;
  stoppedAt: string | null;
  oldestDefinitionsDays: number | null;
}

export const ANTIVIRUS_HISTORY_MAX_DAYS = 90;

export function protectionOf(passes: number, failures: number): ProtectionState {
  if (failures === 0) return passes > 0 ? 'on' : 'unknown';
  return passes === 0 ? 'off' : 'partly_off';
}

export function antivirusDayOf(row: AntivirusDayRow): AntivirusDay {
  const failures = Number(row.running_failures);
  const age = row.oldest_definitions_days;
  return {
    day: row.day,
    product: row.product || null,
    protection: protectionOf(Number(row.running_passes), failures),
    stoppedAt: row.first_failure ? fromClickHouseTime(row.first_failure).toISOString() : null,
    oldestDefinitionsDays: age === null || age === undefined ? null : Number(age),
  };
}

export async function antivirusHistory(
  store: HealthStore,
  participantId: string,
  deviceId: string,
  days: number,
  now = new Date(),
): Promise<{ days: AntivirusDay[] }> {
  const from = new Date(now.getTime() - days * 86_400_000);
  const rows = await store.antivirusDays(participantId, deviceId, from, now);
  return { days: rows.map(antivirusDayOf) };
}

/** A device's antivirus over the report's period (the printed report's table; the device page has the days). */
export interface AntivirusDeviceSummary {
  deviceId: string;
  hostname: string;
  product: string | null;
  /** JST days with a real-time protection check. */
  daysChecked: number;
  /** Days it was found stopped at some check; `daysOff`: at every check of the day. */
  daysStopped: number;
  daysOff: number;
  lastStoppedAt: string | null;
  /** The definitions' age in days at the newest check, and the oldest the period saw; null: never read. */
  newestDefinitionsDays: number | null;
  oldestDefinitionsDays: number | null;
}

export function antivirusSummaryOf(row: AntivirusSummaryRow): AntivirusDeviceSummary {
  const readDefinitions = Number(row.definitions_checks) > 0;
  return {
    deviceId: row.device_id,
    hostname: row.hostname,
    product: row.product || null,
    daysChecked: Number(row.days_checked),
    daysStopped: Number(row.days_stopped),
    daysOff: Number(row.days_off),
    lastStoppedAt: row.last_stopped_at ? fromClickHouseTime(row.last_stopped_at).toISOString() : null,
    newestDefinitionsDays: readDefinitions ? Number(row.newest_definitions_days) : null,
    oldestDefinitionsDays: readDefinitions ? Number(row.oldest_definitions_days) : null,
  };
}

export async function antivirusSummary(
  store: HealthStore,
  participantId: string,
  days: number,
  now = new Date(),
): Promise<{ devices: AntivirusDeviceSummary[] }> {
  const rows = await store.antivirusSummary(participantId, new Date(now.getTime() - days * 86_400_000), now);
  return { devices: rows.map(antivirusSummaryOf) };
}
