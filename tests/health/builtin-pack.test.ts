import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import {
  KNOWN_BAD_SITES,
  planOffice,
  runSimulator,
  type PlantedIncident,
  type SimulatorResult,
} from '../../agent/simulator/index.js';
import { BUILTIN_POLICIES } from '../../health/builtin-policies.js';
import { runPolicy, validatePolicyQuery, type PolicyVerdict } from '../../scoped-query/policy-runner.js';
import { MAX_POLICY_LENGTH } from '../../scoped-query/policy-validation.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

// The built-in pack over a simulated week of one office: each policy flags the planted problems on
// exactly the planted PCs, at a chosen evaluation time, and says something for every PC.
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let backfill: SimulatorResult;
let participantId: string;
let now: Date;
let bare: { participantId: string; deviceId: string };
/** The same week as planned by the simulator: what the agents sent, to compare the verdicts with. */
let plan: ReturnType<typeof planOffice>;
let idOf: Map<string, string>;

const NAME = '株式会社さくら商事';
// With this seed the week holds all four incident kinds (a night print burst only comes one week in two), each on its own PC.
const SEED = 20261127;
const DEVICES = 6;
const SCALE = 0.3;
const DAY_MS = 86_400_000;

const verdictsAt = new Map<string, Promise<Map<string, PolicyVerdict>>>();
/** Runs a built-in policy for the office at a time (once per slug and time), as device id → verdict. */
function verdicts(
  slug: string,
  at: Date = now,
  participant: string = participantId,
): Promise<Map<string, PolicyVerdict>> {
  const key = `${slug}@${at.toISOString()}@${participant}`;
  let pending = verdictsAt.get(key);
  if (!pending) {
    const policy = BUILTIN_POLICIES.find((p) => p.slug === slug);
    if (!policy) throw new Error(`no built-in policy ${slug}`);
    pending = runPolicy(yorozu.database.client, participant, policy.query, at).then(
      (rows) => new Map(rows.map((row) => [row.device_id, row])),
    );
    verdictsAt.set(key, pending);
  }
  return pending;
}

const failing = async (slug: string, at?: Date) =>
  [...(await verdicts(slug, at)).values()]
    .filter((v) => !v.passed)
    .map((v) => v.device_id)
    .sort();
const incidentsOf = (kind: PlantedIncident['kind']) => backfill.incidents.filter((i) => i.kind === kind);
const devicesOf = (incidents: PlantedIncident[]) => [...new Set(incidents.map((i) => i.deviceId!))].sort();
const allDevices = () => backfill.devices.map((d) => d.deviceId).sort();

beforeAll(async () => {
  yorozu = await startTestYorozu('builtin-pack');
  const office = await participantWithSecret(yorozu, NAME);
  participantId = office.participantId;
  backfill = await runSimulator({
    serverUrl: yorozu.url,
    participants: [{ ...office, name: NAME }],
    seed: SEED,
    mode: 'backfill',
    days: 7,
    devicesPerParticipant: DEVICES,
    scale: SCALE,
  });
  // Just after the last simulated day (JST midnight); the clock has moved on since, so everything sent is in.
  now = new Date(backfill.toMs + 60_000);
  plan = planOffice({
    seed: SEED,
    participants: [{ name: NAME }],
    devicesPerParticipant: DEVICES,
    start: backfill.fromMs,
    days: 7,
    scale: SCALE,
  });
  idOf = new Map(backfill.devices.map((d) => [d.hostname, d.deviceId]));
  const other = await participantWithSecret(yorozu, '株式会社まだこれから');
  bare = {
    participantId: other.participantId,
    deviceId: (await enroll(yorozu.url, other.secret, 'KORE-PC-001')).deviceId,
  };
});

afterAll(async () => {
  await yorozu?.cleanup();
});

