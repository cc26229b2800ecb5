import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import { runSimulator, type SimulatorResult } from '../../agent/simulator/index.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import { simpleEvents } from '../support/every-category.js';
import { until } from '../support/until.js';
import type * as contract from '../../contract/index.js';

/**
 * Answers the investigation pages gave wrongly or misleadingly (issue 22), over a simulated office's week sent
 * through the real protocol: the OS-update gaps, the week's timeline, compressed responses.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let user: ApiClient;
let office: { participantId: string; secret: string };
let week: SimulatorResult;
const DAY = 86_400_000;

beforeAll(async () => {
  yorozu = await startTestYorozu('investigation-answers');
  office = await participantWithSecret(yorozu, '株式会社こたえ商事');
  week = await runSimulator({
    serverUrl: yorozu.url,
    participants: [{ ...office, name: '株式会社こたえ商事' }],
    seed: 2212,
    mode: 'backfill',
    days: 7,
    devicesPerParticipant: 3,
    scale: 0.5,
  });
  const operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, office.participantId, 'kotae-user');
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const base = () => `/api/v1/participants/${office.participantId}`;
const qs = (params: Record<string, string | number>) =>
  `?${new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)])).toString()}`;

describe('devices without OS updates', () => {
  it("counts security and quality updates only, not Defender's daily definition updates", async () => {
    const lastOsUpdate = await queryRows<{ device_id: string; last_os: string | null; last_any: string | null }>(
      yorozu,
      `SELECT device_id,
         maxIf(installed_at, status = 'installed' AND kind IN ('security', 'quality')) AS last_os,
         maxIf(installed_at, status = 'installed') AS last_any
       FROM inventory_os_updates FINAL WHERE participant_id = {p:UUID} GROUP BY device_id`,
      { p: office.participantId },
    );
    // A window just longer than the oldest definition update: every device had one within it.
    const oldestDefinitions = Math.min(...lastOsUpdate.map((row) => Date.parse(`${row.last_any}Z`)));
    const days = Math.ceil((Date.now() - oldestDefinitions) / DAY) + 1;
    const cutoff = Date.now() - days * DAY;
    const stale = lastOsUpdate.filter((row) => row.last_os === null || Date.parse(`${row.last_os}Z`) < cutoff);
    // The case the bug hid: definitions installed within the window, OS updates older than it.
    expect(stale.some((row) => row.last_any !== null && Date.parse(`${row.last_any}Z`) >= cutoff)).toBe(true);
    const reply = await user.call<{ devices: { device_id: string; last_installed_at: string | null }[] }>(
      'GET',
      `${base()}/inventory/os-updates${qs({ days })}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.devices.map((d) => d.device_id).sort()).toEqual(stale.map((row) => row.device_id).sort());
    for (const device of reply.body.devices)
      expect(device.last_installed_at).toBe(stale.find((row) => row.device_id === device.device_id)!.last_os);
  });
});

describe("a device's week", () => {
  const weekRange = () => ({
    from: new Date(Date.now() - 7 * DAY).toISOString(),
    to: new Date(Date.now() + 60_000).toISOString(),
  });

  it('shows the newest events first when capped, pages through the rest, and counts the whole range', async () => {
    const device = week.devices[0]!;
    const range = weekRange();
    const [engine] = await queryRows<{ n: string; newest: string }>(
      yorozu,
      `SELECT count() AS n, max(time) AS newest FROM events FINAL
       WHERE participant_id = {p:UUID} AND device_id = {d:UUID}
         AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}`,
      { p: office.participantId, d: device.deviceId, from: range.from.replace('Z', ''), to: range.to.replace('Z', '') },
    );
    const total = Number(engine!.n);
    const limit = Math.min(2000, Math.ceil(total / 3));
    const first = await user.call<contract.Timeline>(
      'GET',
      `${base()}/devices/${device.deviceId}/timeline${qs({ ...range, limit })}`,
    );
    expect(first.status).toBe(200);
    expect(first.body.truncated).toBe(true);
    expect(first.body.events[0]!.time).toBe(engine!.newest);
    expect(first.body.total).toBe(total);
    expect(first.body.density.buckets.reduce((sum, b) => sum + b.n, 0)).toBe(total);
    expect(first.body.lastActivity).toBe(engine!.newest);
    const seen = [...first.body.events];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await user.call<contract.Timeline>(
        'GET',
        `${base()}/devices/${device.deviceId}/timeline${qs({ ...range, limit, cursor })}`,
      );
      seen.push(...page.body.events);
      cursor = page.body.nextCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((e) => e.seq)).size).toBe(total);
    const keys = seen.map((e) => `${e.time}/${String(e.seq).padStart(20, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse()); // newest first, as the explorer lists them
  });

  it('answers compressed when the browser accepts gzip, and the page is bounded', async () => {
    const device = week.devices[1]!;
    const response = await fetch(
      new URL(`${base()}/devices/${device.deviceId}/timeline${qs({ ...weekRange(), limit: 2000 })}`, yorozu.url),
      { headers: { authorization: `Bearer ${user.sessionToken}`, 'accept-encoding': 'gzip' } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const body = (await response.json()) as contract.Timeline;
    expect(body.events.length).toBeLessThanOrEqual(2000);
    const tooMany = await user.call('GET', `${base()}/devices/${device.deviceId}/timeline${qs({ limit: 20_000 })}`);
    expect(tooMany.status).toBe(400);
  });
});

describe('search', () => {
  it('finds the download of 請求書.zip by 請求書: URLs are stored decoded', async () => {
    const agent = await enroll(yorozu.url, office.secret, 'KOTAE-DL-01');
    const connection = await AgentConnection.open(yorozu.url, agent.credential);
    const [visit] = simpleEvents(1, 1, Date.now() - 60_000);
    const url = `https://cdn-files.example.net/d/4f2a/${encodeURIComponent('請求書')}.zip`;
    await connection.sendEvents('dl', [{ ...visit!, url } as never]);
    connection.socket.close();
    const range = { from: new Date(Date.now() - DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const found = await until('the download to be found by 請求書', async () => {
      const reply = await user.call<contract.EventPage>('GET', `${base()}/events${qs({ q: '請求書', ...range })}`);
      return reply.body.events.length > 0 && reply.body;
    });
    expect(found.events.map((e) => e.url)).toEqual(['https://cdn-files.example.net/d/4f2a/請求書.zip']);
    const byField = await user.call<contract.EventPage>(
      'GET',
      `${base()}/events${qs({ q: 'url:*請求書.zip', ...range })}`,
    );
    expect(byField.body.events).toHaveLength(1);
  });

  it('says where a lower-case and/or is searched as a word, and still answers', async () => {
    const range = { from: new Date(Date.now() - 7 * DAY).toISOString(), to: new Date().toISOString() };
    const reply = await user.call<contract.EventPage>(
      'GET',
      `${base()}/events${qs({ q: 'category:external_device or category:printer_output', ...range })}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.warnings).toEqual([
      expect.objectContaining({ code: 'lower_case_operator', position: 25, length: 2 }),
    ]);
    const clean = await user.call<contract.EventPage>(
      'GET',
      `${base()}/events${qs({ q: 'category:external_device OR category:printer_output', ...range })}`,
    );
    expect(clean.body.warnings).toEqual([]);
    expect(clean.body.events.length).toBeGreaterThan(0);
  });
});

describe('field statistics and aggregates', () => {
  const range = () => ({ from: new Date(Date.now() - 8 * DAY).toISOString(), to: new Date().toISOString() });

  it("sums bytes by user, as the engine's own sum", async () => {
    for (const category of ['file_operation', 'external_device']) {
      const engine = await queryRows<{ user_name: string; total: string }>(
        yorozu,
        `SELECT user_name, sum(bytes) AS total FROM events FINAL
         WHERE participant_id = {p:UUID} AND category = {c:String} GROUP BY user_name`,
        { p: office.participantId, c: category },
      );
      if (category === 'file_operation') expect(engine.some((row) => Number(row.total) > 0)).toBe(true);
      const reply = await user.call<contract.Aggregate>(
        'GET',
        `${base()}/events/aggregate${qs({ q: `category:${category}`, fn: 'sum', of: 'bytes', by: 'user', ...range() })}`,
      );
      expect(reply.status).toBe(200);
      expect(Object.fromEntries(reply.body.rows.map((row) => [row.key, row.value]))).toEqual(
        Object.fromEntries(engine.map((row) => [row.user_name, Number(row.total)])),
      );
      const values = reply.body.rows.map((row) => row.value);
      expect(values).toEqual([...values].sort((a, b) => b - a));
    }
  });

  it('gives the top values of a field with their counts; by device it names the host', async () => {
    const [engine] = await queryRows<{ n: string }>(
      yorozu,
      "SELECT count() AS n FROM events FINAL WHERE participant_id = {p:UUID} AND category = 'printer_output'",
      { p: office.participantId },
    );
    const byCategory = await user.call<contract.Aggregate>(
      'GET',
      `${base()}/events/aggregate${qs({ by: 'category', limit: 20, ...range() })}`,
    );
    expect(byCategory.body.rows.find((row) => row.key === 'printer_output')?.value).toBe(Number(engine!.n));
    const byDevice = await user.call<contract.Aggregate>(
      'GET',
      `${base()}/events/aggregate${qs({ by: 'device', fn: 'uniq', of: 'user', ...range() })}`,
    );
    expect(byDevice.body.rows.map((row) => row.key)).toEqual(
      expect.arrayContaining(week.devices.map((device) => device.hostname)),
    );
    const csv = await fetch(
      new URL(`${base()}/events/aggregate.csv${qs({ by: 'category', ...range() })}`, yorozu.url),
      { headers: { authorization: `Bearer ${user.sessionToken}` } },
    );
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.split('\r\n')[0]).toBe('\uFEFF"category","count"');
  });

  it('refuses free-text fields as groups and sums of a non-number, naming the parameter', async () => {
    const byMessage = await user.call<{ error: { message: string } }>(
      'GET',
      `${base()}/events/aggregate${qs({ by: 'message' })}`,
    );
    expect(byMessage.status).toBe(400);
    expect(byMessage.body.error.message).toContain('"by"');
    const sumOfUser = await user.call<{ error: { message: string } }>(
      'GET',
      `${base()}/events/aggregate${qs({ by: 'device', fn: 'sum', of: 'user' })}`,
    );
    expect(sumOfUser.status).toBe(400);
    expect(sumOfUser.body.error.message).toContain('"of"');
  });
});
