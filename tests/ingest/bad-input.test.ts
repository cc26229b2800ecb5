import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient } from '../../harness/api-client.js';
import { WebSocket } from 'ws';
import { AgentConnection, enroll, type Enrollment } from '../../agent/protocol-client.js';
import type { ErrorMessage } from '../../agent-protocol/index.js';
import { eventsOfEveryCategory, simpleEvents } from '../support/every-category.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let secret: string;
let bystander: Enrollment;
let bystanderConnection: AgentConnection;
let bystanderSeq = 0;
let bystanderAcks = 0;

// Small limits so each can be crossed cheaply.
beforeAll(async () => {
  yorozu = await startTestYorozu('bad-input', {
    INGEST_MAX_MESSAGE_BYTES: '65536',
    INGEST_MAX_EVENTS_PER_BATCH: '100',
  });
  ({ secret } = await participantWithSecret(yorozu, '有限会社よろず'));
  bystander = await enroll(yorozu.url, secret, 'PC-BYSTANDER');
  bystanderConnection = await AgentConnection.open(yorozu.url, bystander.credential);
});
afterAll(async () => yorozu?.cleanup());

/** Another agent keeps sending while each bad message arrives: it must notice nothing. */
async function bystanderStillServed() {
  const events = simpleEvents(bystanderSeq, 20);
  bystanderSeq += 20;
  const reply = await bystanderConnection.sendEvents(`bystander-${bystanderSeq}`, events);
  expect(reply).toMatchObject({ type: 'ack', accepted: 20 });
  bystanderAcks += 1;
}

async function nextError(connection: AgentConnection): Promise<ErrorMessage> {
  return connection.next((m): m is ErrorMessage => m.type === 'error');
}

describe('bad input gets its own clear error and harms nobody', () => {
  let agent: Enrollment;
  let connection: AgentConnection;
  beforeAll(async () => {
    agent = await enroll(yorozu.url, secret, 'PC-CLUMSY');
    connection = await AgentConnection.open(yorozu.url, agent.credential);
  });

  it('malformed JSON', async () => {
    const error = nextError(connection);
    connection.sendRaw('{"v":1,"type":"events",');
    expect(await error).toMatchObject({ code: 'malformed_json' });
    expect((await error).message).toMatch(/not valid JSON/);
    await bystanderStillServed();
  });

  it('an unknown message type', async () => {
    const error = nextError(connection);
    connection.send({ v: 1, type: 'telemetry', batchId: 'u1' });
    expect(await error).toMatchObject({ code: 'unknown_message_type', batchId: 'u1' });
    await bystanderStillServed();
  });

  it('a wrong protocol version', async () => {
    const reply = await connection.sendBatch({ v: 2, type: 'events', batchId: 'v2', events: [] });
    expect(reply).toMatchObject({ code: 'unsupported_version', batchId: 'v2' });
    expect((reply as ErrorMessage).message).toMatch(/speaks v1/);
    await bystanderStillServed();
  });

  it('an unsupported WebSocket subprotocol', async () => {
    const wrong = await AgentConnection.open(yorozu.url, agent.credential, { protocols: ['yorozu.v9'] }).catch(
      (e: Error) => e,
    );
    // ws refuses a server that picks no offered subprotocol, so the client sees the refusal as an error or a close.
    if (wrong instanceof AgentConnection) {
      await wrong.closed;
      expect(wrong.closeCode).toBe(4400);
    } else {
      expect(wrong.message).toMatch(/subprotocol/i);
    }
    await bystanderStillServed();
  });

  it('an oversized message, with the limit named, and the connection stays open', async () => {
    const big = 'x'.repeat(70_000);
    const reply = await connection.sendBatch({ v: 1, type: 'events', batchId: 'big', events: [{ pad: big }] });
    expect(reply).toMatchObject({ code: 'message_too_large', limit: { name: 'maxMessageBytes', value: 65536 } });
    expect(await connection.sendEvents('after-big', simpleEvents(0, 2))).toMatchObject({ type: 'ack', accepted: 2 });
    await bystanderStillServed();
  });

  it('too many events in one batch', async () => {
    const reply = await connection.sendEvents('many', simpleEvents(10, 101));
    expect(reply).toMatchObject({
      code: 'too_many_events',
      batchId: 'many',
      limit: { name: 'maxEventsPerBatch', value: 100 },
    });
    await bystanderStillServed();
  });

  it('a batch with some invalid events keeps the valid ones and names each bad one by index and field', async () => {
    const good = eventsOfEveryCategory(500);
    const events: unknown[] = [
      good[0],
      { ...good[1], user: 42 },
      good[2],
      { ...good[4], driveType: 'floppy' },
      { seq: 9, category: 'teleport' },
      good[3],
    ];
    const reply = await connection.sendEvents('mixed', events);
    expect(reply).toMatchObject({ type: 'ack', batchId: 'mixed', accepted: 3 });
    const rejected = (reply as { rejected: { index: number; field: string; code: string }[] }).rejected;
    expect(rejected.map((r) => [r.index, r.field])).toEqual([
      [1, 'user'],
      [3, 'driveType'],
      [4, 'category'],
    ]);
    const stored = await queryRows<{ event_index: number; field: string; raw: string }>(
      yorozu,
      "SELECT event_index, field, raw FROM rejected_messages WHERE device_id = {d:UUID} AND batch_id = 'mixed' ORDER BY event_index",
      { d: agent.deviceId },
    );
    expect(stored.map((r) => r.event_index)).toEqual([1, 3, 4]);
    expect(JSON.parse(stored[1]!.raw)).toMatchObject({ driveType: 'floppy' });
    const kept = await queryRows(
      yorozu,
      'SELECT seq FROM events FINAL WHERE device_id = {d:UUID} AND seq >= 500 ORDER BY seq',
      { d: agent.deviceId },
    );
    expect(kept).toEqual([{ seq: '500' }, { seq: '502' }, { seq: '503' }]);
    await bystanderStillServed();
  });

  it('events far outside the clock window are refused by field', async () => {
    const [event] = simpleEvents(900, 1, Date.parse('2001-01-01T00:00:00Z'));
    const reply = await connection.sendEvents('ancient', [event]);
    expect(reply).toMatchObject({
      type: 'ack',
      accepted: 0,
      rejected: [{ index: 0, code: 'time_out_of_range', field: 'time' }],
    });
  });

  it('refused whole messages are kept with their reason for operators', async () => {
    const operator = await operatorClient(yorozu.url);
    const response = await operator.call<{ rejected: { code: string; raw: string }[] }>(
      'GET',
      `/api/v1/admin/rejected-messages?device=${agent.deviceId}`,
    );
    const { rejected } = response.body;
    const codes = new Set(rejected.map((r) => r.code));
    for (const code of ['malformed_json', 'unknown_message_type', 'unsupported_version', 'invalid_event'])
      expect(codes).toContain(code);
    expect(rejected.find((r) => r.code === 'malformed_json')!.raw).toBe('{"v":1,"type":"events",');
  });
});