describe('the built-in pack as written', () => {
  it('has at least twelve policies, each in Japanese and English, with a valid severity and a unique slug', () => {
    expect(BUILTIN_POLICIES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(BUILTIN_POLICIES.map((p) => p.slug)).size).toBe(BUILTIN_POLICIES.length);
    for (const policy of BUILTIN_POLICIES) {
      expect(policy.slug).toMatch(/^[a-z0-9][a-z0-9-]{1,62}$/);
      expect(['low', 'medium', 'high', 'critical']).toContain(policy.severity);
      for (const text of [policy.title, policy.description, policy.remediation]) {
        expect(text.ja, policy.slug).toMatch(/[ぁ-んァ-ヶ一-龠]/);
        expect(text.en.trim(), policy.slug).not.toBe('');
        expect(text.ja.length + text.en.length, policy.slug).toBeLessThan(4000);
      }
      expect(policy.query.length, policy.slug).toBeLessThanOrEqual(MAX_POLICY_LENGTH);
    }
  });

  it('the known-bad-domain policy lists every domain the desk knows of', () => {
    const query = BUILTIN_POLICIES.find((p) => p.slug === 'known-bad-domains-7d')!.query;
    for (const site of KNOWN_BAD_SITES) expect(query).toContain(`'${site.domain}'`);
  });
});

