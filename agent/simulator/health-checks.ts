import type { HealthResult, KnownHealthCheckId } from '../../agent-protocol/index.js';
import type { Interval } from './daily-schedule.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, patchWednesdayDayNumber, type CalendarDay } from './japan-calendar.js';
import { toJstIsoString } from '../../common/jst-time.js';
import type { SimulatedDevice } from './office-roster.js';
import { randomFor, type Seed } from './seeded-random.js';

/**
 * The agent's own health checks, run at power-on and hourly while the PC is on. Results drift the way
 * they do in real fleets: definitions age when a PC misses its daily update, monthly Windows updates
 * stay pending for a few days after 2nd-Tuesday (Wednesday in Japan), BitLocker gets switched on
 * partway through, IT fixes a lax screen lock, a firewall profile is off for a day. antivirus.running
 * fails only where an incident switched it off.
 */
export const HEALTH_CHECK_IDS = [
  'antivirus.running',
  'antivirus.definitions_age_days',
  'disk.encryption',
  'firewall.enabled',
  'screen_lock.enabled',
  'os.updates_pending',
] as const satisfies readonly KnownHealthCheckId[];

/** The day (JST day number) on which this PC installs a given month's updates. */
export function patchInstallDayNumber(seed: Seed, device: SimulatedDevice, year: number, month: number): number {
  const delay = randomFor(seed, 'patch', device.key, year, month).int(0, device.security.patchDelayMaxDays);
  return patchWednesdayDayNumber(year, month) + delay;
}

/** Monthly update rounds that are out but not yet installed on this PC on a day. */
export function pendingUpdateRounds(
  seed: Seed,
  device: SimulatedDevice,
  day: CalendarDay,
): { year: number; month: number; sinceDayNumber: number }[] {
  const rounds = [
    { year: day.year, month: day.month },
    day.month === 1 ? { year: day.year - 1, month: 12 } : { year: day.year, month: day.month - 1 },
  ];
  return rounds
    .map((round) => ({ ...round, sinceDayNumber: patchWednesdayDayNumber(round.year, round.month) }))
    .filter(
      (round) =>
        round.sinceDayNumber <= day.dayNumber &&
        day.dayNumber < patchInstallDayNumber(seed, device, round.year, round.month),
    );
}

export interface HealthDayInput {
  seed: Seed;
  device: SimulatedDevice;
  day: CalendarDay;
  powered: readonly Interval[];
  antivirusOffFrom?: number;
  /** Whether the PC was switched on during a day, by day index (definitions only update when it is). */
  wasPowered(dayIndex: number): boolean;
}

const MAX_DEFINITIONS_LOOKBACK_DAYS = 30;

function definitionsAgeDays(input: HealthDayInput): number {
  const { seed, device, day } = input;
  for (let back = 0; back < MAX_DEFINITIONS_LOOKBACK_DAYS; back += 1) {
    const index = day.index - back;
    const updated = randomFor(seed, 'definitions', device.key, day.dayNumber - back).chance(
      device.security.definitionUpdateReliability,
    );
    if (updated && (back === 0 || input.wasPowered(index))) return back;
  }
  return MAX_DEFINITIONS_LOOKBACK_DAYS;
}

export function healthResultsForDay(input: HealthDayInput): HealthResult[] {
  const { seed, device, day } = input;
  const runs: number[] = [];
  for (const interval of input.powered) {
    for (let t = interval.from + 2 * MINUTE_MS; t < interval.to; t += HOUR_MS) runs.push(t);
    // Agents also report a state change at once, not only at the next hourly run.
    const off = input.antivirusOffFrom;
    if (off !== undefined && off >= interval.from && off + MINUTE_MS < interval.to) runs.push(off + MINUTE_MS);
  }
  runs.sort((a, b) => a - b);
  if (runs.length === 0) return [];
  const av = device.antivirus;
  const age = definitionsAgeDays(input);
  const definitionsDate = toJstIsoString(day.startMs - age * DAY_MS).slice(0, 10);
  const encrypted = device.security.encryptedFromDay !== null && day.index >= device.security.encryptedFromDay;
  const { screenLockFixedOnDay } = device.security;
  const lockMinutes =
    screenLockFixedOnDay !== null && day.index >= screenLockFixedOnDay ? 10 : device.security.screenLockMinutes;
  const firewallOff = randomFor(seed, 'firewall', device.key, day.dayNumber).chance(0.015);
  const pending = pendingUpdateRounds(seed, device, day);
  const oldestPendingDays = pending.length > 0 ? day.dayNumber - Math.min(...pending.map((p) => p.sinceDayNumber)) : 0;
  const pendingIds = pending.map((p) => `${p.year}-${String(p.month).padStart(2, '0')} 累積更新プログラム`).join(', ');

  return runs.flatMap((at): HealthResult[] => {
    const time = toJstIsoString(at);
    const avOff = input.antivirusOffFrom !== undefined && at >= input.antivirusOffFrom;
    return [
      avOff
        ? {
            checkId: 'antivirus.running',
            time,
            status: 'fail',
            value: 'stopped',
            detail: `${av.name}: リアルタイム保護が無効です`,
          }
        : { checkId: 'antivirus.running', time, status: 'pass', value: av.name },
      {
        checkId: 'antivirus.definitions_age_days',
        time,
        status: age <= 3 ? 'pass' : 'fail',
        value: String(age),
        detail: `定義ファイル ${definitionsDate} (${age} 日前)`,
      },
      encrypted
        ? {
            checkId: 'disk.encryption',
            time,
            status: 'pass',
            value: 'BitLocker',
            detail: 'C: 暗号化済み (XTS-AES 128)',
          }
        : {
            checkId: 'disk.encryption',
            time,
            status: 'fail',
            value: 'none',
            detail: 'C: ドライブが暗号化されていません',
          },
      firewallOff
        ? {
            checkId: 'firewall.enabled',
            time,
            status: 'fail',
            value: 'domain=off',
            detail: 'ドメイン プロファイルのファイアウォールが無効です',
          }
        : { checkId: 'firewall.enabled', time, status: 'pass', value: 'domain=on,private=on,public=on' },
      {
        checkId: 'screen_lock.enabled',
        time,
        status: lockMinutes > 0 && lockMinutes <= 15 ? 'pass' : 'fail',
        value: String(Math.max(0, lockMinutes)),
      },
      {
        checkId: 'os.updates_pending',
        time,
        status: oldestPendingDays > 7 ? 'fail' : 'pass',
        value: String(pending.length * 2),
        ...(pending.length > 0 ? { detail: `未適用: ${pendingIds} (${oldestPendingDays} 日)` } : {}),
      },
    ];
  });
}
