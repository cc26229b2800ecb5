import type { LogEvent } from '../../agent-protocol/index.js';
import { ordinaryActivity, type ActivityContext, type EventBody, type TimedEvent } from './activity-events.js';
import type { DaySchedule } from './daily-schedule.js';
import { workingSetFor } from './document-catalog.js';
import { patchInstallDayNumber } from './health-checks.js';
import { HOUR_MS, MINUTE_MS, compactJstDate, type CalendarDay } from './japan-calendar.js';
import { toJstIsoString } from '../../common/jst-time.js';
import type { SimulatedDevice } from './office-roster.js';
import { BUSINESS_PARTNERS } from './people-and-places.js';
import type { OwnedPeripheral } from './peripheral-catalog.js';
import { randomFor, type Seed, type SeededRandom } from './seeded-random.js';
import { monthlyUpdates } from './software-catalog.js';

/**
 * All events of one PC on one JST day: the session (boot or wake, logon, lunch and meeting locks,
 * logoff, shutdown or sleep), peripherals (a phone plugged in to charge, the company USB stick, a
 * headset for online meetings), ordinary work spread over the day's activity spans, and any planted
 * incident. seq = JST day number × 1,000,000 + position, so seq increases across days and a day can be
 * generated on its own.
 */
export const EVENTS_PER_BUSY_HOUR = 300;
export const SEQ_PER_DAY = 1_000_000;

export interface DeviceDayInput {
  seed: Seed;
  scale: number;
  device: SimulatedDevice;
  day: CalendarDay;
  schedule: DaySchedule;
  /** Events of incidents planted on this device-day. */
  incidentEvents: readonly TimedEvent[];
  /** A night session before the day's own: the morning start is then a boot, not a wake. */
  hadNightSession: boolean;
}

function sessionEvents(input: DeviceDayInput, rng: SeededRandom): TimedEvent[] {
  const { device, schedule, seed, day } = input;
  const user = device.user;
  const logon = (
    at: number,
    action: 'logon' | 'logoff' | 'lock' | 'unlock' | 'logon_failed',
    eventId: string,
    extra: Partial<EventBody> = {},
  ): TimedEvent => ({
    at,
    body: {
      category: 'logon',
      action,
      user,
      logonType: action === 'unlock' ? 'unlock' : 'interactive',
      sessionId: '2',
      attributes: { windowsEventId: eventId },
      ...extra,
    } as EventBody,
  });
  const events: TimedEvent[] = [];
  events.push(
    schedule.resumesFromSleep && !input.hadNightSession
      ? {
          at: schedule.powerOnAt,
          body: {
            category: 'boot',
            action: 'wake',
            message: 'スリープから復帰しました',
            attributes: { windowsEventId: '1' },
          },
        }
      : {
          at: schedule.powerOnAt,
          body: {
            category: 'boot',
            action: 'boot',
            bootId: rng.hex(8),
            uptimeSeconds: 0,
            message: 'Windows が起動しました',
            attributes: { windowsEventId: '12' },
          },
        },
  );
  if (schedule.failedLogonFirst) {
    events.push(
      logon(schedule.logonAt - rng.between(15, 50) * 1000, 'logon_failed', '4625', {
        failureReason: 'ユーザー名またはパスワードが正しくありません。',
      }),
    );
  }
  events.push(logon(schedule.logonAt, 'logon', '4624'));
  for (const pause of [...(schedule.lunch ? [schedule.lunch] : []), ...schedule.meetings.filter((m) => !m.online)]) {
    events.push(logon(pause.from - rng.between(0, 2) * MINUTE_MS, 'lock', '4800'));
    events.push(logon(pause.to + rng.between(0, 3) * MINUTE_MS, 'unlock', '4801'));
  }
  const startingPrograms = device.software.filter(
    (s) => s.processName && ['ms-teams.exe', `${device.browser}.exe`, 'Chatwork.exe'].includes(s.processName),
  );
  for (const program of startingPrograms) {
    const common = {
      category: 'software_operation' as const,
      user,
      processName: program.processName!,
      processPath: program.processPath,
      version: program.version,
      publisher: program.publisher,
    };
    events.push({
      at: schedule.logonAt + rng.between(0.3, 4) * MINUTE_MS,
      body: { ...common, action: 'start', pid: rng.int(250, 12_000) * 4 },
    });
    events.push({ at: schedule.leaveAt - rng.between(0.2, 2) * MINUTE_MS, body: { ...common, action: 'stop' } });
  }
  events.push(logon(schedule.leaveAt, 'logoff', '4647'));
  // The month's updates go in with 更新してシャットダウン on the day this PC installs them.
  const installsUpdatesToday = patchInstallDayNumber(seed, device, day.year, day.month) === day.dayNumber;
  if (installsUpdatesToday) {
    const cumulative = monthlyUpdates(device.windows, day.year, day.month)[0]!;
    events.push({
      at: schedule.powerOffAt,
      body: {
        category: 'boot',
        action: 'shutdown',
        reason: `更新してシャットダウン (${cumulative.id})`,
        attributes: { windowsEventId: '13' },
      },
    });
  } else if (schedule.sleepsAtEnd) {
    events.push({
      at: schedule.powerOffAt,
      body: {
        category: 'boot',
        action: 'sleep',
        message: 'スリープに移行しました',
        attributes: { windowsEventId: '42' },
      },
    });
  } else {
    events.push({
      at: schedule.powerOffAt,
      body: {
        category: 'boot',
        action: 'shutdown',
        reason: 'ユーザーによるシャットダウン',
        attributes: { windowsEventId: '13' },
      },
    });
  }
  return events;
}

