import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { operatorClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Scheduled detection runs read, per rule, only the events that arrived since the rule's last run (by
 * received_at, not by event time): events arriving between two runs are counted once, a late event (an old
 * time, a new arrival) is still found, a re-sent copy is not counted again, a run with nothing new writes
 * nothing, and a changed rule reads everything again. The runs are the real scheduled job's, on the engine.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let participantId = '';
let deviceId = '';
const RULE_ID = 'op-test-incremental';
const ruleFor = (domains: string[]) => `title: 不審ドメインへのアクセス（テスト）
id: ${RULE_ID}
logsource:
  product: yorozu
  category: web_access
detection:
  selection:
    domain:
${domains.map((domain) => `      - '${domain}'`).join('\n')}
  condition: selection
level: high
`;
const HOUR = 3_600_000;
/** The first run's time; the others are hours after it. */
const T0 = Math.floor(Date.now() / 1000) * 1000;
const ch = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

async function visit(seq: number, domain: string, timeMs: number, receivedMs: number) {
  await yorozu.database.client.insert({
    table: 'events',
    values: [
      {
        participant_id: participantId,
        device_id: deviceId,
        seq,
        time: ch(timeMs),
        received_at: ch(receivedMs),
        category: 'web_access',
        action: 'visit',
        user_name: 'kojin.taro',
        domain,
        url: `https://${domain}/`,
      },
    ],
    format: 'JSONEachRow',
  });
}

async function scheduledRun(at: number) {
  const run = await yorozu.jobs.runNow('health-evaluation', new Date(at));
  expect(run.error).toBeUndefined();
}

/** The rule's findings as stored (current rows), and how many rows were ever written for them. */
async function findings() {
  const current = await queryRows<{ user_name: string; event_count: string; first_seen: string; event_keys: string[] }>(
    yorozu,
    'SELECT user_name, event_count, first_seen, event_keys FROM findings FINAL WHERE participant_id = {p:UUID} AND rule_id = {r:String} ORDER BY first_seen',
    { p: participantId, r: RULE_ID },
  );
  const [written] = await queryRows<{ rows: string }>(
    yorozu,
    'SELECT count() AS rows FROM findings WHERE participant_id = {p:UUID} AND rule_id = {r:String}',
    { p: participantId, r: RULE_ID },
  );
  return {
    current: current.map((row) => ({
      count: Number(row.event_count),
      firstSeen: row.first_seen,
      keys: row.event_keys.map(Number).sort((x, y) => x - y),
    })),
    written: Number(written!.rows),
  };
}

async function watermark() {
  const [row] = await queryRows<{ received_until: string; full_run: boolean }>(
    yorozu,
    'SELECT received_until, full_run FROM detection_watermarks FINAL WHERE participant_id = {p:UUID} AND rule_id = {r:String}',
    { p: participantId, r: RULE_ID },
  );
  return row;
}

beforeAll(async () => {
  yorozu = await startTestYorozu('incremental-detection');
  operator = await operatorClient(yorozu.url);
  const office = await participantWithSecret(yorozu, '株式会社ぞうぶん');
  participantId = office.participantId;
  deviceId = (await enroll(yorozu.url, office.secret, 'ZOBUN-PC-01')).deviceId;
  expect(
    (
      await operator.call('PUT', `/api/v1/admin/detection-rules/${RULE_ID}`, {
        enabled: true,
        yaml: ruleFor(['bad.example']),
      })
    ).status,
  ).toBe(200);
});

afterAll(async () => {
  await yorozu?.cleanup();
});

describe('incremental detection in the scheduled runs', () => {
  it('the first run reads everything that has arrived, and sets the watermark', async () => {
    await visit(1, 'bad.example', T0 - 2 * HOUR, T0 - 2 * HOUR);
    await visit(2, 'good.example', T0 - 2 * HOUR + 1000, T0 - 2 * HOUR + 1000);
    // Arrived within the settling time before the run: left to the next run, not lost.
    await visit(3, 'bad.example', T0 - 60_000, T0 - 60_000);
    await scheduledRun(T0);
    expect((await findings()).current).toEqual([{ count: 1, firstSeen: ch(T0 - 2 * HOUR), keys: [1] }]);
    const mark = await watermark();
    expect(mark?.full_run).toBe(true);
    expect(mark?.received_until).toBe(ch(T0 - 5 * 60_000));
  });

  it('events arriving between two runs are counted once; a late event with an old time is found', async () => {
    await visit(4, 'bad.example', T0 + 10 * 60_000, T0 + 15 * 60_000);
    // Happened three days ago, arrived now (an agent that was offline).
    await visit(5, 'bad.example', T0 - 72 * HOUR, T0 + 20 * 60_000);
    await scheduledRun(T0 + HOUR);
    expect((await findings()).current).toEqual([{ count: 4, firstSeen: ch(T0 - 72 * HOUR), keys: [1, 3, 4, 5] }]);
    expect((await watermark())?.full_run).toBe(false);
  });

  it('a re-sent copy that arrives again is not counted twice, and a run with nothing new writes nothing', async () => {
    const before = await findings();
    await visit(4, 'bad.example', T0 + 10 * 60_000, T0 + HOUR + 10 * 60_000);
    await scheduledRun(T0 + 2 * HOUR);
    await scheduledRun(T0 + 3 * HOUR);
    const after = await findings();
    expect(after.current).toEqual(before.current);
    expect(after.written).toBe(before.written);
  });

  it('a scheduled run reads by arrival only; a changed rule reads every event again', async () => {
    // Stored with arrivals before the watermark: a run that reads by arrival does not read them again.
    await visit(6, 'bad.example', T0 - 3 * HOUR, T0 - 3 * HOUR);
    await visit(7, 'worse.example', T0 - 3 * HOUR + 1000, T0 - 3 * HOUR + 1000);
    await scheduledRun(T0 + 4 * HOUR);
    expect((await findings()).current.map((finding) => finding.keys)).toEqual([[1, 3, 4, 5]]);
    expect(
      (
        await operator.call('PUT', `/api/v1/admin/detection-rules/${RULE_ID}`, {
          enabled: true,
          yaml: ruleFor(['bad.example', 'worse.example']),
        })
      ).status,
    ).toBe(200);
    await scheduledRun(T0 + 5 * HOUR);
    expect((await findings()).current).toEqual([{ count: 6, firstSeen: ch(T0 - 72 * HOUR), keys: [1, 3, 4, 5, 6, 7] }]);
    expect((await watermark())?.full_run).toBe(true);
  });
});
