import { setTimeout as delay } from 'node:timers/promises';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, WEBSOCKET_SUBPROTOCOL } from '../agent-protocol/index.js';
import { AgentConnection } from '../agent/protocol-client.js';
import { nameBasedUuid } from '../ingest/credentials.js';

/**
 * The misbehaving device of the noisy-neighbour part (noisy-neighbour-bench.ts), in a process of its own so
 * that its sending loop does not delay the good agents' event loop in the bench process: what moves their
 * latency is then the gateway, not the load generator. It says `ready` once loaded (so that starting Node and
 * compiling this file fall outside every measured window), misbehaves from `start` until `stop`, then reports
 * what it sent and what it was answered; it ends with the parent. Talks to the parent over the IPC channel.
 */
export type Misbehaviour = 'bad-messages' | 'large-messages' | 'diagnostics' | 'unknown-credentials';

export type ToNeighbour = { type: 'start'; kind: Misbehaviour; url: string; credential: string } | { type: 'stop' };
export type FromNeighbour =
  | { type: 'ready' }
  | { type: 'started' }
  | { type: 'stopped'; sent: number; sentBytes: number; replies: Record<string, number>; reconnects: number };

/** A message "of 4 MiB": as many 8,000-character events as fit under the protocol's 4 MiB limit. */
const MESSAGE_LIMIT_BYTES = 4 * 1024 * 1024;
/** Unknown device ids the credential client cycles through, and how many of its requests are in flight at once. */
const UNKNOWN_IDS = 2000;
const CREDENTIAL_CLIENTS = 8;

let stopping = false;
let sent = 0;
let sentBytes = 0;
let reconnects = 0;
let replies: Record<string, number> = {};
const count = (key: string) => (replies[key] = (replies[key] ?? 0) + 1);
let running: Promise<void> = Promise.resolve();

