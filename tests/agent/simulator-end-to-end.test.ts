import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KNOWN_BAD_SITES,
  jstDayStart,
  planOffice,
  runSimulator,
  type PlantedIncident,
  type SimulatorResult,
} from '../../agent/simulator/index.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

// The simulator against a real Yorozu on loopback: two participants' PCs enroll with their secrets and
// backfill a week over WebSocket; then an operator's plain SQL (values as parameters only) finds every
// planted incident, and nothing that was not planted.
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let backfill: SimulatorResult;

const NAMES = ['株式会社さくら商事', '青葉精機株式会社'];
const DAY_MS = 86_400_000;

beforeAll(async () => {
  yorozu = await startTestYorozu('simulator');
  const participants = [];
  for (const name of NAMES) participants.push({ ...(await participantWithSecret(yorozu, name)), name });
  backfill = await runSimulator({
    serverUrl: yorozu.url,
    participants,
    seed: 1124,
    mode: 'backfill',
    days: 7,
    devicesPerParticipant: 3,
    scale: 0.5,
  });
});
afterAll(async () => yorozu?.cleanup());

const windowOf = (incident: PlantedIncident) => ({
  device: incident.deviceId,
  from: incident.fromMs,
  to: incident.toMs,
});
const incidentsOf = (kind: PlantedIncident['kind']) => backfill.incidents.filter((i) => i.kind === kind);
const devicesOf = (incidents: PlantedIncident[]) => [...new Set(incidents.map((i) => i.deviceId!))].sort();

