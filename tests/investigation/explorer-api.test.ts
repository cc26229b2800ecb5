import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import { runSimulator, type SimulatorResult } from '../../agent/simulator/index.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { simpleEvents } from '../support/every-category.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/** The log explorer's API over a week of a simulated office, sent through the real protocol. */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let user: ApiClient;
let office: { participantId: string; secret: string };
let week: SimulatorResult;
const DAY = 86_400_000;
let range: { from: string; to: string };

beforeAll(async () => {
  yorozu = await startTestYorozu('explorer');
  office = await participantWithSecret(yorozu, '株式会社みなと商会');
  week = await runSimulator({
    serverUrl: yorozu.url,
    participants: [{ ...office, name: '株式会社みなと商会' }],
    seed: 2611,
    mode: 'backfill',
    days: 7,
    devicesPerParticipant: 4,
    scale: 0.4,
  });
  operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, office.participantId, 'minato-user');
  range = { from: new Date(Date.now() - 8 * DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const base = () => `/api/v1/participants/${office.participantId}`;
const qs = (params: Record<string, string | number>) =>
  `?${new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)])).toString()}`;
type Event = {
  device_id: string;
  hostname: string;
  time: string;
  seq: string;
  category: string;
  serial: string;
  user_name: string;
  domain: string;
};

async function countWhere(sql: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    yorozu,
    // sql-paste-ok: the condition is a fixed literal written in this test; values go as parameters
    `SELECT count() AS n FROM events FINAL WHERE participant_id = {p:UUID} AND ${sql}`,
    { p: office.participantId, ...params },
  );
  return Number(row!.n);
}

describe('search', () => {
  it("finds the planted USB copy by the drive's serial, and only its events", async () => {
    const usb = week.incidents.find((i) => i.kind === 'night_usb_copy')!;
    const reply = await user.call<{ events: Event[] }>(
      'GET',
      `${base()}/events${qs({ q: `serial:"${usb.indicators.usbSerial}"`, ...range })}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.events.length).toBe(await countWhere('serial = {s:String}', { s: usb.indicators.usbSerial }));
    expect(reply.body.events.length).toBeGreaterThan(0);
    expect(new Set(reply.body.events.map((e) => e.hostname))).toEqual(new Set([usb.hostname]));
  });

  it('finds the known-bad domain by free text, newest first', async () => {
    const bad = week.incidents.find((i) => i.kind === 'known_bad_domain')!;
    const reply = await user.call<{ events: Event[] }>(
      'GET',
      `${base()}/events${qs({ q: bad.indicators.domain!, ...range })}`,
    );
    expect(reply.body.events.length).toBeGreaterThan(0);
    expect(reply.body.events.every((e) => JSON.stringify(e).includes(bad.indicators.domain!))).toBe(true);
    const times = reply.body.events.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('pages by time with a cursor: every matching event once, no duplicates, in order', async () => {
    const q = 'category:web_access';
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { events: Event[]; nextCursor: string | null } } = await user.call(
        'GET',
        `${base()}/events${qs({ q, ...range, limit: 500, ...(cursor ? { cursor } : {}) })}`,
      );
      seen.push(...page.body.events.map((e) => `${e.device_id}/${e.seq}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(await countWhere("category = 'web_access'"));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('order=oldest pages the same events in exactly the reverse order; an unknown order is refused', async () => {
    const q = 'category:web_access';
    const all = async (order: string) => {
      const keys: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { status: number; body: { events: Event[]; nextCursor: string | null } } = await user.call(
          'GET',
          `${base()}/events${qs({ q, ...range, limit: 300, order, ...(cursor ? { cursor } : {}) })}`,
        );
        expect(page.status).toBe(200);
        keys.push(...page.body.events.map((e) => `${e.time}/${e.device_id}/${e.seq}`));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor);
      return { keys, pages };
    };
    const oldest = await all('oldest');
    const newest = await all('newest');
    expect(oldest.pages).toBeGreaterThan(1);
    expect(oldest.keys.length).toBe(await countWhere("category = 'web_access'"));
    expect(oldest.keys).toEqual([...newest.keys].reverse());
    const times = oldest.keys.map((key) => key.split('/')[0]!);
    expect(times).toEqual([...times].sort());

    const bad = await user.call<{ error: { code: string; message: string } }>(
      'GET',
      `${base()}/events${qs({ q, ...range, order: 'bytes DESC' })}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.message).toContain('order');
  });

  it('a bad query answers 400 with where it is wrong, in both languages', async () => {
    const reply = await user.call<{
      error: { code: string; query: { position: number; length: number; message: { ja: string; en: string } } };
    }>('GET', `${base()}/events${qs({ q: 'user:tanaka AND (bytes:>', ...range })}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_query');
    expect(reply.body.error.query.position).toBeGreaterThan(10);
    expect(reply.body.error.query.message.ja).not.toBe('');
    expect(reply.body.error.query.message.en).not.toBe('');
  });
});

describe('histogram, context, export', () => {
  it('the histogram covers the whole range, stacked by category, and adds up to the count', async () => {
    const reply = await user.call<{
      bucketSeconds: number;
      total: number;
      buckets: { t: string; counts: Record<string, number> }[];
    }>('GET', `${base()}/events/histogram${qs({ q: '', ...range })}`);
    expect(reply.body.buckets.length).toBeGreaterThan(20);
    expect(reply.body.buckets.length).toBeLessThanOrEqual(121);
    const summed = reply.body.buckets.reduce((sum, b) => sum + Object.values(b.counts).reduce((a, n) => a + n, 0), 0);
    expect(summed).toBe(reply.body.total);
    expect(reply.body.total).toBe(await countWhere('1'));
    const categories = new Set(reply.body.buckets.flatMap((b) => Object.keys(b.counts)));
    expect(categories.size).toBeGreaterThanOrEqual(6);
  });

  it("context shows the same device's events just before and after a hit", async () => {
    const hit = (
      await user.call<{ events: Event[] }>(
        'GET',
        `${base()}/events${qs({ q: 'category:printer_output', ...range, limit: 1 })}`,
      )
    ).body.events[0]!;
    const reply = await user.call<{ before: Event[]; hit: Event; after: Event[] }>(
      'GET',
      `${base()}/events/context${qs({ device: hit.device_id, time: hit.time, seq: hit.seq, n: 5 })}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.hit).toMatchObject({ device_id: hit.device_id, seq: hit.seq });
    expect(reply.body.before).toHaveLength(5);
    for (const event of [...reply.body.before, ...reply.body.after]) expect(event.device_id).toBe(hit.device_id);
    expect(reply.body.before.every((e) => e.time <= hit.time)).toBe(true);
    expect(reply.body.after.every((e) => e.time >= hit.time)).toBe(true);
  });

  it('exports the search as CSV (Excel-readable UTF-8) and JSON', async () => {
    const q = 'category:printer_output';
    const csv = await fetch(new URL(`${base()}/events/export${qs({ q, ...range, format: 'csv' })}`, yorozu.url), {
      headers: { authorization: `Bearer ${user.sessionToken}` },
    });
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="yorozu-events-.*\.csv"/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark Excel needs to read UTF-8
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.startsWith('"time_jst","time","hostname"')).toBe(true);
    const rows = text.trim().split('\r\n');
    const expected = await countWhere("category = 'printer_output'");
    expect(rows.length - 1).toBe(expected);
    const json = await user.call<Event[]>('GET', `${base()}/events/export${qs({ q, ...range, format: 'json' })}`);
    expect(json.body).toHaveLength(expected);
  });
});

describe('live tail', () => {
  it('streams a matching event sent after the tail opened, and not one that does not match', async () => {
    const { secret } = office;
    const agent = await enroll(yorozu.url, secret, 'TAIL-PC-01');
    const controller = new AbortController();
    const response = await fetch(new URL(`${base()}/events/tail${qs({ q: 'message:"tail-marker"' })}`, yorozu.url), {
      headers: { authorization: `Bearer ${user.sessionToken}` },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 15_000;
      while (!received.includes(needle) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value);
      }
    };
    await readUntil('event: ready');
    const connection = await AgentConnection.open(yorozu.url, agent.credential);
    const [plain, marked] = simpleEvents(1, 2, Date.now());
    await connection.sendEvents('tail', [
      { ...plain!, message: 'ordinary' },
      { ...marked!, message: 'tail-marker 見つけて' },
    ]);
    await readUntil('tail-marker');
    controller.abort();
    connection.socket.close();
    expect(received).toContain('event: events');
    expect(received).toContain('tail-marker 見つけて');
    expect(received).not.toContain('ordinary');
  });
});

describe('live tail after access ends', () => {
  it("a tail open when the user's account is suspended ends within seconds, saying why", async () => {
    const watcher = await participantUserClient(yorozu.url, operator, office.participantId, 'tail-watcher');
    const response = await fetch(new URL(`${base()}/events/tail`, yorozu.url), {
      headers: { authorization: `Bearer ${watcher.sessionToken}` },
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = decoder.decode((await reader.read()).value);
    expect(received).toContain('event: ready');
    await operator.call('POST', `/api/v1/admin/accounts/${watcher.accountId}/suspend`, {
      reason: '調査のため一時停止',
      urgent: true,
    });
    const deadline = Date.now() + 15_000;
    let done = false;
    while (!done && Date.now() < deadline) {
      const chunk = await reader.read();
      done = chunk.done;
      if (chunk.value) received += decoder.decode(chunk.value);
    }
    expect(done).toBe(true);
    expect(received).toContain('event: end');
    expect(received).toContain('access_ended');
  });
});

describe('fleet, devices, inventory', () => {
  it("the fleet overview counts the office's devices and its events of the last 24 hours", async () => {
    const reply = await operator.call<contract.Fleet>('GET', '/api/v1/admin/fleet');
    const row = reply.body.participants.find((p) => p.participant_id === office.participantId)!;
    expect(row.devices).toBe(await Promise.resolve(week.devices.length + 1));
    expect(row.events_per_hour).toHaveLength(24);
    expect(row.events_24h).toBe(row.events_per_hour.reduce((sum, h) => sum + h.count, 0));
    expect(row.last_seen).not.toBeNull();
  });

  it('the device overview is sorted, searched and paged', async () => {
    const page = await user.call<{ total: number; devices: { hostname: string }[] }>(
      'GET',
      `${base()}/device-overview${qs({ sort: 'hostname', order: 'desc', limit: 2 })}`,
    );
    expect(page.body.total).toBe(week.devices.length + 1);
    expect(page.body.devices).toHaveLength(2);
    const all = [...week.devices.map((d) => d.hostname), 'TAIL-PC-01'].sort().reverse();
    expect(page.body.devices.map((d) => d.hostname)).toEqual(all.slice(0, 2));
    const found = await user.call<{ total: number; devices: { hostname: string }[] }>(
      'GET',
      `${base()}/device-overview${qs({ search: week.devices[0]!.hostname.toLowerCase() })}`,
    );
    expect(found.body.devices.map((d) => d.hostname)).toEqual([week.devices[0]!.hostname]);
  });

  it("a device's timeline keeps to its device, range and chosen categories", async () => {
    const device = week.devices[1]!;
    const reply = await user.call<{ events: Event[]; truncated: boolean }>(
      'GET',
      `${base()}/devices/${device.deviceId}/timeline${qs({ ...range, categories: 'logon,boot', limit: 2000 })}`,
    );
    expect(reply.body.truncated).toBe(false);
    expect(reply.body.events.length).toBe(
      await countWhere("device_id = {d:UUID} AND category IN ('logon', 'boot')", { d: device.deviceId }),
    );
    expect(new Set(reply.body.events.map((e) => e.category))).toEqual(new Set(['logon', 'boot']));
  });

  it('the inventory explorer finds devices by software and version, and summarises hardware', async () => {
    const everyone = await user.call<{ devices: { device_id: string; version: string }[] }>(
      'GET',
      `${base()}/inventory/software${qs({ name: 'Microsoft Edge' })}`,
    );
    expect(everyone.body.devices).toHaveLength(week.devices.length);
    const versions = everyone.body.devices.map((d) => d.version).sort();
    const below = await user.call<{ devices: unknown[] }>(
      'GET',
      `${base()}/inventory/software${qs({ name: 'Microsoft Edge', below: '1' })}`,
    );
    expect(below.body.devices).toHaveLength(0);
    const belowAll = await user.call<{ devices: unknown[] }>(
      'GET',
      `${base()}/inventory/software${qs({ name: 'Microsoft Edge', below: '99999' })}`,
    );
    expect(belowAll.body.devices).toHaveLength(versions.length);
    const hardware = await user.call<{ devices: number; by_os: { devices: number }[] }>(
      'GET',
      `${base()}/inventory/hardware`,
    );
    expect(hardware.body.devices).toBe(week.devices.length);
    expect(hardware.body.by_os.reduce((sum, row) => sum + row.devices, 0)).toBe(week.devices.length);
    const gaps = await user.call<{ devices: { hostname: string }[] }>(
      'GET',
      `${base()}/inventory/os-updates${qs({ days: 30 })}`,
    );
    expect(gaps.status).toBe(200);
    expect(gaps.body.devices.map((d) => d.hostname)).toContain('TAIL-PC-01'); // reported no updates at all
  });

  it("another participant's user gets none of it", async () => {
    const other = await participantWithSecret(yorozu, '株式会社よそ');
    const stranger = await participantUserClient(yorozu.url, operator, other.participantId, 'yoso-user');
    const reply = await stranger.call('GET', `${base()}/events${qs({ q: '', ...range })}`);
    expect(reply.status).toBe(403);
  });
});
