import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll, type Enrollment } from '../../agent/protocol-client.js';
import type { AckMessage, ErrorMessage } from '../../agent-protocol/index.js';
import { simpleEvents } from '../support/every-category.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let agent: Enrollment;
let connection: AgentConnection;

beforeAll(async () => {
  yorozu = await startTestYorozu('poison-values');
  const { secret } = await participantWithSecret(yorozu, '株式会社ポイズン');
  agent = await enroll(yorozu.url, secret, 'PC-POISON');
  connection = await AgentConnection.open(yorozu.url, agent.credential);
});
afterAll(async () => yorozu?.cleanup());

describe('a value the engine cannot store never blocks a batch', () => {
  it('a lone high surrogate in one event of 500: all 500 stored and acknowledged, that one replaced and flagged', async () => {
    const events = simpleEvents(1, 500);
    events[137] = { ...events[137]!, message: 'コピー\ud800完了', attributes: { note: 'a\udc00b' } };
    const reply = await connection.sendEvents('surrogates', events);
    expect(reply).toMatchObject({ type: 'ack', batchId: 'surrogates', accepted: 500, rejected: [] });
    const [count] = await queryRows<{ c: string }>(
      yorozu,
      'SELECT count() AS c FROM events FINAL WHERE device_id = {d:UUID}',
      {
        d: agent.deviceId,
      },
    );
    expect(count!.c).toBe('500');
    const [flagged] = await queryRows<{ message: string; attributes: Record<string, string> }>(
      yorozu,
      'SELECT message, attributes FROM events FINAL WHERE device_id = {d:UUID} AND seq = 138',
      { d: agent.deviceId },
    );
    expect(flagged!.message).toBe('コピー\uFFFD完了');
    expect(flagged!.attributes).toEqual({ note: 'a\uFFFDb', 'yorozu.replaced_text': 'message,attributes.note' });
    const [others] = await queryRows<{ c: string }>(
      yorozu,
      "SELECT count() AS c FROM events FINAL WHERE device_id = {d:UUID} AND mapContains(attributes, 'yorozu.replaced_text')",
      { d: agent.deviceId },
    );
    expect(others!.c).toBe('1');
  });

  it('a deeply nested event is refused on its own as invalid_event; the rest of the batch is stored', async () => {
    const depth = 20_000;
    const [first, second, third] = simpleEvents(1000, 3).map((event) => JSON.stringify(event));
    const nested = `${second!.slice(0, -1)},"attributes":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const ack = connection.next((m): m is AckMessage => m.type === 'ack' && m.batchId === 'nested-event');
    connection.sendRaw(`{"v":1,"type":"events","batchId":"nested-event","events":[${first},${nested},${third}]}`);
    const reply = await ack;
    expect(reply).toMatchObject({ type: 'ack', accepted: 2, rejected: [{ index: 1, code: 'invalid_event' }] });
  });

  it('a deeply nested diagnostics message is invalid_message, not internal_error', async () => {
    const depth = 20_000;
    const raw = `{"v":1,"type":"diagnostics","batchId":"nested-diag","requestId":"r-1","content":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const reply = connection.next((m) => m.type === 'error' || m.type === 'ack');
    connection.sendRaw(raw);
    expect(await reply).toMatchObject({ type: 'error', code: 'invalid_message', batchId: 'nested-diag' });
  });

  it('a lone surrogate beside an unknown key nested 20,000 deep: the event is stored, replaced and flagged', async () => {
    // Unknown keys are never stored, but the replacement must not walk them: a recursive walk would overflow the
    // stack and answer internal_error, which agents retry for ever.
    const depth = 20_000;
    const [first, second] = simpleEvents(3000, 2).map((event) => JSON.stringify(event));
    const poisoned = `${second!.slice(0, -1)},"message":"a\\ud800b","extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const ack = connection.next(
      (m): m is AckMessage | ErrorMessage => (m.type === 'ack' || m.type === 'error') && m.batchId === 'deep-surrogate',
    );
    connection.sendRaw(`{"v":1,"type":"events","batchId":"deep-surrogate","events":[${first},${poisoned}]}`);
    expect(await ack).toMatchObject({ type: 'ack', accepted: 2, rejected: [] });
    const [stored] = await queryRows<{ message: string; attributes: Record<string, string> }>(
      yorozu,
      'SELECT message, attributes FROM events FINAL WHERE device_id = {d:UUID} AND seq = 3001',
      { d: agent.deviceId },
    );
    expect(stored).toEqual({ message: 'a\uFFFDb', attributes: { 'yorozu.replaced_text': 'message' } });
  });

  it('a health message with a lone surrogate beside an unknown key nested deep is stored, not internal_error', async () => {
    const depth = 20_000;
    const result = `{"checkId":"antivirus.running","time":"${new Date().toISOString()}","status":"pass","value":"Defender\\udc00"}`;
    const raw = `{"v":1,"type":"health","batchId":"deep-health","extra":${'['.repeat(depth)}${']'.repeat(depth)},"results":[${result}]}`;
    const reply = connection.next(
      (m): m is AckMessage | ErrorMessage => (m.type === 'ack' || m.type === 'error') && m.batchId === 'deep-health',
    );
    connection.sendRaw(raw);
    expect(await reply).toMatchObject({ type: 'ack', accepted: 1 });
    const [stored] = await queryRows<{ value: string }>(
      yorozu,
      "SELECT value FROM health_results WHERE device_id = {d:UUID} AND check_id = 'antivirus.running'",
      { d: agent.deviceId },
    );
    expect(stored!.value).toBe('Defender\uFFFD');
  });

  it('a message nested 20,000 deep where its schema expects an object, or as a whole, is invalid_message', async () => {
    const depth = 20_000;
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const inventory = connection.next((m): m is ErrorMessage => m.type === 'error' && m.batchId === 'deep-inventory');
    connection.sendRaw(`{"v":1,"type":"inventory","batchId":"deep-inventory","snapshot":${deep}}`);
    expect(await inventory).toMatchObject({ code: 'invalid_message', issues: [{ path: 'snapshot' }] });
    const whole = connection.next((m): m is ErrorMessage => m.type === 'error' && m.code !== 'rate_limited');
    connection.sendRaw(deep);
    expect(await whole).toMatchObject({ code: 'invalid_message' });
  });

  it('the connection still works after all of it', async () => {
    const reply = await connection.sendEvents('after', simpleEvents(2000, 5));
    expect(reply).toMatchObject({ type: 'ack', accepted: 5 });
  });
});