describe('a week of two offices, backfilled over the real protocol', () => {
  it('enrolls every PC under its participant and stores every event exactly once', async () => {
    expect(backfill.devices).toHaveLength(6);
    expect(new Set(backfill.devices.map((d) => d.participantId)).size).toBe(2);
    expect(backfill.eventsRejected).toBe(0);
    expect(backfill.eventsSent).toBe(backfill.eventsGenerated);
    expect(backfill.eventsSent).toBeGreaterThan(5_000);
    const [events] = await queryRows<{ n: string }>(yorozu, 'SELECT count() AS n FROM events FINAL');
    expect(Number(events!.n)).toBe(backfill.eventsSent);
    const [health] = await queryRows<{ n: string }>(yorozu, 'SELECT count() AS n FROM health_results FINAL');
    expect(Number(health!.n)).toBe(backfill.healthResultsSent);
    const hardware = await queryRows<{ hostname: string }>(
      yorozu,
      'SELECT hostname FROM inventory_hardware FINAL ORDER BY hostname',
    );
    expect(hardware.map((h) => h.hostname)).toEqual(backfill.devices.map((d) => d.hostname).sort());
    const [edge] = await queryRows<{ n: string }>(
      yorozu,
      'SELECT uniqExact(device_id) AS n FROM inventory_software FINAL WHERE name = {name:String}',
      { name: 'Microsoft Edge' },
    );
    expect(Number(edge!.n)).toBe(6);
  });

  it('plants the week’s incidents for each participant, on its enrolled PCs', () => {
    for (const name of NAMES) {
      const kinds = backfill.incidents.filter((i) => i.participant === name).map((i) => i.kind);
      expect(kinds).toEqual(expect.arrayContaining(['night_usb_copy', 'known_bad_domain', 'antivirus_disabled']));
    }
    for (const incident of backfill.incidents)
      expect(backfill.devices.map((d) => d.deviceId)).toContain(incident.deviceId);
  });

  it('finds each night logon followed by a bulk copy to a USB drive, and no other night logon', async () => {
    for (const incident of incidentsOf('night_usb_copy')) {
      const [found] = await queryRows<Record<string, string>>(
        yorozu,
        `SELECT countIf(category = 'logon' AND action = 'logon' AND toHour(time, 'Asia/Tokyo') < 5) AS night_logons,
                countIf(category = 'external_device' AND action = 'connect' AND device_class = 'usb_storage' AND serial = {serial:String}) AS usb_connects,
                countIf(category = 'file_operation' AND action = 'copy' AND drive_type = 'removable') AS removable_copies
         FROM events FINAL
         WHERE device_id = {device:UUID} AND time BETWEEN fromUnixTimestamp64Milli({from:Int64}) AND fromUnixTimestamp64Milli({to:Int64})`,
        { ...windowOf(incident), serial: incident.indicators.usbSerial },
      );
      expect(Number(found!.night_logons), incident.description.en).toBe(1);
      expect(Number(found!.usb_connects)).toBe(1);
      expect(Number(found!.removable_copies)).toBe(incident.indicators.filesCopied);
    }
    // The hunt an operator runs: who logged on between midnight and five in the morning, JST?
    const night = await queryRows<{ device: string }>(
      yorozu,
      "SELECT DISTINCT toString(device_id) AS device FROM events FINAL WHERE category = 'logon' AND action = 'logon' AND toHour(time, 'Asia/Tokyo') < 5 ORDER BY device",
    );
    expect(night.map((r) => r.device)).toEqual(devicesOf(incidentsOf('night_usb_copy')));
  });

  it('finds each visit to a known-bad domain by its domain, and only the planted ones', async () => {
    for (const incident of incidentsOf('known_bad_domain')) {
      const hits = await queryRows<{ device: string; first: string }>(
        yorozu,
        'SELECT toString(device_id) AS device, toUnixTimestamp64Milli(min(time)) AS first FROM events FINAL WHERE domain = {d:String} GROUP BY device_id ORDER BY device',
        { d: incident.indicators.domain },
      );
      const planted = incidentsOf('known_bad_domain').filter((i) => i.indicators.domain === incident.indicators.domain);
      expect(
        hits.map((h) => h.device),
        incident.description.en,
      ).toEqual(devicesOf(planted));
      const hit = hits.find((h) => h.device === incident.deviceId)!;
      expect(Number(hit.first)).toBeGreaterThanOrEqual(incident.fromMs);
      expect(Number(hit.first)).toBeLessThanOrEqual(incident.toMs);
    }
    const anyBad = await queryRows<{ device: string }>(
      yorozu,
      'SELECT DISTINCT toString(device_id) AS device FROM events FINAL WHERE domain IN {domains:Array(String)} ORDER BY device',
      { domains: KNOWN_BAD_SITES.map((s) => s.domain) },
    );
    expect(anyBad.map((r) => r.device)).toEqual(devicesOf(incidentsOf('known_bad_domain')));
  });

  it('finds each day the antivirus was off in the health results, and no other', async () => {
    const failing = await queryRows<{ device: string; first: string; last: string }>(
      yorozu,
      `SELECT toString(device_id) AS device, toUnixTimestamp64Milli(min(time)) AS first, toUnixTimestamp64Milli(max(time)) AS last
       FROM health_results FINAL WHERE check_id = {check:String} AND status = 'fail' GROUP BY device_id ORDER BY device`,
      { check: 'antivirus.running' },
    );
    const planted = incidentsOf('antivirus_disabled');
    expect(failing.map((f) => f.device)).toEqual(devicesOf(planted));
    for (const incident of planted) {
      const found = failing.find((f) => f.device === incident.deviceId)!;
      expect(Number(found.first), incident.description.en).toBeGreaterThanOrEqual(incident.fromMs);
      expect(Number(found.last)).toBeLessThanOrEqual(incident.toMs);
      const [passesNextDay] = await queryRows<{ n: string }>(
        yorozu,
        `SELECT countIf(status = 'fail') AS n FROM health_results FINAL
         WHERE device_id = {device:UUID} AND check_id = {check:String} AND time > fromUnixTimestamp64Milli({after:Int64})`,
        { device: incident.deviceId, check: 'antivirus.running', after: incident.toMs },
      );
      expect(Number(passesNextDay!.n)).toBe(0);
    }
  });

  it('finds each night print burst by the pages printed at night', async () => {
    for (const incident of incidentsOf('night_print_burst')) {
      const [found] = await queryRows<{ jobs: string; pages: string }>(
        yorozu,
        `SELECT count() AS jobs, sum(pages) AS pages FROM events FINAL
         WHERE device_id = {device:UUID} AND category = 'printer_output'
           AND time BETWEEN fromUnixTimestamp64Milli({from:Int64}) AND fromUnixTimestamp64Milli({to:Int64})`,
        windowOf(incident),
      );
      expect(Number(found!.jobs)).toBeGreaterThanOrEqual(incident.indicators.printJobs!);
      expect(Number(found!.pages)).toBeGreaterThanOrEqual(incident.indicators.pagesPrinted!);
    }
    const heavyNights = await queryRows<{ device: string }>(
      yorozu,
      `SELECT DISTINCT device FROM (
         SELECT toString(device_id) AS device, toDate(time, 'Asia/Tokyo') AS day, sum(pages) AS night_pages FROM events FINAL
         WHERE category = 'printer_output' AND (toHour(time, 'Asia/Tokyo') >= 21 OR toHour(time, 'Asia/Tokyo') < 5)
         GROUP BY device, day HAVING night_pages >= {threshold:UInt32}
       ) ORDER BY device`,
      { threshold: 200 },
    );
    expect(heavyNights.map((r) => r.device)).toEqual(devicesOf(incidentsOf('night_print_burst')));
  });
});

