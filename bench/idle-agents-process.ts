import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PROTOCOL_VERSION, type ServerMessage } from '../agent-protocol/index.js';
import { AgentConnection } from '../agent/protocol-client.js';
import { openFileLimit } from './latency.js';

/**
 * One of the load generator's processes for the `connections` benchmark (see connections-bench.ts).
 * It holds its share of the idle agents: each connects with the protocol client, says hello, waits
 * for welcome, then sends a `heartbeat` every interval at its own random phase. While the parent
 * says "measure", it records the round trip of every heartbeat sent (send → heartbeat_ack) and how
 * late its own event loop ran, so a slow load generator shows up as such instead of as a slow gateway.
 * Talks to the parent over the IPC channel.
 */
export type ToWorker =
  | {
      type: 'start';
      url: string;
      credentials: string[];
      hostnames: string[];
      heartbeatSeconds: number;
      connectConcurrency: number;
    }
  | { type: 'measure'; on: boolean }
  | { type: 'close' };

export type FromWorker =
  | { type: 'progress'; connected: number; failed: number; open: number; answered: number }
  | {
      type: 'connected';
      connected: number;
      failed: number;
      errors: Record<string, number>;
      seconds: number;
      openFileLimit: number;
    }
  | {
      type: 'measured';
      rttMs: number[];
      sent: number;
      lost: number;
      open: number;
      closedUnexpectedly: Record<string, number>;
      loopDelayP99Ms: number;
      loopDelayMaxMs: number;
    };

const CONNECT_TIMEOUT_MS = 30_000;
const CONNECT_ATTEMPTS = 3;

const send = (message: FromWorker) => process.send!(message);
type Welcome = Extract<ServerMessage, { type: 'welcome' }>;
type HeartbeatAck = Extract<ServerMessage, { type: 'heartbeat_ack' }>;
const isWelcome = (message: ServerMessage): message is Welcome => message.type === 'welcome';

let measuring = false;
let stopping = false;
const rtts: number[] = [];
let sentInWindow = 0;
let answeredInWindow = 0;
/** Heartbeats sent while measuring whose ack has not come yet. */
const pendingInWindow = new Set<string>();
const connections: AgentConnection[] = [];
const closedUnexpectedly: Record<string, number> = {};
const timers: NodeJS.Timeout[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let connected = 0;
let failed = 0;
let open = 0;
let beats = 0;

process.on('message', (message: ToWorker) => {
  if (message.type === 'start') void start(message);
  else if (message.type === 'measure') void measure(message.on);
  else void close();
});
process.on('disconnect', () => process.exit(0));

async function start(options: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const started = performance.now();
  const errors: Record<string, number> = {};
  const progress = setInterval(
    () => send({ type: 'progress', connected, failed, open, answered: answeredInWindow }),
    1000,
  );
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= options.credentials.length) return;
      const outcome = await connectAgent(options, options.credentials[i]!, options.hostnames[i]!);
      if (typeof outcome === 'string') {
        failed += 1;
        errors[outcome] = (errors[outcome] ?? 0) + 1;
      } else {
        connected += 1;
        keepAlive(outcome, options.heartbeatSeconds);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connectConcurrency }, worker));
  send({
    type: 'connected',
    connected,
    failed,
    errors,
    seconds: (performance.now() - started) / 1000,
    openFileLimit: openFileLimit('self'),
  });
  timers.push(progress);
}

/** Connects one agent (a few attempts, as an agent would retry), or returns why it could not. */
async function connectAgent(
  options: Extract<ToWorker, { type: 'start' }>,
  credential: string,
  hostname: string,
): Promise<AgentConnection | string> {
  let reason = '';
  for (let attempt = 1; attempt <= CONNECT_ATTEMPTS; attempt += 1) {
    let connection: AgentConnection | undefined;
    try {
      connection = await withTimeout(
        AgentConnection.open(options.url, credential),
        CONNECT_TIMEOUT_MS,
        'connect timeout',
      );
      const welcome = connection.next(isWelcome, CONNECT_TIMEOUT_MS);
      connection.send({
        v: PROTOCOL_VERSION,
        type: 'hello',
        agentVersion: '0.1.0',
        hostname,
        os: { name: 'Windows 11 Pro', version: '23H2', build: '22631.4460' },
      });
      await welcome;
      return connection;
    } catch (error) {
      connection?.socket.terminate();
      const e = error as NodeJS.ErrnoException;
      reason = e.code ?? e.message.slice(0, 60);
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
  return reason;
}

function withTimeout(promise: Promise<AgentConnection>, ms: number, reason: string): Promise<AgentConnection> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(reason));
      // If it opens after all, do not leave it behind.
      void promise.then(
        (late) => late.socket.terminate(),
        () => undefined,
      );
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Heartbeats at a random phase within the interval, then every interval, as long as the socket is open. */
function keepAlive(connection: AgentConnection, heartbeatSeconds: number): void {
  open += 1;
  connections.push(connection);
  const interval = heartbeatSeconds * 1000;
  const beat = () => {
    const sentAt = new Date().toISOString();
    const sent = performance.now();
    const inWindow = measuring;
    const key = String((beats += 1));
    if (inWindow) {
      sentInWindow += 1;
      pendingInWindow.add(key);
    }
    const isAck = (message: ServerMessage): message is HeartbeatAck =>
      message.type === 'heartbeat_ack' && message.sentAt === sentAt;
    connection.next(isAck, 2 * interval).then(
      () => {
        if (!inWindow || !pendingInWindow.delete(key)) return;
        rtts.push(performance.now() - sent);
        answeredInWindow += 1;
      },
      () => undefined, // stays in pendingInWindow: counted as lost
    );
    connection.send({ v: PROTOCOL_VERSION, type: 'heartbeat', sentAt });
  };
  const first = setTimeout(() => {
    if (connection.closeCode !== undefined) return;
    beat();
    timers.push(setInterval(beat, interval));
  }, Math.random() * interval);
  timers.push(first);
  void connection.closed.then(() => {
    open -= 1;
    if (!stopping) {
      const code = String(connection.closeCode ?? 'unknown');
      closedUnexpectedly[code] = (closedUnexpectedly[code] ?? 0) + 1;
    }
  });
}

async function measure(on: boolean): Promise<void> {
  if (on) {
    rtts.length = 0;
    sentInWindow = 0;
    answeredInWindow = 0;
    pendingInWindow.clear();
    loopDelay.reset();
    loopDelay.enable();
    measuring = true;
    return;
  }
  measuring = false;
  loopDelay.disable();
  // Heartbeats sent in the window get up to 10 s more to be answered; the rest count as lost.
  const deadline = performance.now() + 10_000;
  while (pendingInWindow.size > 0 && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  send({
    type: 'measured',
    rttMs: rtts,
    sent: sentInWindow,
    lost: pendingInWindow.size,
    open,
    closedUnexpectedly,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: loopDelay.max / 1e6,
  });
}

async function close(): Promise<void> {
  stopping = true;
  for (const timer of timers) clearTimeout(timer);
  const closing = Promise.all(
    connections.map((connection) => (connection.closeCode === undefined ? connection.close() : undefined)),
  );
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5000))]);
  for (const connection of connections) if (connection.closeCode === undefined) connection.socket.terminate();
  process.exit(0);
}
