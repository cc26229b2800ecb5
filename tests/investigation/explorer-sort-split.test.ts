import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulator } from '../../agent/simulator/index.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * The explorer's order by a column and its histogram split by a field, over three days of a simulated office sent
 * through the real protocol, each checked against the engine's own ORDER BY and GROUP BY.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let user: ApiClient;
let office: { participantId: string; secret: string };
const DAY = 86_400_000;
let range: { from: string; to: string };

beforeAll(async () => {
  yorozu = await startTestYorozu('explorer-sort');
  office = await participantWithSecret(yorozu, '株式会社さくら工務店');
  await runSimulator({
    serverUrl: yorozu.url,
    participants: [{ ...office, name: '株式会社さくら工務店' }],
    seed: 4107,
    mode: 'backfill',
    days: 3,
    devicesPerParticipant: 4,
    scale: 0.3,
  });
  const operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, office.participantId, 'sakura-user');
  range = { from: new Date(Date.now() - 4 * DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const base = () => `/api/v1/participants/${office.participantId}`;
const qs = (params: Record<string, string | number>) =>
  `?${new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)])).toString()}`;
type Event = { device_id: string; time: string; seq: string; sort_value?: unknown };
const keyOf = (e: { time: string; device_id: string; seq: string }) => `${e.time}/${e.device_id}/${e.seq}`;

/** Every page of a sorted search, in order. */
async function pageThrough(params: Record<string, string | number>) {
  const keys: string[] = [];
  const leaked: unknown[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { status: number; body: { events: Event[]; nextCursor: string | null } } = await user.call(
      'GET',
      `${base()}/events${qs({ ...range, ...params, ...(cursor ? { cursor } : {}) })}`,
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    keys.push(...page.body.events.map(keyOf));
    leaked.push(...page.body.events.filter((e) => 'sort_value' in e));
    cursor = page.body.nextCursor;
    pages += 1;
  } while (cursor);
  expect(leaked).toEqual([]);
  return { keys, pages };
}

/** The engine's own order of the same rows (the sort expression is written here, not taken from the code). */
async function engineOrder(filter: string, orderBy: string): Promise<string[]> {
  const rows = await queryRows<{ time: string; device_id: string; seq: string }>(
    yorozu,
    // sql-paste-ok: the condition and the order are fixed literals written in this test; values are parameters
    `SELECT e.time AS time, e.device_id AS device_id, toString(e.seq) AS seq FROM events AS e FINAL LEFT JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = e.device_id WHERE e.participant_id = {p:UUID} AND e.time >= {from:DateTime64(3, 'UTC')} AND e.time < {to:DateTime64(3, 'UTC')} AND ${filter} ORDER BY ${orderBy}, e.time DESC, e.device_id DESC, e.seq DESC`,
    {
      p: office.participantId,
      from: range.from.replace('T', ' ').replace('Z', ''),
      to: range.to.replace('T', ' ').replace('Z', ''),
    },
  );
  return rows.map(keyOf);
}

describe('order by a column', () => {
  it('pages through many equal values by user, every row exactly once, in the engine’s own order', async () => {
    const sorted = await pageThrough({
      q: 'category:web_access OR category:logon',
      sort: 'user',
      dir: 'asc',
      limit: 97,
    });
    const engine = await engineOrder("e.category IN ('web_access', 'logon')", 'e.user_name ASC');
    expect(sorted.pages).toBeGreaterThan(5);
    expect(new Set(sorted.keys).size).toBe(sorted.keys.length);
    expect(sorted.keys).toEqual(engine);
    // Many rows share each value: the tie-breakers, not the value, carry most page boundaries.
    const [users] = await queryRows<{ n: string }>(
      yorozu,
      "SELECT uniqExact(user_name) AS n FROM events FINAL WHERE participant_id = {p:UUID} AND category IN ('web_access', 'logon')",
      { p: office.participantId },
    );
    expect(Number(users!.n)).toBeLessThan(sorted.keys.length / 20);
  });

  it('orders by a number descending, by host name and by category in the catalogue’s order', async () => {
    const bytes = await pageThrough({ q: 'category:file_operation', sort: 'bytes', dir: 'desc', limit: 113 });
    expect(bytes.keys).toEqual(await engineOrder("e.category = 'file_operation'", 'e.bytes DESC'));
    const hosts = await pageThrough({ q: '', sort: 'host', dir: 'asc', limit: 1000 });
    expect(hosts.keys).toEqual(await engineOrder('1', 'd.hostname ASC'));
    const categories = await pageThrough({ q: '', sort: 'category', dir: 'desc', limit: 1000 });
    expect(categories.keys).toEqual(await engineOrder('1', 'e.category DESC'));
  });

  it('refuses a field it cannot order by, and a cursor given out for another order', async () => {
    const bad = await user.call<{ error: { code: string; message: string } }>(
      'GET',
      `${base()}/events${qs({ ...range, sort: 'time; DROP TABLE events' })}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('"sort"');
    const first = await user.call<{ nextCursor: string }>(
      'GET',
      `${base()}/events${qs({ ...range, sort: 'user', limit: 5 })}`,
    );
    expect(first.body.nextCursor).toBeTruthy();
    const other = await user.call<{ error: { message: string } }>(
      'GET',
      `${base()}/events${qs({ ...range, sort: 'bytes', limit: 5, cursor: first.body.nextCursor })}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.error.message).toContain('another order');
  });
});

describe('histogram split by a field', () => {
  it('split by user: each shown user’s count is the engine’s, the rest is "other", the total is every event', async () => {
    const reply = await user.call<contract.Histogram>(
      'GET',
      `${base()}/events/histogram${qs({ ...range, split: 'user' })}`,
    );
    expect(reply.status).toBe(200);
    const split = reply.body.split!;
    expect(split.field).toBe('user_name');
    const engine = await queryRows<{ user_name: string; n: string }>(
      yorozu,
      "SELECT user_name, count() AS n FROM events FINAL WHERE participant_id = {p:UUID} AND time >= {from:DateTime64(3, 'UTC')} GROUP BY user_name ORDER BY n DESC, user_name",
      { p: office.participantId, from: range.from.replace('T', ' ').replace('Z', '') },
    );
    expect(split.values).toEqual(engine.slice(0, 8).map((row) => row.user_name));
    const shown = new Map<string, number>();
    let other = 0;
    for (const bucket of reply.body.buckets) {
      for (const [value, n] of Object.entries(bucket.counts)) shown.set(value, (shown.get(value) ?? 0) + n);
      other += bucket.other ?? 0;
    }
    for (const row of engine.slice(0, 8)) expect(shown.get(row.user_name), row.user_name).toBe(Number(row.n));
    expect(other).toBe(engine.slice(8).reduce((sum, row) => sum + Number(row.n), 0));
    expect(reply.body.total).toBe(engine.reduce((sum, row) => sum + Number(row.n), 0));
  });

  it('split by host names the devices; a field with many values is refused by name', async () => {
    const reply = await user.call<contract.Histogram>(
      'GET',
      `${base()}/events/histogram${qs({ ...range, split: 'host' })}`,
    );
    expect(reply.status).toBe(200);
    const hosts = await queryRows<{ hostname: string }>(
      yorozu,
      'SELECT hostname FROM devices_current WHERE participant_id = {p:UUID}',
      { p: office.participantId },
    );
    expect([...reply.body.split!.values].sort()).toEqual(hosts.map((h) => h.hostname).sort());
    const bad = await user.call<{ error: { message: string } }>(
      'GET',
      `${base()}/events/histogram${qs({ ...range, split: 'message' })}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('"split"');
    expect(bad.body.error.message).toContain('message');
  });
});
