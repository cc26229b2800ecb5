import { beforeAll, describe, expect, it } from 'vitest';
import {
  LOG_CATEGORIES,
  eventsBatch,
  healthBatch,
  healthResult,
  inventoryBatch,
  inventorySnapshot,
  logEvent,
} from '../../agent-protocol/index.js';
import {
  KNOWN_BAD_SITES,
  calendarDay,
  measureWorkload,
  planOffice,
  type OfficePlanOptions,
  type WorkloadStats,
} from '../../agent/simulator/index.js';

// What the simulator generates, checked without a server: reproducible, shaped like a Japanese
// office week, and valid under the protocol's own schemas.
const OFFICES: OfficePlanOptions = {
  seed: 20261102,
  participants: [{ name: '株式会社さくら商事' }, { name: '青葉精機株式会社' }],
  devicesPerParticipant: 3,
  start: '2026-11-02T10:00:00+09:00', // a Monday; 2026-11-03 is 文化の日, 2026-11-23 勤労感謝の日
  days: 14,
};

/** Runs `generate` with Math.random and Date.now unusable, so any use of them inside generation fails the test. */
function withoutAmbientRandomness<T>(generate: () => T): T {
  const { random } = Math;
  const { now } = Date;
  Math.random = () => {
    throw new Error('Math.random used during generation');
  };
  Date.now = () => {
    throw new Error('Date.now used during generation');
  };
  try {
    return generate();
  } finally {
    Math.random = random;
    Date.now = now;
  }
}