const LONG_REASON =
  'PC紛失の届出（総務部・田中）により、端末の資格情報を無効化しました。再導入時は新しい登録として扱います。';

describe('credentials', () => {
  it('an unknown credential is refused on WebSocket and HTTP alike', async () => {
    const fake = 'ydc1.6a0b1f8e-5a0c-4b59-9d0c-6f1f3b5f2a11.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const connection = await AgentConnection.open(yorozu.url, fake);
    await connection.closed;
    expect(connection.closeCode).toBe(4401);
    expect(connection.received[0]).toMatchObject({ type: 'error', code: 'invalid_credential' });

    const response = await fetch(new URL('/v1/batches', yorozu.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${fake}` },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'invalid_credential' });

    const none = await fetch(new URL('/v1/batches', yorozu.url), { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'unauthenticated' });
    await bystanderStillServed();
  });

  it('revoking a device closes its open connection with the reason, and its credential is refused after', async () => {
    const agent = await enroll(yorozu.url, secret, 'PC-LOST');
    const connection = await AgentConnection.open(yorozu.url, agent.credential);
    expect(await connection.sendEvents('before-revoke', simpleEvents(0, 5))).toMatchObject({
      type: 'ack',
      accepted: 5,
    });

    const operator = await operatorClient(yorozu.url);
    const response = await operator.call('POST', `/api/v1/admin/devices/${agent.deviceId}/revoke`, {
      reason: LONG_REASON,
    });
    expect(response.body).toMatchObject({ status: 'revoked', connectionClosed: true });
    await connection.closed;
    expect(connection.closeCode).toBe(4403);
    // A close reason is limited to 123 bytes: the long Japanese reason is cut, not a crash.
    expect(Buffer.byteLength(connection.closeReason)).toBeLessThanOrEqual(123);
    expect(connection.closeReason).toContain('PC紛失の届出');
    expect(connection.received).toContainEqual(
      expect.objectContaining({
        type: 'error',
        code: 'credential_revoked',
        message: `The device was revoked: ${LONG_REASON}.`,
      }),
    );
    expect(connection.received.some((m) => m.type === 'command' && m.command.kind === 'revoke')).toBe(true);

    const again = await AgentConnection.open(yorozu.url, agent.credential);
    await again.closed;
    expect(again.closeCode).toBe(4403);
    const http = await fetch(new URL('/v1/batches', yorozu.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.credential}` },
      body: '{}',
    });
    expect(http.status).toBe(403);
    expect(await http.json()).toMatchObject({ code: 'credential_revoked' });
    await bystanderStillServed();
  });

  it('a revocation written by another process is found by the sweep', async () => {
    const agent = await enroll(yorozu.url, secret, 'PC-SWEPT');
    const connection = await AgentConnection.open(yorozu.url, agent.credential);
    await connection.sendEvents('warm', simpleEvents(0, 1));
    await yorozu.devices.revokeDevice(agent.deviceId, 'revoked from the CLI', 'cli'); // storage only, like the CLI
    expect(await yorozu.revocation.sweep()).toBeGreaterThanOrEqual(1);
    await connection.closed;
    expect(connection.closeCode).toBe(4403);
  });
});

describe('afterwards', () => {
  it('the bystander lost nothing', async () => {
    const [row] = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID}',
      { d: bystander.deviceId },
    );
    expect(Number(row!.n)).toBe(bystanderAcks * 20);
    expect(bystanderConnection.socket.readyState).toBe(WebSocket.OPEN);
  });
});
