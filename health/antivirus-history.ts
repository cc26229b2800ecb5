import { fromClickHouseTime } from '../common/clickhouse-time.js';
import type { AntivirusDayRow, HealthStore } from './health-store.js';

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