process.on('message', (message: ToNeighbour) => {
  if (message.type === 'start') {
    [stopping, sent, sentBytes, reconnects, replies] = [false, 0, 0, 0, {}];
    running = misbehave(message).catch((error: unknown) => {
      console.error(`[neighbour] ${String((error as Error).stack ?? error)}`);
      process.exit(1);
    });
    process.send!({ type: 'started' } satisfies FromNeighbour);
  } else {
    stopping = true;
    void running.then(() =>
      process.send!({ type: 'stopped', sent, sentBytes, replies, reconnects } satisfies FromNeighbour),
    );
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' } satisfies FromNeighbour);

async function misbehave({ kind, url, credential }: Extract<ToNeighbour, { type: 'start' }>): Promise<void> {
  if (kind === 'unknown-credentials') {
    await Promise.all(Array.from({ length: CREDENTIAL_CLIENTS }, (_, i) => cycleCredentials(url, i)));
    return;
  }
  const make = kind === 'bad-messages' ? badMessage : kind === 'large-messages' ? largeMessage : diagnosticsMessage;
  // Back to back: up to 8 messages unanswered and 8 MiB unsent, whatever the gateway says (slow_down,
  // rate_limited and retryAfterMs are ignored); it reconnects at once if the gateway closes the connection.
  while (!stopping) {
    const connection = await AgentConnection.open(url, credential);
    let unanswered = 0;
    connection.subscribe((message) => {
      count(message.type === 'error' ? `error:${message.code}` : message.type);
      if (message.type === 'ack' || message.type === 'error') unanswered = Math.max(0, unanswered - 1);
    });
    connection.send({
      v: PROTOCOL_VERSION,
      type: 'hello',
      agentVersion: '0.1.0',
      hostname: 'NOISY',
      os: { name: 'Windows 11 Pro', version: '23H2' },
    });
    while (!stopping && connection.closeCode === undefined) {
      if (unanswered >= 8 || connection.socket.bufferedAmount > 8 * 1024 * 1024) {
        await delay(2);
        continue;
      }
      const body = make(sent);
      connection.sendRaw(body);
      sent += 1;
      sentBytes += Buffer.byteLength(body);
      unanswered += 1;
      // Let the socket write and the replies be read between messages.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (connection.closeCode === undefined) await connection.close();
    else reconnects += 1;
  }
}

/** Half malformed JSON (cut off inside an event), half well-formed batches of 100 events that break the schema. */
function badMessage(n: number): string {
  const batchId = `bad-${n}`;
  if (n % 2 === 0) return `{"v":1,"type":"events","batchId":"${batchId}","events":[{"seq":${n},"category":"web_`;
  const events = Array.from({ length: 100 }, (_, i) => ({
    seq: -1 - i,
    time: 'yesterday',
    category: 'web_access',
    action: 'visit',
  }));
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'events', batchId, events });
}

let largeSeq = 0;
/** One event's JSON around its seq and time: the message is built by concatenation, not JSON.stringify, to keep this process light. */
const LARGE_EVENT_TAIL = `","category":"software_operation","action":"start","processName":"NOISY.EXE","message":"${'x'.repeat(8000)}"}`;
/** Valid events, 8,000 characters of message each, as many as fit under 4 MiB: stored if the gateway takes them. */
function largeMessage(n: number): string {
  const at = Date.now() - 3_600_000;
  let body = `{"v":${PROTOCOL_VERSION},"type":"events","batchId":"large-${n}","events":[`;
  for (let i = 0; i < 5000; i += 1) {
    largeSeq += 1;
    const event = `{"seq":${largeSeq},"time":"${new Date(at + largeSeq).toISOString()}${LARGE_EVENT_TAIL}`;
    if (body.length + event.length + 3 > MESSAGE_LIMIT_BYTES) break;
    body += `${i === 0 ? '' : ','}${event}`;
  }
  return `${body}]}`;
}

const DIAGNOSTICS_TAIL = `,"content":{"recentLog":${JSON.stringify('ログ'.repeat(Math.floor((1024 * 1024) / Buffer.byteLength('ログ'))))}}}`;
/** A diagnostics bundle nobody asked for: 1 MiB of log. */
function diagnosticsMessage(n: number): string {
  return `{"v":${PROTOCOL_VERSION},"type":"diagnostics","batchId":"diag-${n}","requestId":"unsolicited-${n}"${DIAGNOSTICS_TAIL}`;
}

/**
 * One client of the unknown-credential storm: it cycles through 2,000 well-formed credentials of device ids no
 * gateway knows, one in ten malformed, alternating a WebSocket upgrade and an HTTP batch, one request at a time.
 */
async function cycleCredentials(url: string, client: number): Promise<void> {
  for (let n = client; !stopping; n += CREDENTIAL_CLIENTS) {
    const id = nameBasedUuid(`noisy-neighbour-unknown-${n % UNKNOWN_IDS}`);
    const credential = n % 10 === 9 ? 'ydc1.not-a-credential' : `ydc1.${id}.${'A'.repeat(43)}`;
    sent += 1;
    if (n % 2 === 0) count(await upgradeRefusal(url, credential));
    else {
      const body = JSON.stringify({ v: PROTOCOL_VERSION, type: 'events', batchId: `u-${n}`, events: [] });
      sentBytes += body.length;
      const response = await fetch(new URL('/v1/batches', url), {
        method: 'POST',
        headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
        body,
      });
      const reply = (await response.json().catch(() => ({}))) as { code?: string; error?: { code?: string } };
      count(`http ${response.status}:${reply.code ?? reply.error?.code ?? ''}`);
    }
  }
}

function upgradeRefusal(url: string, credential: string): Promise<string> {
  const address = new URL('/v1/agent', url);
  address.protocol = 'ws:';
  return new Promise((resolve) => {
    const socket = new WebSocket(address, [WEBSOCKET_SUBPROTOCOL], {
      headers: { authorization: `Bearer ${credential}` },
    });
    let answer = 'ws opened';
    socket.on('message', (data) => {
      const code = (JSON.parse(data.toString()) as { code?: string }).code;
      if (code) answer = `ws error:${code}`;
    });
    socket.on('unexpected-response', (_request, response) => {
      answer = `ws ${response.statusCode}`;
      response.resume();
      socket.terminate();
    });
    socket.on('error', () => resolve(answer === 'ws opened' ? 'ws failed' : answer));
    socket.on('close', (code) => resolve(`${answer} (close ${code})`));
  });
}
