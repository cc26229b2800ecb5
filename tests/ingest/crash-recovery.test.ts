import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll, type Enrollment } from '../../agent/protocol-client.js';
import type { LogEvent } from '../../agent-protocol/index.js';
import { simpleEvents } from '../support/every-category.js';
import { freshDataDir } from '../support/yorozu-under-test.js';
import { eventsInDataDir, startYorozuProcess, yorozuCli, type YorozuProcess } from '../../harness/yorozu-process.js';
import { until } from '../support/until.js';

/**
 * The gateway process is killed with SIGKILL while agents stream. Every batch it acknowledged must
 * be stored exactly once; batches it did not acknowledge are re-sent after restart and also end up
 * exactly once, including when an agent re-sends batches that had been acknowledged.
 */
const AGENTS = 4;
const EVENTS_PER_BATCH = 200;
const dataDir = freshDataDir('crash');
let server: YorozuProcess | undefined;

afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface StreamingAgent {
  enrollment: Enrollment;
  batches: Map<string, LogEvent[]>;
  acked: Set<string>;
}

async function streamUntilKilled(
  url: string,
  agent: StreamingAgent,
  index: number,
  stop: () => boolean,
): Promise<void> {
  const connection = await AgentConnection.open(url, agent.enrollment.credential);
  let seq = 0;
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  void connection.closed.then(() => (closed = true));
  while (!closed && !stop()) {
    const batchId = `a${index}-b${agent.batches.size}`;
    const events = simpleEvents(seq, EVENTS_PER_BATCH, Date.now() - 3_600_000 + seq);
    seq += EVENTS_PER_BATCH;
    agent.batches.set(batchId, events);
    const sending = connection.sendEvents(batchId, events).then((reply) => {
      if (reply.type === 'ack') agent.acked.add(batchId);
    });
    const tracked = Promise.race([sending, connection.closed]).then(() => void inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.race([Promise.all(inFlight), connection.closed]);
}

describe('SIGKILL while agents stream', () => {
  it('keeps every acknowledged event exactly once, and re-sent ones too', async () => {
    const { participantId } = (await yorozuCli(dataDir, ['participant', 'add', '株式会社クラッシュ'])) as {
      participantId: string;
    };
    const { secret } = (await yorozuCli(dataDir, ['secret', 'create', participantId])) as { secret: string };

    server = await startYorozuProcess(dataDir);
    const agents: StreamingAgent[] = [];
    for (let i = 0; i < AGENTS; i += 1) {
      agents.push({ enrollment: await enroll(server.url, secret, `PC-${i}`), batches: new Map(), acked: new Set() });
    }
    const totalAcked = () => agents.reduce((sum, agent) => sum + agent.acked.size, 0);
    let killed = false;
    const streams = agents.map((agent, i) => streamUntilKilled(server!.url, agent, i, () => killed));
    await until('40 batches acknowledged', () => totalAcked() >= 40, { intervalMs: 10 });
    server.child.kill('SIGKILL');
    killed = true;
    await server.exited;
    await Promise.all(streams);

    const sentBatches = agents.reduce((sum, agent) => sum + agent.batches.size, 0);
    expect(totalAcked()).toBeGreaterThanOrEqual(40);
    expect(sentBatches).toBeGreaterThan(totalAcked()); // some were in flight when the process died

    const expectOnce = (visible: [string, number, number][], batchesOf: (agent: StreamingAgent) => string[]) => {
      const copies = new Map(visible.map(([device, seq, n]) => [`${device}:${seq}`, n]));
      let checked = 0;
      for (const agent of agents) {
        for (const batchId of batchesOf(agent)) {
          for (const event of agent.batches.get(batchId)!) {
            expect(copies.get(`${agent.enrollment.deviceId}:${event.seq}`), `${batchId} seq ${event.seq}`).toBe(1);
            checked += 1;
          }
        }
      }
      return checked;
    };

    // After the crash, before anything is re-sent: every acknowledged event is there once.
    const afterCrash = await eventsInDataDir(dataDir);
    const ackedEvents = expectOnce(afterCrash.visible, (agent) => [...agent.acked]);
    expect(ackedEvents).toBe(totalAcked() * EVENTS_PER_BATCH);

    // Restart on the same directory; agents re-send what was not acknowledged, plus every tenth acknowledged batch.
    server = await startYorozuProcess(dataDir);
    for (const agent of agents) {
      const connection = await AgentConnection.open(server.url, agent.enrollment.credential);
      const ackedBefore = [...agent.acked];
      const resend = [...agent.batches.keys()]
        .filter((id) => !agent.acked.has(id))
        .concat(ackedBefore.filter((_, i) => i % 10 === 0));
      const replies = await Promise.all(
        resend.map((batchId) => connection.sendEvents(batchId, agent.batches.get(batchId)!)),
      );
      for (const reply of replies) {
        expect(reply.type).toBe('ack');
        agent.acked.add(reply.batchId!);
      }
      await connection.close();
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;

    const final = await eventsInDataDir(dataDir);
    const allEvents = expectOnce(final.visible, (agent) => [...agent.batches.keys()]);
    expect(allEvents).toBe(sentBatches * EVENTS_PER_BATCH);
    expect(final.visible).toHaveLength(allEvents); // nothing that was never sent
    expect(final.rawRows).toBeGreaterThanOrEqual(allEvents);
  }, 240_000);
});
