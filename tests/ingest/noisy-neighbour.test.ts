import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll, type Enrollment } from '../../agent/protocol-client.js';
import type { ServerMessage } from '../../agent-protocol/index.js';
import { simpleEvents } from '../support/every-category.js';
import { until } from '../support/until.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let noisy: Enrollment;
let bystander: Enrollment;

beforeAll(async () => {
  yorozu = await startTestYorozu('noisy-neighbour');
  const { secret } = await participantWithSecret(yorozu, '株式会社おとなり');
  [noisy, bystander] = await Promise.all([
    enroll(yorozu.url, secret, 'PC-NOISY'),
    enroll(yorozu.url, secret, 'PC-QUIET'),
  ]);
});
afterAll(async () => yorozu?.cleanup());

async function metrics(): Promise<(name: string) => number> {
  const text = await (await fetch(new URL('/metrics', yorozu.url))).text();
  return (name) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(name))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

const count = async (query: string, deviceId: string) =>
  Number((await queryRows<{ c: string }>(yorozu, query, { d: deviceId }))[0]!.c);

describe('one misbehaving device cannot hurt another', () => {
  it('a flood of bad messages, unsolicited diagnostics and binary frames from one device: the other keeps getting its acks', async () => {
    const loud = await AgentConnection.open(yorozu.url, noisy.credential);
    const quiet = await AgentConnection.open(yorozu.url, bystander.credential);
    const noisyReplies: ServerMessage[] = [];
    loud.socket.on('message', (data) => noisyReplies.push(JSON.parse(data.toString()) as ServerMessage));

    const quietAcks: Promise<unknown>[] = [];
    const floodStarted = performance.now();
    for (let round = 0; round < 10; round += 1) {
      for (let i = 0; i < 30; i += 1) loud.sendRaw(`{"v":1,"type":"events","batchId":"bad-${round}-${i}",`);
      loud.send({
        v: 1,
        type: 'diagnostics',
        batchId: `diag-${round}`,
        requestId: `nobody-asked-${round}`,
        content: { log: 'x'.repeat(50_000) },
      });
      loud.socket.send(Buffer.from([1, 2, 3]));
      quietAcks.push(quiet.sendEvents(`quiet-${round}`, simpleEvents(round * 50, 50)));
    }
    const acks = await Promise.all(quietAcks);
    expect(acks).toEqual(Array(10).fill(expect.objectContaining({ type: 'ack', accepted: 50 })));
    expect(await count('SELECT count() AS c FROM events FINAL WHERE device_id = {d:UUID}', bystander.deviceId)).toBe(
      500,
    );

    // 320 messages answered: the first refusals one by one, then rate_limited without being parsed or recorded.
    await until('every noisy message answered', () => noisyReplies.length >= 320);
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    const codes = noisyReplies.map((reply) => (reply.type === 'error' ? reply.code : reply.type));
    expect(codes).toContain('malformed_json');
    expect(codes).toContain('rate_limited');
    expect(codes).not.toContain('ack');
    expect(codes).not.toContain('internal_error');
    const recorded = await count(
      'SELECT count() AS c FROM rejected_messages WHERE device_id = {d:UUID}',
      noisy.deviceId,
    );
    expect(recorded).toBeGreaterThan(0);
    // A sample of the flood, not the flood: the refusals' burst (20), then their rate (2 a second) for as long as the
    // flood lasted (its socket left unread meanwhile, so the flood is spread over time on a slow machine).
    expect(recorded).toBeLessThanOrEqual(20 + Math.ceil(2 * floodSeconds) + 1);
    expect(recorded).toBeLessThan(320 / 2);
    expect(await count('SELECT count() AS c FROM diagnostics WHERE device_id = {d:UUID}', noisy.deviceId)).toBe(0);
    const after = await metrics();
    expect(after('yorozu_device_refusals_total{reason="refused_messages_flood"}')).toBeGreaterThan(0);
  });

  it('diagnostics nobody asked for are refused by name, and over the size limit by limit', async () => {
    const connection = await AgentConnection.open(yorozu.url, bystander.credential);
    const unsolicited = await connection.sendBatch({
      v: 1,
      type: 'diagnostics',
      batchId: 'd1',
      requestId: 'made-up',
      content: {},
    });
    expect(unsolicited).toMatchObject({ type: 'error', code: 'invalid_message', issues: [{ path: 'requestId' }] });
    const huge = await connection.sendBatch({
      v: 1,
      type: 'diagnostics',
      batchId: 'd2',
      requestId: 'made-up',
      content: { log: 'x'.repeat(1_100_000) },
    });
    expect(huge).toMatchObject({ type: 'error', code: 'message_too_large', limit: { name: 'maxDiagnosticsBytes' } });
  });

  it('an unknown credential is looked up once, then answered from the negative cache', async () => {
    const before = await metrics();
    const unknown = 'ydc1.6a0b1f8e-5a0c-4b59-9d0c-6f1f3b5f2a11.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    for (let i = 0; i < 20; i += 1) {
      const connection = await AgentConnection.open(yorozu.url, unknown);
      await connection.closed;
      expect(connection.closeCode).toBe(4401);
    }
    const after = await metrics();
    const delta = (name: string) => after(name) - before(name);
    expect(delta('yorozu_credential_checks_total{source="database"}')).toBe(1);
    expect(delta('yorozu_credential_checks_total{source="unknown_cache"}')).toBe(19);
  });
});