describe('the built-in pack on a simulated week', () => {
  it('the week holds the planted incidents, each on its own PC of the office', () => {
    expect(backfill.eventsRejected).toBe(0);
    expect(backfill.devices).toHaveLength(DEVICES);
    expect(backfill.incidents.map((i) => i.kind).sort()).toEqual([
      'antivirus_disabled',
      'known_bad_domain',
      'night_print_burst',
      'night_usb_copy',
    ]);
    expect(new Set(backfill.incidents.map((i) => i.deviceId)).size).toBe(backfill.incidents.length);
  });

  it('every built-in policy validates and answers exactly once for every device, in words, in Japanese and in English', async () => {
    for (const policy of BUILTIN_POLICIES) {
      expect(await validatePolicyQuery(yorozu.database.client, policy.query), policy.slug).toBeUndefined();
      const rows = [...(await verdicts(policy.slug)).values()];
      expect(rows.map((row) => row.device_id).sort(), policy.slug).toEqual(allDevices());
      for (const row of rows) {
        expect(row.detail, policy.slug).toMatch(/[ぁ-んァ-ヶ一-龠]/);
        expect(row.detail_en, policy.slug).toMatch(/[A-Za-z]{3}/);
        // Japanese in the English text only where it quotes the data (a product name), as the Japanese text does.
        for (const quoted of row.detail_en.match(/[^\x20-\x7e]+/g) ?? [])
          expect(row.detail, policy.slug).toContain(quoted);
      }
    }
  });

  it('the USB policy fails the PC where an unregistered drive was copied to at night, and only it', async () => {
    expect(await failing('usb-storage-unapproved-7d')).toEqual(devicesOf(incidentsOf('night_usb_copy')));
    for (const incident of incidentsOf('night_usb_copy')) {
      const verdict = (await verdicts('usb-storage-unapproved-7d')).get(incident.deviceId!);
      expect(verdict?.detail).toContain(incident.indicators.usbSerial!);
      expect(verdict?.detail_en).toContain(`Unregistered USB storage`);
      expect(verdict?.detail_en).toContain(`(serial ${incident.indicators.usbSerial!})`);
    }
  });

  it('the known-bad-domain policy fails the PCs that visited one, naming the domain', async () => {
    expect(await failing('known-bad-domains-7d')).toEqual(devicesOf(incidentsOf('known_bad_domain')));
    for (const incident of incidentsOf('known_bad_domain')) {
      const verdict = (await verdicts('known-bad-domains-7d')).get(incident.deviceId!);
      expect(verdict?.detail).toContain(incident.indicators.domain!);
      expect(verdict?.detail_en).toContain(`Access to the known-bad domain ${incident.indicators.domain!}`);
    }
  });

  it('the antivirus policy fails a PC while its latest check says the protection is off', async () => {
    // What the simulated agents reported: antivirus.running fails from the incident to the end of that day,
    // and passes again once the PC runs its checks on a later day. A PC never switched on has no result, and fails for that.
    const latestAt = (at: number) =>
      new Map(
        plan.devices.map((device) => {
          const results = Array.from({ length: plan.days }, (_, day) => plan.healthFor(device, day)).flat();
          const latest = results
            .filter((r) => r.checkId === 'antivirus.running' && Date.parse(r.time) <= at)
            .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
            .pop();
          return [idOf.get(device.hostname)!, latest?.status];
        }),
      );
    const expectedFailing = (at: number) =>
      [...latestAt(at)]
        .filter(([, status]) => status !== 'pass')
        .map(([id]) => id)
        .sort();
    const offNow = [...latestAt(now.getTime())].filter(([, status]) => status === 'fail').map(([id]) => id);
    expect(devicesOf(incidentsOf('antivirus_disabled'))).toEqual(expect.arrayContaining(offNow));
    expect(await failing('antivirus-running')).toEqual(expectedFailing(now.getTime()));
    for (const incident of incidentsOf('antivirus_disabled')) {
      const endOfThatDay = new Date(incident.toMs);
      expect(latestAt(endOfThatDay.getTime()).get(incident.deviceId!)).toBe('fail');
      expect(await failing('antivirus-running', endOfThatDay)).toEqual(expectedFailing(endOfThatDay.getTime()));
      const verdict = (await verdicts('antivirus-running', endOfThatDay)).get(incident.deviceId!);
      expect(verdict?.detail).toContain('リアルタイム保護が無効');
      expect(verdict?.detail_en).toContain('real-time protection is not running');
    }
  });

  it('the administrator-actions policy fails the PC where the protection was stopped and freeware installed', async () => {
    expect(await failing('admin-actions-outside-it-7d')).toEqual(devicesOf(incidentsOf('antivirus_disabled')));
  });

  it('the night-logon policy fails the PCs logged on to at night; the night-printing policy fails the print burst', async () => {
    // The print burst happens late in a session opened in the morning: no logon at night, so only printing shows it.
    expect(await failing('night-logons-7d')).toEqual(devicesOf(incidentsOf('night_usb_copy')));
    expect(await failing('night-printing-7d')).toEqual(devicesOf(incidentsOf('night_print_burst')));
    const burst = incidentsOf('night_print_burst')[0]!;
    // The night's total also counts the person's own few evening prints.
    const verdict = (await verdicts('night-printing-7d')).get(burst.deviceId!);
    const pages = /(\d+) ページ/.exec(verdict?.detail ?? '');
    expect(Number(pages?.[1])).toBeGreaterThanOrEqual(burst.indicators.pagesPrinted!);
    expect(verdict?.detail_en).toContain(`${pages?.[1]} pages in `);
  });

  it('the windows look back from the evaluation time: a week later the incidents are out of them', async () => {
    const weekLater = new Date(now.getTime() + 8 * DAY_MS);
    for (const slug of [
      'usb-storage-unapproved-7d',
      'known-bad-domains-7d',
      'night-logons-7d',
      'night-printing-7d',
      'admin-actions-outside-it-7d',
    ]) {
      expect(await failing(slug, weekLater), slug).toEqual([]);
    }
  });

  it('the agent-reporting policy passes every PC at the end of the week and fails them all three days later', async () => {
    // Every PC that was switched on during the week (all of them, unless the week is a holiday break such as 年末年始).
    const sentLogs = plan.devices.filter((device) =>
      Array.from({ length: plan.days }, (_, day) => plan.eventsFor(device, day)).some((events) => events.length > 0),
    );
    expect(await failing('agent-reporting-24h')).toEqual(
      allDevices().filter((id) => !sentLogs.some((device) => idOf.get(device.hostname) === id)),
    );
    expect(await failing('agent-reporting-24h', new Date(now.getTime() + 3 * DAY_MS))).toEqual(allDevices());
  });

  it('the OS-support policy decides by the evaluation date: Windows 10 is past its end, Windows 11 24H2 Pro was still supported in December 2025', async () => {
    const running = (name: string, version: string) =>
      plan.devices
        .filter((d) => d.windows.name === name && d.windows.version === version)
        .map((d) => idOf.get(d.hostname)!)
        .sort();
    const december2025 = new Date('2025-12-01T03:00:00Z');
    const windows10 = running('Windows 10 Pro', '22H2');
    const pro24h2 = running('Windows 11 Pro', '24H2');
    expect(windows10.length + pro24h2.length).toBeGreaterThan(0);
    const then = await verdicts('os-supported', december2025);
    for (const id of windows10)
      expect(then.get(id)).toMatchObject({
        passed: false,
        detail: expect.stringContaining('2025-10-14'),
        detail_en: expect.stringMatching(/^Support for Windows 10 .* ended on 2025-10-14$/),
      });
    for (const id of pro24h2)
      expect(then.get(id)).toMatchObject({
        passed: true,
        detail: expect.stringContaining('2026-10-13'),
        detail_en: expect.stringContaining('is supported until 2026-10-13'),
      });
    for (const id of running('Windows 11 Pro', '23H2')) expect(then.get(id)?.passed).toBe(false);
    const atNow = await verdicts('os-supported');
    for (const id of windows10) expect(atNow.get(id)?.passed).toBe(false);
  });

  it('a PC without any planted incident passes every incident policy, and at least one policy passes every such PC', async () => {
    const planted = new Set(backfill.incidents.map((i) => i.deviceId));
    const healthy = allDevices().filter((id) => !planted.has(id));
    expect(healthy.length).toBeGreaterThan(0);
    const passingAll: string[] = [];
    for (const policy of BUILTIN_POLICIES) {
      const byDevice = await verdicts(policy.slug);
      if (healthy.every((id) => byDevice.get(id)?.passed)) passingAll.push(policy.slug);
    }
    expect(passingAll).toEqual(
      expect.arrayContaining([
        'admin-actions-outside-it-7d',
        'usb-storage-unapproved-7d',
        'known-bad-domains-7d',
        'night-logons-7d',
        'night-printing-7d',
      ]),
    );
  });

  it('a PC that has sent nothing yet still gets a row from every policy: failing where the data is missing, passing where nothing was seen', async () => {
    // Log-window policies pass a silent PC (silence itself is agent-reporting-24h's to flag); posture policies fail it.
    const passesWithoutData = new Set([
      'admin-actions-outside-it-7d',
      'usb-storage-unapproved-7d',
      'known-bad-domains-7d',
      'night-logons-7d',
      'night-printing-7d',
    ]);
    for (const policy of BUILTIN_POLICIES) {
      const rows = [...(await verdicts(policy.slug, now, bare.participantId)).values()];
      expect(
        rows.map((row) => row.device_id),
        policy.slug,
      ).toEqual([bare.deviceId]);
      if (policy.slug === 'os-supported') continue; // decided on the OS sent at enrolment
      expect(rows[0]!.passed, policy.slug).toBe(passesWithoutData.has(policy.slug));
      if (!rows[0]!.passed) {
        expect(rows[0]!.detail, policy.slug).toMatch(/まだ|ありません|見つかりません/);
        expect(rows[0]!.detail_en, policy.slug).toMatch(/ yet$|^No installed/);
      }
    }
  });
});