describe('real time', () => {
  it('sends each event when its time comes, the same events a plan of that day holds', async () => {
    const { participantId, secret } = await participantWithSecret(yorozu, '北斗物流株式会社');
    // A clock running at real speed from a busy office morning of a past workday (10:00-11:00 JST).
    const seed = 'realtime-test';
    const plannedFrom = (start: number) =>
      planOffice({
        seed,
        participants: [{ name: '北斗物流株式会社' }],
        devicesPerParticipant: 2,
        start,
        days: 1,
        scale: 10,
      });
    const today = jstDayStart(Date.now());
    let base = 0;
    for (let back = 1; back < 60 && base === 0; back += 1) {
      for (let minute = 0; minute < 60 && base === 0; minute += 10) {
        const candidate = today - back * DAY_MS + (10 * 60 + minute) * 60_000;
        const plan = plannedFrom(candidate);
        const soon = plan.devices
          .flatMap((d) => plan.eventsFor(d, 0))
          .filter((e) => Date.parse(e.time) > candidate + 300 && Date.parse(e.time) < candidate + 2_500);
        if (plan.day(0).kind === 'workday' && soon.length >= 3) base = candidate;
      }
    }
    expect(base).toBeGreaterThan(0);
    const realStart = Date.now();
    const clock = () => base + (Date.now() - realStart);
    const result = await runSimulator({
      serverUrl: yorozu.url,
      participants: [{ secret, name: '北斗物流株式会社', participantId }],
      seed,
      mode: 'realtime',
      days: 1,
      devicesPerParticipant: 2,
      scale: 10,
      durationMs: 3_000,
      now: clock,
    });
    expect(result.eventsRejected).toBe(0);
    expect(result.eventsSent).toBeGreaterThan(0);
    expect(result.eventsSent).toBe(result.eventsGenerated);
    const stored = await queryRows<{ seq: string; time: string }>(
      yorozu,
      `SELECT seq, toUnixTimestamp64Milli(time) AS time FROM events FINAL
       WHERE device_id IN {devices:Array(UUID)} ORDER BY device_id, seq`,
      { devices: result.devices.map((d) => d.deviceId) },
    );
    expect(stored).toHaveLength(result.eventsSent);
    for (const row of stored) {
      expect(Number(row.time)).toBeGreaterThanOrEqual(result.fromMs);
      expect(Number(row.time)).toBeLessThanOrEqual(result.toMs);
    }
    // A plan of the same seed and day holds exactly these events in that span.
    const plan = plannedFrom(base);
    const expected = plan.devices
      .flatMap((device) => plan.eventsFor(device, 0))
      .filter((e) => Date.parse(e.time) >= result.fromMs && Date.parse(e.time) <= result.toMs);
    expect(expected).toHaveLength(result.eventsSent);
  });
});