function peripheralFields(owned: OwnedPeripheral) {
  const { model } = owned;
  return {
    deviceClass: model.deviceClass,
    vendorId: model.vendorId,
    productId: model.productId,
    serial: owned.serial,
    deviceName: model.deviceName,
  };
}

function peripheralEvents(input: DeviceDayInput, rng: SeededRandom, context: ActivityContext): TimedEvent[] {
  const { device, schedule } = input;
  const user = device.user;
  const events: TimedEvent[] = [];
  if (device.phone && rng.chance(device.habits.phoneChargeChance)) {
    const fields = peripheralFields(device.phone);
    const at = schedule.logonAt + rng.between(3, 60) * MINUTE_MS;
    events.push({ at, body: { category: 'external_device', action: 'connect', user, ...fields } });
    events.push({
      at: at + 700,
      body: {
        category: 'device_control',
        action: 'blocked',
        user,
        ...fields,
        ruleName: 'スマートフォン接続禁止 (充電のみ許可)',
        reason: 'MTP/PTP 接続はポリシーで禁止されています',
      },
    });
    events.push({
      at: schedule.leaveAt - rng.between(1, 4) * MINUTE_MS,
      body: { category: 'external_device', action: 'disconnect', user, ...fields },
    });
  }
  const busy = schedule.activity.filter((s) => s.rate >= 0.7 && s.to - s.from > 20 * MINUTE_MS);
  if (device.usbStick && busy.length > 0 && rng.chance(device.habits.usbDayChance)) {
    const stick = device.usbStick;
    const fields = peripheralFields(stick);
    const span = rng.pick(busy);
    let at = rng.between(span.from, span.to - 15 * MINUTE_MS);
    events.push({
      at,
      body: {
        category: 'external_device',
        action: 'connect',
        user,
        ...fields,
        volumeLabel: stick.volumeLabel,
        capacityBytes: stick.capacityBytes,
      },
    });
    events.push({
      at: at + 700,
      body: { category: 'device_control', action: 'allowed', user, ...fields, ruleName: '登録済みUSBメモリ' },
    });
    for (let i = rng.int(1, 6); i > 0; i -= 1) {
      const doc = rng.pick(context.workingSet);
      at += rng.between(10, 90) * 1000;
      events.push({
        at,
        body: {
          category: 'file_operation',
          action: 'copy',
          user,
          path: `${doc.folder}\\${doc.name}`,
          targetPath: `E:\\${doc.name}`,
          sizeBytes: doc.sizeBytes,
          driveType: 'removable',
          processName: 'explorer.exe',
        },
      });
    }
    events.push({
      at: at + rng.between(1, 10) * MINUTE_MS,
      body: { category: 'external_device', action: 'disconnect', user, ...fields },
    });
  }
  const online = schedule.meetings.find((m) => m.online);
  if (device.headset && online) {
    const fields = peripheralFields(device.headset);
    events.push({
      at: online.from - rng.between(1, 3) * MINUTE_MS,
      body: { category: 'external_device', action: 'connect', user, ...fields },
    });
    events.push({
      at: schedule.leaveAt - rng.between(1, 3) * MINUTE_MS,
      body: { category: 'external_device', action: 'disconnect', user, ...fields },
    });
  }
  return events;
}

function ordinaryWork(input: DeviceDayInput, context: ActivityContext): TimedEvent[] {
  const { rng } = context;
  const perHour = EVENTS_PER_BUSY_HOUR * input.scale * input.device.habits.activity;
  const events: TimedEvent[] = [];
  for (const span of input.schedule.activity) {
    const count = rng.poisson((perHour * span.rate * (span.to - span.from)) / HOUR_MS);
    for (let i = 0; i < count; i += 1)
      events.push({ at: rng.between(span.from, span.to), body: ordinaryActivity(context) });
  }
  return events;
}

export function deviceDayEvents(input: DeviceDayInput): LogEvent[] {
  const { seed, device, day, schedule } = input;
  const timed: TimedEvent[] = [];
  if (schedule.present) {
    const rng = randomFor(seed, 'events', device.key, day.dayNumber);
    const context: ActivityContext = {
      rng,
      device,
      day,
      workingSet: workingSetFor(rng, device, day),
      web: {
        rng,
        profile: device.profile,
        tenant: device.tenant,
        dateCompact: compactJstDate(day.startMs),
        year: day.year,
        partners: BUSINESS_PARTNERS,
      },
    };
    timed.push(...sessionEvents(input, rng), ...peripheralEvents(input, rng, context), ...ordinaryWork(input, context));
  }
  timed.push(...input.incidentEvents);
  // Integer milliseconds first, so the order matches the times the server stores.
  const ordered = timed.map((t) => ({ at: Math.round(t.at), body: t.body })).sort((a, b) => a.at - b.at);
  const firstSeq = day.dayNumber * SEQ_PER_DAY;
  if (ordered.length >= SEQ_PER_DAY)
    throw new Error(`more than ${SEQ_PER_DAY} events for ${device.hostname} on ${day.date}: lower the scale`);
  return ordered.map(({ at, body }, i) => ({ ...body, seq: firstSeq + i, time: toJstIsoString(at) }) as LogEvent);
}
