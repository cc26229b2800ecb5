import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA_TARGETS,
  slaClocks,
  slaStateRank,
  type SlaClock,
  type TicketStatus,
} from '../../desk/rules/sla.js';

// The week of Monday 2026-06-08 to Friday 2026-06-12 has no holiday: 7 business hours a day.

/** "2026-06-08 09:30" (or with seconds) read as JST wall-clock time. */
function jst(wallClock: string): Date {
  const time = wallClock.length === 16 ? `${wallClock}:00` : wallClock;
  return new Date(`${time.replace(' ', 'T')}+09:00`);
}

/** The clocks of a ticket created at the first change, described as [JST time, status] pairs. */
function clocksOf(changes: [string, TicketStatus][], now: string, firstResponseAt: string | null = null) {
  const statusChanges = changes.map(([at, status]) => ({ at: jst(at), status }));
  return slaClocks({
    createdAt: statusChanges[0]!.at,
    statusChanges,
    firstResponseAt: firstResponseAt ? jst(firstResponseAt) : null,
    now: jst(now),
    targets: DEFAULT_SLA_TARGETS,
  });
}

describe('the default targets', () => {
  it('are 120 business minutes to the first response, 1260 (three business days of 7 h) to resolution, warning at 25 %', () => {
    expect(DEFAULT_SLA_TARGETS).toEqual({ firstResponseMinutes: 120, resolutionMinutes: 1260, warningShare: 0.25 });
  });
});

describe('the first-response clock (120 business minutes)', () => {
  it('is met at the response: created Monday 9:30, answered 10:45, is 75 minutes with 45 to spare', () => {
    const { firstResponse } = clocksOf(
      [
        ['2026-06-08 09:30', 'new'],
        ['2026-06-08 10:45', 'open'],
      ],
      '2026-06-09 15:00',
      '2026-06-08 10:45',
    );
    expect(firstResponse).toEqual({
      targetMinutes: 120,
      elapsedMinutes: 75,
      remainingMinutes: 45,
      dueAt: null,
      state: 'met',
      metAt: jst('2026-06-08 10:45'),
      breachedAt: null,
    });
  });

  it('runs with its due instant: created Friday 2026-06-12 16:00, at 17:00 it is due Monday 10:00', () => {
    const { firstResponse } = clocksOf([['2026-06-12 16:00', 'new']], '2026-06-12 17:00');
    expect(firstResponse.state).toBe('running');
    expect(firstResponse.elapsedMinutes).toBe(60);
    expect(firstResponse.dueAt).toEqual(jst('2026-06-15 10:00'));
  });

  it('breaches at the exact instant the count passed 120: created Friday 16:00, answered Monday 11:00, breached Monday 10:00', () => {
    const { firstResponse } = clocksOf([['2026-06-12 16:00', 'new']], '2026-06-15 15:00', '2026-06-15 11:00');
    expect(firstResponse).toEqual({
      targetMinutes: 120,
      elapsedMinutes: 90 + 90,
      remainingMinutes: -60,
      dueAt: jst('2026-06-15 10:00'),
      state: 'breached',
      metAt: null,
      breachedAt: jst('2026-06-15 10:00'),
    });
  });

  it('is breached while still unanswered: created Friday 16:00, now Monday 10:30', () => {
    const { firstResponse } = clocksOf([['2026-06-12 16:00', 'new']], '2026-06-15 10:30');
    expect(firstResponse.state).toBe('breached');
    expect(firstResponse.remainingMinutes).toBe(-30);
    expect(firstResponse.breachedAt).toEqual(jst('2026-06-15 10:00'));
  });

  it('starts counting at the next 9:30 for a ticket created Saturday 2026-06-13 10:00: on Monday 9:00 nothing counted, due 11:30', () => {
    const { firstResponse, resolution } = clocksOf([['2026-06-13 10:00', 'new']], '2026-06-15 09:00');
    expect(firstResponse).toMatchObject({
      state: 'running',
      elapsedMinutes: 0,
      remainingMinutes: 120,
      dueAt: jst('2026-06-15 11:30'),
    });
    expect(resolution.dueAt).toEqual(jst('2026-06-17 17:30'));
  });

  it('starts counting at 9:30 for a ticket created Monday 7:00: at 10:00 it has counted 30 minutes', () => {
    const { firstResponse } = clocksOf([['2026-06-08 07:00', 'new']], '2026-06-08 10:00');
    expect(firstResponse.elapsedMinutes).toBe(30);
    expect(firstResponse.dueAt).toEqual(jst('2026-06-08 11:30'));
  });

  it('counts a begun minute, and reads a negative remainder exactly when breached (created Monday 9:30)', () => {
    const created: [string, TicketStatus][] = [['2026-06-08 09:30', 'new']];
    expect(clocksOf(created, '2026-06-08 09:30:30').firstResponse).toMatchObject({
      elapsedMinutes: 1,
      remainingMinutes: 119,
    });
    expect(clocksOf(created, '2026-06-08 11:30:00').firstResponse).toMatchObject({
      state: 'warning',
      remainingMinutes: 0,
    });
    expect(clocksOf(created, '2026-06-08 11:30:01').firstResponse).toMatchObject({
      state: 'breached',
      remainingMinutes: -1,
      breachedAt: jst('2026-06-08 11:30'),
    });
  });

  it('pauses while the ticket awaits the participant, with no due instant', () => {
    const { firstResponse } = clocksOf(
      [
        ['2026-06-08 09:30', 'new'],
        ['2026-06-08 10:00', 'awaiting_participant'],
      ],
      '2026-06-08 15:00',
    );
    expect(firstResponse).toMatchObject({ state: 'paused', elapsedMinutes: 30, dueAt: null, metAt: null });
  });

  it('is met when the ticket is resolved without any response (e.g. spam), at the resolving instant', () => {
    const { firstResponse } = clocksOf(
      [
        ['2026-06-08 09:30', 'new'],
        ['2026-06-08 10:00', 'closed'],
      ],
      '2026-06-10 15:00',
    );
    expect(firstResponse).toMatchObject({ state: 'met', elapsedMinutes: 30, metAt: jst('2026-06-08 10:00') });
  });
});

