import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { ParticipantSnapshot } from '../../scoped-query/participant-snapshot.js';
import { insertPoliciesTogether } from '../../scoped-query/policies-into.js';
import type { PolicyProblem } from '../../scoped-query/policy-validation.js';
import { PolicyQueryError, runPolicy, runScopedPolicy } from '../../scoped-query/policy-runner.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * A run's snapshot of one participant's scoped tables: the policies read the same answers as over the live
 * definitions, the isolation checks refuse the same escapes (including another run's snapshot table by its
 * name), several policies run as one query whose verdicts the engine inserts, with each error on its own policy,
 * and the tables go when dropped.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let ours: { participantId: string; deviceId: string };
let theirs: { participantId: string; deviceId: string };
const now = new Date('2026-11-25T00:00:00Z');

beforeAll(async () => {
  yorozu = await startTestYorozu('participant-snapshot');
  const setUp = async (name: string, host: string, domain: string) => {
    const { participantId, secret } = await participantWithSecret(yorozu, name);
    const { deviceId } = await enroll(yorozu.url, secret, host);
    await yorozu.database.client.insert({
      table: 'health_results',
      values: [
        {
          participant_id: participantId,
          device_id: deviceId,
          check_id: 'antivirus.running',
          time: '2026-11-24 00:00:00.000',
          status: 'fail',
          value: 'stopped',
          detail: `${host} detail`,
          received_at: '2026-11-24 00:00:01.000',
        },
      ],
      format: 'JSONEachRow',
    });
    await yorozu.database.client.insert({
      table: 'events',
      values: [1, 2].map((seq) => ({
        participant_id: participantId,
        device_id: deviceId,
        seq,
        time: `2026-11-24 0${seq}:00:00.000`,
        received_at: '2026-11-24 03:00:00.000',
        category: 'web_access',
        action: 'visit',
        domain,
        url: `https://${domain}/`,
      })),
      format: 'JSONEachRow',
    });
    return { participantId, deviceId };
  };
  ours = await setUp('株式会社こちら', 'OURS-PC', 'ours.example');
  theirs = await setUp('株式会社あちら', 'THEIRS-PC', 'theirs.example');
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const HEALTH = `SELECT d.device_id AS device_id, h.status = 'pass' AS passed, h.detail AS detail FROM p_devices AS d LEFT JOIN p_health AS h ON h.device_id = d.device_id AND h.check_id = 'antivirus.running'`;
const VISITS = `SELECT d.device_id AS device_id, count() = 0 AS passed, concat(any(e.domain), ' ', toString(count())) AS detail, concat(any(e.domain), ' visited ', toString(count()), ' times') AS detail_en FROM p_devices AS d INNER JOIN p_events AS e ON e.device_id = d.device_id GROUP BY d.device_id`;
const BROKEN = `SELECT device_id, 1 AS passed, toString(throwIf(1, 'policy fault')) AS detail FROM p_devices`;
const REFUSED = `SELECT device_id, 0 AS passed, detail FROM health_results`;

const NAMES = new Map([
  [HEALTH, 'HEALTH'],
  [VISITS, 'VISITS'],
  [BROKEN, 'BROKEN'],
  [REFUSED, 'REFUSED'],
]);
interface InsertedVerdict {
  policy: string;
  device_id: string;
  passed: number;
  detail: string;
  detail_en: string;
}
let stagings = 0;

/**
 * The policies' verdicts inserted by the engine, as the evaluation inserts them (insertPoliciesTogether), into a
 * table of this test; each row carries the name of its policy's text, found from its position in the whole.
 */
async function insertTogether(
  participantId: string,
  queries: readonly string[],
  options: { snapshot?: ParticipantSnapshot; parsed?: Map<string, PolicyProblem | null> } = {},
) {
  const client = yorozu.database.client;
  const into = `together_verdicts_${(stagings += 1)}`;
  await client.command({
    query:
      'CREATE TABLE {into:Identifier} (policy String, device_id String, passed UInt8, detail String, detail_en String) ENGINE = Memory',
    query_params: { into },
  });
  try {
    const outcomes = await insertPoliciesTogether(
      client,
      participantId,
      queries,
      now,
      {
        into,
        columns: 'policy, device_id, passed, detail, detail_en',
        outcome: (positions) => ({
          select:
            'SELECT {names:Array(String)}[policy_index + 1], device_id, passed, detail, detail_en FROM policy_outcomes',
          params: { names: [...positions].sort((a, b) => a[1] - b[1]).map(([query]) => NAMES.get(query)!) },
        }),
      },
      options,
    );
    const rows = await queryRows<InsertedVerdict>(
      yorozu,
      'SELECT policy, device_id, passed, detail, detail_en FROM {into:Identifier} ORDER BY policy, device_id',
      { into },
    );
    return { outcomes, rows };
  } finally {
    await client.command({ query: 'DROP TABLE {into:Identifier}', query_params: { into } });
  }
}

const snapshotTables = async () =>
  (
    await queryRows<{ name: string }>(
      yorozu,
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'snapshot\\\\_%' ORDER BY name",
    )
  ).map((row) => row.name);

describe("a run's snapshot of the scoped tables", () => {
  it('answers what the live definitions answer, and takes only the tables and event columns named', async () => {
    const snapshot = await ParticipantSnapshot.take(yorozu.database.client, ours.participantId, now, [HEALTH, VISITS]);
    try {
      expect([...snapshot.tables.keys()].sort()).toEqual(['p_devices', 'p_events', 'p_health']);
      const client = yorozu.database.client;
      for (const query of [HEALTH, VISITS])
        expect(await runPolicy(client, ours.participantId, query, now, snapshot)).toEqual(
          await runPolicy(client, ours.participantId, query, now),
        );
      expect(await runPolicy(client, ours.participantId, VISITS, now, snapshot)).toEqual([
        {
          device_id: ours.deviceId,
          passed: false,
          detail: 'ours.example 2',
          detail_en: 'ours.example visited 2 times',
        },
      ]);
      const columns = await queryRows<{ name: string }>(
        yorozu,
        'SELECT name FROM system.columns WHERE database = currentDatabase() AND table = {t:String} ORDER BY position',
        { t: snapshot.tables.get('p_events')! },
      );
      expect(columns.map((column) => column.name)).toEqual(['device_id', 'seq', 'time', 'received_at', 'domain']);
    } finally {
      await snapshot.drop();
    }
  });

  it("refuses the same escapes, and another run's snapshot table read by its name", async () => {
    const client = yorozu.database.client;
    const mine = await ParticipantSnapshot.take(client, ours.participantId, now, [HEALTH]);
    const other = await ParticipantSnapshot.take(client, theirs.participantId, now, [HEALTH]);
    try {
      const theirTable = other.tables.get('p_health')!;
      // sql-paste-ok: the test plays an operator who learnt another run's table name and writes it into a policy
      const stolen = `SELECT device_id, 0 AS passed, detail FROM ${theirTable}`;
      for (const query of [stolen, REFUSED]) {
        const refusal = await runScopedPolicy(client, ours.participantId, query, now, mine).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(PolicyQueryError);
        expect((refusal as PolicyQueryError).problem.code).toBe('table_not_allowed');
      }
      await expect(runPolicy(client, ours.participantId, stolen, now, mine)).rejects.toBeInstanceOf(PolicyQueryError);
      expect(await runPolicy(client, ours.participantId, HEALTH, now, mine)).toEqual([
        { device_id: ours.deviceId, passed: false, detail: 'OURS-PC detail', detail_en: '' },
      ]);
    } finally {
      await mine.drop();
      await other.drop();
    }
    expect(await snapshotTables()).toEqual([]);
  });
});

describe('several policies as one query', () => {
  it('inserts the verdicts of each distinct text once and puts each error on its own policy, with none of its rows', async () => {
    const client = yorozu.database.client;
    const snapshot = await ParticipantSnapshot.take(client, ours.participantId, now, [HEALTH, VISITS, BROKEN]);
    try {
      const { outcomes, rows } = await insertTogether(ours.participantId, [HEALTH, VISITS, HEALTH, BROKEN, REFUSED], {
        snapshot,
      });
      expect([...outcomes.keys()]).toHaveLength(4);
      expect(outcomes.get(HEALTH)).toEqual({ inserted: true });
      expect(outcomes.get(VISITS)).toEqual({ inserted: true });
      const broken = outcomes.get(BROKEN)!;
      expect('error' in broken && broken.error.message).toContain('policy fault');
      const refused = outcomes.get(REFUSED)!;
      expect('error' in refused && refused.error.problem.code).toBe('table_not_allowed');
      // HEALTH's text, given twice, ran once; BROKEN and REFUSED inserted nothing.
      expect(rows).toEqual([
        { policy: 'HEALTH', device_id: ours.deviceId, passed: 0, detail: 'OURS-PC detail', detail_en: '' },
        {
          policy: 'VISITS',
          device_id: ours.deviceId,
          passed: 0,
          detail: 'ours.example 2',
          detail_en: 'ours.example visited 2 times',
        },
      ]);
    } finally {
      await snapshot.drop();
    }
  });

  it("without the faulty texts, inserts all of them from the one query, the participant's rows only", async () => {
    const { outcomes, rows } = await insertTogether(theirs.participantId, [HEALTH, VISITS]);
    expect(outcomes).toEqual(
      new Map([
        [HEALTH, { inserted: true }],
        [VISITS, { inserted: true }],
      ]),
    );
    expect(rows).toEqual([
      { policy: 'HEALTH', device_id: theirs.deviceId, passed: 0, detail: 'THEIRS-PC detail', detail_en: '' },
      {
        policy: 'VISITS',
        device_id: theirs.deviceId,
        passed: 0,
        detail: 'theirs.example 2',
        detail_en: 'theirs.example visited 2 times',
      },
    ]);
  });

  it("a span of p_events serves each instant inside it with that instant's own 30-day window, and stays until dropped", async () => {
    const from = new Date('2026-11-24T01:30:00Z');
    const to = new Date('2026-12-24T01:30:00Z');
    const span = await ParticipantSnapshot.takeEventsSpan(yorozu.database.client, ours.participantId, from, to, [
      VISITS,
    ]);
    const spanTable = span.tables.get('p_events')!;
    try {
      // 01:30: only the 01:00 visit has happened; 11-25: both; 12-24 01:30: the 01:00 visit is older than 30 days.
      for (const [at, seen] of [
        [from, 'ours.example 1'],
        [new Date('2026-11-25T00:00:00Z'), 'ours.example 2'],
        [to, 'ours.example 1'],
      ] as const) {
        const instant = await ParticipantSnapshot.take(yorozu.database.client, ours.participantId, at, [VISITS], {
          eventsSpan: span,
        });
        expect(instant.tables.get('p_events')).toBe(spanTable);
        const verdicts = await runPolicy(yorozu.database.client, ours.participantId, VISITS, at, instant);
        expect(verdicts.map((verdict) => verdict.detail)).toEqual([seen]);
        expect(verdicts).toEqual(await runPolicy(yorozu.database.client, ours.participantId, VISITS, at));
        await instant.drop();
        expect(await snapshotTables()).toContain(spanTable);
      }
      // An instant outside the span takes its own events.
      const later = await ParticipantSnapshot.take(
        yorozu.database.client,
        ours.participantId,
        new Date('2026-12-25T00:00:00Z'),
        [VISITS],
        { eventsSpan: span },
      );
      expect(later.tables.get('p_events')).not.toBe(spanTable);
      await later.drop();
    } finally {
      await span.drop();
    }
    expect(await snapshotTables()).toEqual([]);
  });
});