describe('the same seed gives the same offices and events', () => {
  it('plans the same PCs, people and incidents, and generates identical days in any order', () => {
    const [first, second] = withoutAmbientRandomness(() => [planOffice(OFFICES), planOffice(OFFICES)] as const);
    expect(second.devices).toEqual(first.devices);
    expect(second.incidents).toEqual(first.incidents);
    for (const index of [0, 2, 5]) {
      const device = first.devices[index]!;
      // The second plan generates the later day first: days must not depend on each other.
      const later = withoutAmbientRandomness(() => second.eventsFor(second.devices[index]!, 9));
      const [earlyA, laterA, healthA] = withoutAmbientRandomness(() => [
        first.eventsFor(device, 2),
        first.eventsFor(device, 9),
        first.healthFor(device, 9),
      ]);
      expect(laterA.length + earlyA.length).toBeGreaterThan(0);
      expect(later).toEqual(laterA);
      expect(second.eventsFor(second.devices[index]!, 2)).toEqual(earlyA);
      expect(second.healthFor(second.devices[index]!, 9)).toEqual(healthA);
    }
  });

  it('gives different PCs and events for a different seed', () => {
    const a = planOffice(OFFICES);
    const b = planOffice({ ...OFFICES, seed: 20261103 });
    expect(b.devices.map((d) => `${d.hostname} ${d.user}`)).not.toEqual(
      a.devices.map((d) => `${d.hostname} ${d.user}`),
    );
    expect(b.devices.map((d) => d.instanceId)).not.toEqual(a.devices.map((d) => d.instanceId));
    expect(b.eventsFor(b.devices[0]!, 0)).not.toEqual(a.eventsFor(a.devices[0]!, 0));
  });

  it('numbers each PC’s events with an increasing seq and stamps them in JST', () => {
    const plan = planOffice(OFFICES);
    const problems: string[] = [];
    for (const device of plan.devices) {
      let lastSeq = -1;
      let lastTime = 0;
      for (let day = 0; day < plan.days; day += 1) {
        const { startMs } = plan.day(day);
        for (const event of plan.eventsFor(device, day)) {
          const time = Date.parse(event.time);
          if (event.seq <= lastSeq) problems.push(`${device.hostname} seq ${event.seq} after ${lastSeq}`);
          if (time < lastTime) problems.push(`${device.hostname} ${event.time} goes back in time`);
          if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00$/.test(event.time))
            problems.push(`${event.time} is not JST RFC 3339`);
          if (time < startMs || time >= startMs + 86_400_000) problems.push(`${event.time} outside day ${day}`);
          lastSeq = event.seq;
          lastTime = time;
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});

describe('the offices keep Japanese office hours', () => {
  const plan = planOffice({ ...OFFICES, devicesPerParticipant: 4, days: 21 });
  let stats: WorkloadStats;
  beforeAll(() => {
    stats = measureWorkload(plan);
  });

  it('puts most events on weekdays 08:30-18:30 JST, with a lunch dip and quiet nights and weekends', () => {
    expect(stats.officeHoursPercent).toBeGreaterThan(85);
    expect(stats.nonWorkdayPercent).toBeLessThan(3);
    expect(stats.lunchRatio).toBeLessThan(0.5);
    expect(stats.lunchRatio).toBeGreaterThan(0.05);
    const night = [0, 1, 2, 3, 4, 5, 6].reduce((sum, hour) => sum + stats.workdayHours[hour]!, 0);
    expect(night / stats.events).toBeLessThan(0.02);
    // Mornings ramp up and evenings tail off.
    expect(stats.workdayHours[10]!).toBeGreaterThan(2 * stats.workdayHours[8]!);
    expect(stats.workdayHours[16]!).toBeGreaterThan(3 * stats.workdayHours[19]!);
  });

  it('has a few hundred events per PC per office hour, dominated by web access and file operations', () => {
    expect(stats.eventsPerPcOfficeHour).toBeGreaterThan(100);
    expect(stats.eventsPerPcOfficeHour).toBeLessThan(600);
    const { web_access: web, file_operation: file, software_operation: software } = stats.categories;
    expect(web.percent + file.percent).toBeGreaterThan(75);
    for (const category of LOG_CATEGORIES) {
      expect(stats.categories[category].events, category).toBeGreaterThan(0);
      if (category !== 'web_access' && category !== 'file_operation')
        expect(stats.categories[category].percent, category).toBeLessThan(software.percent + 0.01);
    }
  });

  it('scales the activity with the scale option', () => {
    const small = measureWorkload(planOffice({ ...OFFICES, days: 7, scale: 0.25 }));
    const full = measureWorkload(planOffice({ ...OFFICES, days: 7 }));
    expect(small.eventsPerPcOfficeHour / full.eventsPerPcOfficeHour).toBeGreaterThan(0.18);
    expect(small.eventsPerPcOfficeHour / full.eventsPerPcOfficeHour).toBeLessThan(0.32);
  });

  it('knows weekends, national holidays and their substitutes', () => {
    expect(calendarDay(Date.parse('2026-11-03T00:00:00+09:00'), 0).holidayName).toBe('文化の日');
    expect(calendarDay(Date.parse('2025-11-24T00:00:00+09:00'), 0).holidayName).toBe('勤労感謝の日 振替休日');
    expect(calendarDay(Date.parse('2026-05-06T00:00:00+09:00'), 0).holidayName).toBe('こどもの日 振替休日');
    expect(calendarDay(Date.parse('2026-09-22T00:00:00+09:00'), 0).holidayName).toBe('休日');
    expect(calendarDay(Date.parse('2026-03-20T00:00:00+09:00'), 0).holidayName).toBe('春分の日');
    expect(calendarDay(Date.parse('2026-11-04T12:00:00+09:00'), 0).kind).toBe('workday');
    // Day 1 is 文化の日, days 5 and 6 a weekend: together far quieter than the one workday between them.
    const offDays = plan.devices.reduce(
      (n, d) => n + plan.eventsFor(d, 1).length + plan.eventsFor(d, 5).length + plan.eventsFor(d, 6).length,
      0,
    );
    const workday = plan.devices.reduce((n, d) => n + plan.eventsFor(d, 2).length, 0);
    expect(plan.day(1).kind).toBe('holiday');
    expect(offDays).toBeLessThan(workday * 0.1);
  });
});

describe('every message the simulator sends passes the protocol schemas', () => {
  const plan = planOffice(OFFICES);

  it('log events, health results and inventory snapshots, for every PC and day', () => {
    const seen = new Set<string>();
    for (const device of plan.devices) {
      expect(device.hostname).toMatch(/^[A-Z]+-PC-\d{3}$/);
      expect(device.user).toMatch(/^[a-z]+\.[a-z]+\d*$/);
      const snapshot = plan.inventoryFor(device, plan.startMs + 9 * 3_600_000);
      expect(inventorySnapshot.safeParse(snapshot).error?.issues).toBeUndefined();
      expect(inventoryBatch.safeParse({ v: 1, type: 'inventory', batchId: 'inv-1', snapshot }).success).toBe(true);
      for (const update of snapshot.osUpdates ?? []) expect(update.id).toMatch(/^KB\d{6,7}$/);
      for (let day = 0; day < plan.days; day += 1) {
        const events = plan.eventsFor(device, day);
        for (const event of events) {
          const parsed = logEvent.safeParse(event);
          expect(parsed.error?.issues, JSON.stringify(event)).toBeUndefined();
          seen.add(event.category);
        }
        if (events.length > 0)
          expect(
            eventsBatch.safeParse({ v: 1, type: 'events', batchId: 'b-1', events: events.slice(0, 5000) }).success,
          ).toBe(true);
        const health = plan.healthFor(device, day);
        for (const result of health)
          expect(healthResult.safeParse(result).error?.issues, JSON.stringify(result)).toBeUndefined();
        if (health.length > 0)
          expect(healthBatch.safeParse({ v: 1, type: 'health', batchId: 'h-1', results: health }).success).toBe(true);
      }
    }
    expect([...seen].sort()).toEqual([...LOG_CATEGORIES].sort());
  });

  it('plants findable incidents each week with descriptions in Japanese and English', () => {
    const kinds = new Set(plan.incidents.map((i) => i.kind));
    expect(kinds).toContain('night_usb_copy');
    expect(kinds).toContain('known_bad_domain');
    expect(kinds).toContain('antivirus_disabled');
    for (const participant of [0, 1])
      expect(plan.incidents.filter((i) => i.participantIndex === participant).length).toBeGreaterThanOrEqual(6);
    for (const incident of plan.incidents) {
      expect(incident.description.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(incident.description.en).toContain(incident.hostname);
      expect(incident.toMs).toBeGreaterThanOrEqual(incident.fromMs);
      if (incident.indicators.domain) expect(incident.indicators.domain).toMatch(/\.(example|invalid)$/);
      const device = plan.devices.find((d) => d.key === incident.deviceKey)!;
      const inWindow = plan
        .eventsFor(device, incident.dayIndex)
        .filter((e) => Date.parse(e.time) >= incident.fromMs && Date.parse(e.time) <= incident.toMs);
      expect(inWindow.length, incident.id).toBeGreaterThan(0);
    }
    // Ordinary traffic never touches a known-bad domain: only the planted visits do.
    const badDomains = new Set(KNOWN_BAD_SITES.map((s) => s.domain));
    const planted = new Set(
      plan.incidents.filter((i) => i.kind === 'known_bad_domain').map((i) => `${i.deviceKey}/${i.dayIndex}`),
    );
    for (const device of plan.devices) {
      for (let day = 0; day < plan.days; day += 1) {
        const hits = plan
          .eventsFor(device, day)
          .filter((e) => e.category === 'web_access' && badDomains.has(new URL(e.url).hostname));
        if (!planted.has(`${device.key}/${day}`)) expect(hits).toEqual([]);
      }
    }
  });
});