describe('the resolution clock (1260 business minutes)', () => {
  const pausedForABusinessDay: [string, TicketStatus][] = [
    ['2026-06-08 09:30', 'new'],
    ['2026-06-08 10:00', 'open'],
    ['2026-06-08 11:30', 'awaiting_participant'],
    ['2026-06-09 11:30', 'open'],
  ];

  it('does not count the wait for the participant: open Monday 9:30-11:30, waiting until Tuesday 11:30, at Tuesday 14:00 it has counted 210 minutes', () => {
    const { resolution } = clocksOf(pausedForABusinessDay, '2026-06-09 14:00', '2026-06-08 10:00');
    expect(resolution).toMatchObject({ state: 'running', elapsedMinutes: 120 + 90, remainingMinutes: 1050 });
  });

  it('moves the due instant later by the paused business day: Wednesday 17:30 without the wait, Thursday 17:30 with it', () => {
    const withoutWait = clocksOf([['2026-06-08 09:30', 'new']], '2026-06-08 09:30').resolution;
    const withWait = clocksOf(pausedForABusinessDay, '2026-06-09 14:00', '2026-06-08 10:00').resolution;
    expect(withoutWait.dueAt).toEqual(jst('2026-06-10 17:30'));
    expect(withWait.dueAt).toEqual(jst('2026-06-11 17:30'));
  });

  it('has no due instant while paused (Tuesday 10:00, during the wait) and keeps the count it had', () => {
    const { resolution } = clocksOf(pausedForABusinessDay, '2026-06-09 10:00', '2026-06-08 10:00');
    expect(resolution).toMatchObject({ state: 'paused', elapsedMinutes: 120, dueAt: null, breachedAt: null });
  });

  const resolvedMonday: [string, TicketStatus][] = [
    ['2026-06-08 09:30', 'new'],
    ['2026-06-08 10:00', 'open'],
    ['2026-06-08 15:00', 'resolved'],
  ];

  it('stops when the ticket is resolved: resolved Monday 15:00 after 270 minutes, met at 15:00', () => {
    const { resolution } = clocksOf(resolvedMonday, '2026-06-10 10:00', '2026-06-08 10:00');
    expect(resolution).toMatchObject({
      state: 'met',
      elapsedMinutes: 270,
      metAt: jst('2026-06-08 15:00'),
      dueAt: null,
    });
  });

  it('stays met at the resolving instant when the resolved ticket is later closed', () => {
    const closed: [string, TicketStatus][] = [...resolvedMonday, ['2026-06-09 10:00', 'closed']];
    expect(clocksOf(closed, '2026-06-10 10:00').resolution.metAt).toEqual(jst('2026-06-08 15:00'));
  });

  it('continues from the count it had when reopened Wednesday 10:00: at 11:00 it has 330 minutes and is due Friday 13:30', () => {
    const reopened: [string, TicketStatus][] = [...resolvedMonday, ['2026-06-10 10:00', 'open']];
    const { resolution, firstResponse } = clocksOf(reopened, '2026-06-10 11:00', '2026-06-08 10:00');
    expect(resolution).toMatchObject({
      state: 'running',
      elapsedMinutes: 330,
      metAt: null,
      dueAt: jst('2026-06-12 13:30'),
    });
    expect(firstResponse.state).toBe('met');
  });

  it('warns when at most 25 % (315 minutes) remains: running at Wednesday 11:14, warning at 11:15', () => {
    const created: [string, TicketStatus][] = [['2026-06-08 09:30', 'new']];
    expect(clocksOf(created, '2026-06-10 11:14', '2026-06-08 10:00').resolution).toMatchObject({
      state: 'running',
      remainingMinutes: 316,
    });
    expect(clocksOf(created, '2026-06-10 11:15', '2026-06-08 10:00').resolution).toMatchObject({
      state: 'warning',
      remainingMinutes: 315,
      dueAt: jst('2026-06-10 17:30'),
    });
  });

  it('is breached, not met, when resolved after the target: resolved Thursday 11:00, breached Wednesday 17:30', () => {
    const late: [string, TicketStatus][] = [
      ['2026-06-08 09:30', 'open'],
      ['2026-06-11 11:00', 'resolved'],
    ];
    expect(clocksOf(late, '2026-06-12 10:00', '2026-06-08 09:40').resolution).toEqual({
      targetMinutes: 1260,
      elapsedMinutes: 1350,
      remainingMinutes: -90,
      dueAt: jst('2026-06-10 17:30'),
      state: 'breached',
      metAt: null,
      breachedAt: jst('2026-06-10 17:30'),
    });
  });

  it('places the breach inside the counting interval after a wait, and stays breached while waiting again', () => {
    const ticket: [string, TicketStatus][] = [
      ['2026-06-08 09:30', 'open'],
      ['2026-06-09 09:30', 'awaiting_participant'],
      ['2026-06-10 09:30', 'open'],
      ['2026-06-12 10:00', 'awaiting_participant'],
    ];
    const { resolution } = clocksOf(ticket, '2026-06-12 15:00', '2026-06-08 09:40');
    expect(resolution).toMatchObject({ state: 'breached', elapsedMinutes: 1290, breachedAt: jst('2026-06-11 17:30') });
  });
});

describe('ordering a queue by SLA state', () => {
  it('puts breached first, then warning, running, paused and met', () => {
    const clockIn = (state: SlaClock['state']): SlaClock => ({
      targetMinutes: 120,
      elapsedMinutes: 0,
      remainingMinutes: 120,
      dueAt: null,
      state,
      metAt: null,
      breachedAt: null,
    });
    const queue = (['met', 'paused', 'running', 'breached', 'warning'] as const).map(clockIn);
    expect(queue.sort((a, b) => slaStateRank(a) - slaStateRank(b)).map((clock) => clock.state)).toEqual([
      'breached',
      'warning',
      'running',
      'paused',
      'met',
    ]);
  });
});