describe('the built-in pack reads the lists (p_lists)', () => {
  const fresh = (slug: string) =>
    runPolicy(yorozu.database.client, participantId, BUILTIN_POLICIES.find((p) => p.slug === slug)!.query, now).then(
      (rows) =>
        rows
          .filter((row) => !row.passed)
          .map((row) => row.device_id)
          .sort(),
    );

  it("a USB serial on the participant's approved list no longer fails the PC it was copied to", async () => {
    const [incident] = incidentsOf('night_usb_copy');
    expect(await fresh('usb-storage-unapproved-7d')).toContain(incident!.deviceId);
    await yorozu.detections.lists.change(
      'approved_usb_serials',
      participantId,
      [{ value: incident!.indicators.usbSerial!, note: 'test', removed: false }],
      'test',
    );
    expect(await fresh('usb-storage-unapproved-7d')).not.toContain(incident!.deviceId);
  });

  it('a domain added to the known-bad list fails the PCs that visited it, and only those', async () => {
    const before = await fresh('known-bad-domains-7d');
    const domains = await queryRows<{ domain: string; devices: string[] }>(
      yorozu,
      "SELECT domain, groupUniqArray(toString(device_id)) AS devices FROM events WHERE participant_id = {p:UUID} AND category = 'web_access' AND time >= {from:DateTime64(3)} GROUP BY domain ORDER BY length(devices), domain",
      { p: participantId, from: new Date(now.getTime() - 7 * DAY_MS).toISOString().replace('T', ' ').replace('Z', '') },
    );
    // An ordinary domain some passing PC visited, but not every PC.
    const visited = domains.find(
      (d) => d.devices.some((device) => !before.includes(device)) && d.devices.length < allDevices().length,
    );
    expect(visited).toBeDefined();
    await yorozu.detections.lists.change(
      'ioc_domains',
      '00000000-0000-0000-0000-000000000000',
      [{ value: visited!.domain, note: 'test', removed: false }],
      'test',
    );
    expect(await fresh('known-bad-domains-7d')).toEqual([...new Set([...before, ...visited!.devices])].sort());
  });
});
