import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import type { ServerMessage } from '../../agent-protocol/index.js';
import { simpleEvents } from '../support/every-category.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let secret: string;

// A gateway-wide bound of 2,000 unacknowledged events and a writer that flushes only every second (and is never
// "behind" by its own queue limit). Agents are configured for 500-event batches, so the window advertised is
// 2,000 / (agents × 500): 4 for one agent, 2 for two, 1 for three. Three agents sending 1,000-event batches at
// once must cross the bound.
beforeAll(async () => {
  yorozu = await startTestYorozu('read-bound', {
    INGEST_MAX_UNACKNOWLEDGED_EVENTS: '2000',
    INGEST_FLUSH_INTERVAL_MS: '1000',
    INGEST_FLUSH_ROWS: '100000',
    INGEST_MAX_QUEUED_ROWS: '1000000',
  });
  ({ secret } = await participantWithSecret(yorozu, '上限株式会社'));
});
afterAll(async () => yorozu?.cleanup());

async function metric(name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', yorozu.url))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? 0);
}

const stored = async (deviceId: string) => {
  const [row] = await queryRows<{ n: string }>(
    yorozu,
    'SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID}',
    {
      d: deviceId,
    },
  );
  return Number(row!.n);
};

describe("the gateway's bound on unacknowledged events", () => {
  it('advertises a window that shrinks as agents connect', async () => {
    const hello = {
      v: 1,
      type: 'hello',
      agentVersion: '0.1.0',
      hostname: 'PC',
      os: { name: 'Windows 11 Pro', version: '23H2' },
    };
    const window = async (connection: AgentConnection) => {
      const welcome = connection.next((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome');
      connection.send(hello);
      return (await welcome).limits.maxInFlightBatches;
    };
    const windows: number[] = [];
    const connections: AgentConnection[] = [];
    for (const name of ['W-1', 'W-2', 'W-3']) {
      const agent = await enroll(yorozu.url, secret, name);
      const connection = await AgentConnection.open(yorozu.url, agent.credential);
      connections.push(connection);
      windows.push(await window(connection));
    }
    expect(windows).toEqual([4, 2, 1]);
    await Promise.all(connections.map((connection) => connection.close()));
  });

  it('pauses reading at the bound, tells the agents that wait to slow down, and resumes: every batch of every agent is acknowledged', async () => {
    const agents = await Promise.all(['PC-A', 'PC-B', 'PC-C'].map((name) => enroll(yorozu.url, secret, name)));
    const connections = await Promise.all(agents.map((agent) => AgentConnection.open(yorozu.url, agent.credential)));
    const slowDown = Promise.any(
      connections.map((connection) =>
        connection.next((m): m is Extract<ServerMessage, { type: 'slow_down' }> => m.type === 'slow_down'),
      ),
    );
    const pausedBefore = await metric('yorozu_reading_paused_total');
    const replies = connections.flatMap((connection, agent) =>
      [0, 1, 2].map((i) => connection.sendEvents(`${agent}-${i}`, simpleEvents(i * 1000, 1000))),
    );
    expect((await slowDown).retryAfterMs).toBeGreaterThan(0);
    expect(await metric('yorozu_reading_paused_total')).toBeGreaterThan(pausedBefore);
    const settled = await Promise.all(replies);
    expect(settled.map((reply) => reply.type)).toEqual(Array(9).fill('ack'));
    for (const agent of agents) expect(await stored(agent.deviceId)).toBe(3000);
    expect(await metric('yorozu_unacknowledged_events')).toBe(0);
    // Reading resumed: the next batch is read and answered as usual.
    expect(await connections[1]!.sendEvents('b-after', simpleEvents(9000, 10))).toMatchObject({
      type: 'ack',
      accepted: 10,
    });
  });
});
