import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll, type Enrollment } from '../../agent/protocol-client.js';
import type { AckMessage, LogEvent } from '../../agent-protocol/index.js';
import { operatorClient } from '../../harness/api-client.js';
import { nameBasedUuid } from '../../ingest/credentials.js';
import { FirstWriteGuard } from '../../ingest/first-write-guard.js';
import { eventsOfEveryCategory } from '../support/every-category.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let agent: Enrollment;
let connection: AgentConnection;

beforeAll(async () => {
  yorozu = await startTestYorozu('first-write-wins');
  const { secret } = await participantWithSecret(yorozu, '株式会社ファースト');
  agent = await enroll(yorozu.url, secret, 'PC-FIRST');
  connection = await AgentConnection.open(yorozu.url, agent.credential);
});
afterAll(async () => yorozu?.cleanup());

const stored = (seq: number) =>
  queryRows<{ copies: string; action: string; file_path: string; target_path: string }>(
    yorozu,
    'SELECT count() AS copies, any(action) AS action, any(file_path) AS file_path, any(target_path) AS target_path FROM events FINAL WHERE device_id = {d:UUID} AND seq = {s:UInt64}',
    { d: agent.deviceId, s: seq },
  ).then((rows) => rows[0]!);

async function metric(name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', yorozu.url))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

const everyCategory = eventsOfEveryCategory(100);
const copyToUsb = everyCategory.find((e) => e.category === 'file_operation')!;

describe('first write wins', () => {
  it('stores a batch of every category; its identical re-send is acknowledged and stays invisible', async () => {
    expect(await connection.sendEvents('first', everyCategory)).toMatchObject({ accepted: everyCategory.length });
    const again = await connection.sendEvents('first', everyCategory);
    expect(again).toMatchObject({ type: 'ack', accepted: everyCategory.length, rejected: [] });
    const [count] = await queryRows<{ c: string }>(
      yorozu,
      'SELECT count() AS c FROM events WHERE device_id = {d:UUID}',
      {
        d: agent.deviceId,
      },
    );
    expect(Number(count!.c)).toBe(everyCategory.length); // not even a second copy waiting for a merge
    expect(await metric('yorozu_events_duplicate_total')).toBe(everyCategory.length);
    expect(await metric('yorozu_events_conflicting_resend_total')).toBe(0);
  });

  it('a re-send with other content leaves the first content, and is counted and recorded as a conflicting re-send', async () => {
    const before = await stored(copyToUsb.seq);
    const rewritten: LogEvent = {
      ...copyToUsb,
      action: 'read',
      path: 'C:\\Users\\tanaka\\メモ.txt',
      targetPath: undefined,
    } as LogEvent;
    const reply = (await connection.sendEvents('rewrite', [rewritten])) as AckMessage;
    expect(reply).toMatchObject({ type: 'ack', accepted: 0, rejected: [{ index: 0, code: 'conflicting_resend' }] });
    expect(reply.rejected[0]!.field.split(',')).toEqual(expect.arrayContaining(['action', 'file_path', 'target_path']));
    expect(await stored(copyToUsb.seq)).toEqual(before);
    expect(before.action).toBe(copyToUsb.action);
    expect(await metric('yorozu_events_conflicting_resend_total')).toBe(1);

    const operator = await operatorClient(yorozu.url);
    const { body } = await operator.call<{ rejected: { code: string; raw: string }[] }>(
      'GET',
      `/api/v1/admin/rejected-messages?device=${agent.deviceId}`,
    );
    const conflict = body.rejected.find((r) => r.code === 'conflicting_resend');
    expect(JSON.parse(conflict!.raw)).toMatchObject({ action: 'read', seq: copyToUsb.seq });
  });

  it('the changed copy sent right behind the original, before it is stored, loses too', async () => {
    const [original] = eventsOfEveryCategory(500).filter((e) => e.category === 'file_operation');
    const changed = { ...original!, action: 'delete' } as LogEvent;
    const [first, second] = await Promise.all([
      connection.sendEvents('race-1', [original!]),
      connection.sendEvents('race-2', [changed]),
    ]);
    expect(first).toMatchObject({ accepted: 1 });
    expect(second).toMatchObject({ accepted: 0, rejected: [{ code: 'conflicting_resend' }] });
    expect((await stored(original!.seq)).action).toBe(original!.action);
  });

  it('an event below the highest stored seq that was never stored is stored (a batch that failed before)', async () => {
    const [late] = eventsOfEveryCategory(50).filter((e) => e.category === 'logon');
    expect(await connection.sendEvents('late', [late!])).toMatchObject({ accepted: 1, rejected: [] });
    expect((await stored(late!.seq)).copies).toBe('1');
  });

  it('after a reconnect and over HTTP, the first content still wins', async () => {
    connection.socket.close();
    connection = await AgentConnection.open(yorozu.url, agent.credential);
    const changed = { ...copyToUsb, action: 'move' } as LogEvent;
    expect(await connection.sendEvents('rewrite-2', [changed])).toMatchObject({
      rejected: [{ code: 'conflicting_resend' }],
    });
    const response = await fetch(new URL('/v1/batches', yorozu.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.credential}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        v: 1,
        type: 'events',
        batchId: 'rewrite-3',
        events: [{ ...copyToUsb, action: 'delete' }],
      }),
    });
    expect(await response.json()).toMatchObject({ rejected: [{ code: 'conflicting_resend' }] });
    expect((await stored(copyToUsb.seq)).action).toBe(copyToUsb.action);
    expect(await metric('yorozu_events_conflicting_resend_total')).toBe(4);
  });

  it("the device's page API counts its conflicting re-sends", async () => {
    const operator = await operatorClient(yorozu.url);
    const { body } = await operator.call<{ device: { conflicting_resends?: number } }>(
      'GET',
      `/api/v1/participants/${agent.participantId}/devices/${agent.deviceId}`,
    );
    expect(body.device.conflicting_resends).toBe(4);
  });
});

