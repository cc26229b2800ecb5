import { describe, expect, it } from 'vitest';
import {
  BUSINESS_WINDOWS,
  addBusinessMinutes,
  businessMillisecondsBetween,
  businessMinutesBetween,
  closedReason,
  isBusinessDay,
  nextBusinessInstant,
} from '../../desk/rules/business-calendar.js';

/** "2026-11-20 17:00" read as JST wall-clock time, whatever the process's time zone. */
function jst(wallClock: string): Date {
  return new Date(`${wallClock.replace(' ', 'T')}:00+09:00`);
}

/** A deterministic pseudo-random generator (mulberry32), so a failing case can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('art. 13: the desk works 9:30-12:00 and 13:00-17:30 JST', () => {
  it('has exactly the two windows of the terms', () => {
    expect(BUSINESS_WINDOWS).toEqual([
      { start: '09:30', end: '12:00' },
      { start: '13:00', end: '17:30' },
    ]);
  });

  it('counts a whole ordinary Thursday (2026-11-19) as 7 hours', () => {
    expect(businessMinutesBetween(jst('2026-11-19 00:00'), jst('2026-11-20 00:00'))).toBe(420);
  });

  it('does not count the lunch break: Thursday 11:30 to 13:30 is 60 minutes', () => {
    expect(businessMinutesBetween(jst('2026-11-19 11:30'), jst('2026-11-19 13:30'))).toBe(60);
    expect(businessMinutesBetween(jst('2026-11-19 12:00'), jst('2026-11-19 13:00'))).toBe(0);
  });

  it('does not count before 9:30 or after 17:30: Thursday 8:00 to 19:00 is 7 hours', () => {
    expect(businessMinutesBetween(jst('2026-11-19 08:00'), jst('2026-11-19 09:30'))).toBe(0);
    expect(businessMinutesBetween(jst('2026-11-19 17:30'), jst('2026-11-19 23:59'))).toBe(0);
    expect(businessMinutesBetween(jst('2026-11-19 08:00'), jst('2026-11-19 19:00'))).toBe(420);
  });

  it('counts across a weekend only the Friday and Monday hours: Friday 2026-11-13 16:00 to Monday 11:00 is 180 minutes', () => {
    expect(businessMinutesBetween(jst('2026-11-13 16:00'), jst('2026-11-16 11:00'))).toBe(90 + 90);
  });

  it('is 0 when from equals to, and 0 when to is before from', () => {
    expect(businessMinutesBetween(jst('2026-11-19 10:00'), jst('2026-11-19 10:00'))).toBe(0);
    expect(businessMinutesBetween(jst('2026-11-19 11:00'), jst('2026-11-19 10:00'))).toBe(0);
  });

  it('counts to the millisecond: 10:00:00 to 10:00:30 is half a minute', () => {
    expect(
      businessMillisecondsBetween(jst('2026-11-19 10:00'), new Date(jst('2026-11-19 10:00').getTime() + 30_000)),
    ).toBe(30_000);
    expect(businessMinutesBetween(jst('2026-11-19 10:00'), new Date(jst('2026-11-19 10:00').getTime() + 30_000))).toBe(
      0.5,
    );
  });
});

describe('art. 13: the desk is closed on weekends, national holidays and 12/29-1/3', () => {
  it('makes a ticket opened Friday 2026-11-13 17:00 with 120 minutes due Monday 2026-11-16 11:00 (30 min Friday + 90 min Monday)', () => {
    expect(addBusinessMinutes(jst('2026-11-13 17:00'), 120)).toEqual(jst('2026-11-16 11:00'));
  });

  it('makes a ticket opened Friday 2026-11-20 17:00 with 120 minutes due Tuesday 2026-11-24 11:00, because Monday 11/23 is 勤労感謝の日', () => {
    expect(closedReason('2026-11-23')).toEqual({
      kind: 'holiday',
      name: { ja: '勤労感謝の日', en: 'Labor Thanksgiving Day' },
    });
    expect(addBusinessMinutes(jst('2026-11-20 17:00'), 120)).toEqual(jst('2026-11-24 11:00'));
  });

  it('does not count 成人の日 (Monday 2023-01-09): Friday 2023-01-06 17:00 + 120 minutes is Tuesday 2023-01-10 11:00', () => {
    expect(isBusinessDay('2023-01-09')).toBe(false);
    expect(addBusinessMinutes(jst('2023-01-06 17:00'), 120)).toEqual(jst('2023-01-10 11:00'));
    expect(businessMinutesBetween(jst('2023-01-09 00:00'), jst('2023-01-10 00:00'))).toBe(0);
  });

  it('does not count the break 12/29-1/3: Monday 2026-12-28 17:00 + 60 minutes is Monday 2027-01-04 10:00', () => {
    expect(isBusinessDay('2027-01-04')).toBe(true);
    expect(addBusinessMinutes(jst('2026-12-28 17:00'), 60)).toEqual(jst('2027-01-04 10:00'));
  });

  it('closes on Tuesday 2025-12-30, a weekday inside the break, and says year_end', () => {
    expect(isBusinessDay('2025-12-30')).toBe(false);
    expect(closedReason('2025-12-30')).toEqual({
      kind: 'year_end',
      name: { ja: '年末年始休業', en: 'Year-end and New Year break' },
    });
    expect(businessMinutesBetween(jst('2025-12-30 09:00'), jst('2025-12-30 18:00'))).toBe(0);
    expect(closedReason('2026-01-01')?.kind).toBe('year_end');
    expect(closedReason('2026-01-03')?.kind).toBe('year_end');
    expect(closedReason('2025-12-29')?.kind).toBe('year_end');
    expect(isBusinessDay('2025-12-26')).toBe(true);
  });

  it('closes on the substitute holiday 振替休日 Monday 2024-02-12 (建国記念の日 fell on Sunday 2/11)', () => {
    expect(isBusinessDay('2024-02-12')).toBe(false);
    expect(closedReason('2024-02-12')).toEqual({
      kind: 'holiday',
      name: { ja: '建国記念の日 振替休日', en: 'Holiday in lieu' },
    });
    expect(addBusinessMinutes(jst('2024-02-09 17:00'), 60)).toEqual(jst('2024-02-13 10:00'));
  });

  it("closes on the citizens' holiday 国民の休日 Tuesday 2026-09-22, between 敬老の日 and 秋分の日", () => {
    expect(closedReason('2026-09-22')?.kind).toBe('holiday');
    expect(isBusinessDay('2026-09-22')).toBe(false);
  });

  it('names 成人の日 in Japanese and English', () => {
    expect(closedReason('2023-01-09')).toEqual({ kind: 'holiday', name: { ja: '成人の日', en: 'Coming of Age Day' } });
  });

  it('names a holiday on a Sunday as the holiday, and an ordinary weekend as the day', () => {
    expect(closedReason('2024-02-11')?.name.ja).toBe('建国記念の日');
    expect(closedReason('2026-11-21')).toEqual({ kind: 'weekend', name: { ja: '土曜日', en: 'Saturday' } });
    expect(closedReason('2026-11-22')).toEqual({ kind: 'weekend', name: { ja: '日曜日', en: 'Sunday' } });
    expect(closedReason('2026-11-24')).toBeNull();
  });

  it('refuses a date that does not exist rather than guessing', () => {
    expect(() => isBusinessDay('2026-02-30')).toThrow(RangeError);
    expect(() => closedReason('2026/11/24')).toThrow(RangeError);
  });
});

describe('adding business minutes', () => {
  it('ends at the window end itself: Friday 2026-11-13 17:00 + 30 minutes is Friday 17:30, not Monday 9:30', () => {
    expect(addBusinessMinutes(jst('2026-11-13 17:00'), 30)).toEqual(jst('2026-11-13 17:30'));
  });

  it('ends at 12:00 rather than 13:00 when the morning is used up: Thursday 11:00 + 60 minutes', () => {
    expect(addBusinessMinutes(jst('2026-11-19 11:00'), 60)).toEqual(jst('2026-11-19 12:00'));
    expect(addBusinessMinutes(jst('2026-11-19 11:00'), 61)).toEqual(jst('2026-11-19 13:01'));
  });

  it('starts counting at 9:30 when started before it: Thursday 7:00 + 30 minutes is 10:00', () => {
    expect(addBusinessMinutes(jst('2026-11-19 07:00'), 30)).toEqual(jst('2026-11-19 10:00'));
  });

  it('returns from itself for zero or negative minutes, even outside business hours (Saturday 2026-11-21 3:00)', () => {
    expect(addBusinessMinutes(jst('2026-11-21 03:00'), 0)).toEqual(jst('2026-11-21 03:00'));
    expect(addBusinessMinutes(jst('2026-11-21 03:00'), -5)).toEqual(jst('2026-11-21 03:00'));
  });

  it('handles targets of a few thousand minutes: Thursday 2026-11-19 9:30 + 2100 minutes (five business days) is Thursday 11/26 17:30, skipping 11/23', () => {
    expect(addBusinessMinutes(jst('2026-11-19 09:30'), 2100)).toEqual(jst('2026-11-26 17:30'));
  });

  it('refuses amounts that could never be reached', () => {
    expect(() => addBusinessMinutes(jst('2026-11-19 09:30'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addBusinessMinutes(jst('2026-11-19 09:30'), Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessMinutes(jst('2026-11-19 09:30'), 10_000_000)).toThrow(RangeError);
    expect(() => addBusinessMinutes(new Date(Number.NaN), 10)).toThrow(RangeError);
  });

  it('agrees with businessMinutesBetween for 2000 random instants (2020-2030) and amounts (fixed seed)', () => {
    const random = seededRandom(20261120);
    const first = jst('2020-01-01 00:00').getTime();
    const last = jst('2030-12-31 00:00').getTime();
    for (let i = 0; i < 2000; i++) {
      const from = new Date(first + Math.floor(random() * (last - first)));
      const minutes = 1 + Math.floor(random() * 5000);
      const due = addBusinessMinutes(from, minutes);
      expect(businessMinutesBetween(from, due), `${from.toISOString()} + ${minutes}`).toBe(minutes);
      // The earliest such instant: one millisecond earlier is not enough.
      expect(businessMillisecondsBetween(from, new Date(due.getTime() - 1))).toBe(minutes * 60_000 - 1);
    }
  });
});

describe('the next business instant', () => {
  it('is the instant itself inside a window (Thursday 2026-11-19 10:15)', () => {
    expect(nextBusinessInstant(jst('2026-11-19 10:15'))).toEqual(jst('2026-11-19 10:15'));
    expect(nextBusinessInstant(jst('2026-11-19 09:30'))).toEqual(jst('2026-11-19 09:30'));
  });

  it('is 13:00 during lunch and at 12:00 itself', () => {
    expect(nextBusinessInstant(jst('2026-11-19 12:00'))).toEqual(jst('2026-11-19 13:00'));
    expect(nextBusinessInstant(jst('2026-11-19 12:30'))).toEqual(jst('2026-11-19 13:00'));
  });

  it('is Tuesday 2026-11-24 9:30 from Friday 11/20 17:30, over the weekend and 勤労感謝の日', () => {
    expect(nextBusinessInstant(jst('2026-11-20 17:30'))).toEqual(jst('2026-11-24 09:30'));
  });

  it('is Monday 2027-01-04 9:30 from Monday 2026-12-28 18:00, over the year-end break', () => {
    expect(nextBusinessInstant(jst('2026-12-28 18:00'))).toEqual(jst('2027-01-04 09:30'));
  });
});

describe('independence from the process time zone', () => {
  it('gives the same answers when the process runs in America/Los_Angeles or Asia/Tokyo', () => {
    const saved = process.env.TZ;
    const answers = () => [
      addBusinessMinutes(jst('2026-11-20 17:00'), 120).toISOString(),
      businessMinutesBetween(jst('2026-12-28 09:00'), jst('2027-01-05 00:00')),
      nextBusinessInstant(jst('2023-01-08 23:59')).toISOString(),
    ];
    try {
      process.env.TZ = 'America/Los_Angeles';
      const inLosAngeles = answers();
      process.env.TZ = 'Asia/Tokyo';
      expect(answers()).toEqual(inLosAngeles);
      expect(inLosAngeles).toEqual([
        jst('2026-11-24 11:00').toISOString(),
        420 + 420,
        jst('2023-01-10 09:30').toISOString(),
      ]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