describe("the devices' high-water marks", () => {
  it('are read for many devices at once in one query, each device its own mark', async () => {
    // A guard of its own, so its count of queries is this test's: 60 devices' first batches arrive together.
    const guard = new FirstWriteGuard(yorozu.database.client);
    const others = Array.from({ length: 59 }, (_, i) => ({
      participantId: agent.participantId,
      deviceId: nameBasedUuid(`high-water-${i}`),
    }));
    const devices = [{ participantId: agent.participantId, deviceId: agent.deviceId }, ...others];
    // One row each at seq 1: below the agent's stored mark (it stored seq 1 … before), above nobody's for the others.
    const row = (seq: number) => ({
      index: 0,
      seq,
      timeMs: Date.now(),
      category: 'boot',
      row: Buffer.alloc(0),
      event: undefined,
    });
    const verdicts = await Promise.all(
      devices.map((device) =>
        guard.admit(device, [row(everyCategory[0]!.seq + 1_000_000)], async () => undefined).then((r) => r.verdict),
      ),
    );
    expect(guard.markQueries).toBe(1);
    // Above every stored seq: fresh for all, the agent's too (its mark is its own highest, not another's).
    expect(verdicts.every((v) => v.fresh.length === 1)).toBe(true);
    // The agent's mark is its stored one: an event at its first stored seq is a suspect looked up, found a duplicate.
    const [first] = everyCategory;
    const again = await new FirstWriteGuard(yorozu.database.client).admit(
      devices[0]!,
      [
        {
          index: 0,
          seq: first!.seq,
          timeMs: Date.parse(first!.time),
          category: first!.category,
          row: Buffer.alloc(0),
          event: first,
        },
      ],
      async () => undefined,
    );
    expect(again.verdict).toMatchObject({ fresh: [], conflicts: [] });
    expect(again.verdict.duplicates).toHaveLength(1);
    // Another device's mark stays its own: nothing stored, so its seq 1 is fresh without a lookup.
    const fresh = await guard.admit(others[0]!, [row(1)], async () => undefined);
    expect(fresh.verdict.fresh).toHaveLength(1);
  });
});
