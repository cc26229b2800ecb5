import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PROTOCOL_VERSION, type ServerMessage } from '../agent-protocol/index.js';
import { AgentConnection } from '../agent/protocol-client.js';
import { openFileLimit } from './latency.js';
import {
  AgentStreams,
  prepareStreamBatches,
  type PreparedBatch,
  type PreparedFigures,
  type StreamingAgent,
  type StreamPlan,
  type StreamWindowFigures,
} from './streaming-agents.js';

/**
 * One of the load generator's processes for the `connections` benchmark (see connections-bench.ts).
 * It holds its share of the agents: each connects with the protocol client, says hello, waits
 * for welcome, then sends a `heartbeat` every interval at its own random phase. With a stream plan,
 * it first builds every agent's event batches (before connecting: building them blocks the loop
 * for long stretches), and on `stream` the agents start sending them (streaming-agents.ts) while
 * they go on heartbeating. While the parent says "measure", it records
 * the round trip of every heartbeat sent (send → heartbeat_ack), the streamed batches' acks, its own
 * CPU time and how late its own event loop ran, so a slow load generator shows up as such instead of
 * as a slow gateway. Talks to the parent over the IPC channel.
 */
export type ToWorker =
  | {
      type: 'start';
      url: string;
      credentials: string[];
      hostnames: string[];
      heartbeatSeconds: number;
      connectConcurrency: number;
      /** The streaming window's batches, built before connecting; absent: idle only. */
      stream?: StreamPlan;
    }
  | { type: 'stream'; intervalMs: number }
  | { type: 'measure'; on: boolean }
  | { type: 'close' };

export type FromWorker =
  | { type: 'progress'; connected: number; failed: number; open: number; answered: number; eventsAcked: number }
  | {
      type: 'connected';
      connected: number;
      failed: number;
      errors: Record<string, number>;
      seconds: number;
      openFileLimit: number;
      /** What was built for the streaming window, before connecting (not in `seconds`). */
      prepared?: PreparedFigures;
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
      /** CPU seconds this process used in the window. */
      cpuSeconds: number;
      /** The streamed batches' figures, when the agents were streaming. */
      stream?: StreamWindowFigures;
    };

const CONNECT_TIMEOUT_MS = 30_000;
const CONNECT_ATTEMPTS = 3;
/** How long after the window heartbeats and batches sent in it may still be answered before they count as lost. */
const HEARTBEAT_GRACE_MS = 10_000;
const BATCH_GRACE_MS = 30_000;

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
/** The connected agents by their index in this process's share (a failed one leaves a hole). */
const held: (StreamingAgent | undefined)[] = [];
let streams: AgentStreams | undefined;
let cpuAtWindowStart = process.cpuUsage();
const closedUnexpectedly: Record<string, number> = {};
const timers: NodeJS.Timeout[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let connected = 0;
let failed = 0;
let open = 0;
let beats = 0;

process.on('message', (message: ToWorker) => {
  if (message.type === 'start') void start(message);
  else if (message.type === 'stream') streams?.start(message.intervalMs);
  else if (message.type === 'measure') void measure(message.on);
  else void close();
});
process.on('disconnect', () => process.exit(0));

async function start(options: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const prepared = options.stream ? await prepareStreamBatches(options.stream, options.credentials.length) : undefined;
  const started = performance.now();
  const errors: Record<string, number> = {};
  const progress = setInterval(
    () =>
      send({
        type: 'progress',
        connected,
        failed,
        open,
        answered: answeredInWindow,
        eventsAcked: streams?.eventsAcked ?? 0,
      }),
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
        held[i] = outcome;
        keepAlive(outcome.connection, options.heartbeatSeconds);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connectConcurrency }, worker));
  if (prepared) streams = streamsOf(prepared.batches);
  send({
    type: 'connected',
    connected,
    failed,
    errors,
    seconds: (performance.now() - started) / 1000,
    openFileLimit: openFileLimit('self'),
    ...(prepared ? { prepared: prepared.figures } : {}),
  });
  timers.push(progress);
}

/** Connects one agent (a few attempts, as an agent would retry), or returns why it could not. */
async function connectAgent(
  options: Extract<ToWorker, { type: 'start' }>,
  credential: string,
  hostname: string,
): Promise<StreamingAgent | string> {
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
      return { connection, window: Math.min(4, (await welcome).limits.maxInFlightBatches) };
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

/** The connected agents with their batches: agent i of this share plays office PC firstAgent + i. */
function streamsOf(batches: PreparedBatch[][]): AgentStreams {
  const agents = held.flatMap((agent, i) => (agent ? [{ agent, batches: batches[i]! }] : []));
  return new AgentStreams(
    agents.map(({ agent }) => agent),
    agents.map(({ batches }) => batches),
  );
}

async function measure(on: boolean): Promise<void> {
  streams?.measure(on);
  if (on) {
    cpuAtWindowStart = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpuAtWindowStart);
  // Heartbeats sent in the window get up to 10 s more to be answered, batches 30 s; the rest count as lost.
  const stream = streams?.windowFigures(BATCH_GRACE_MS);
  const deadline = performance.now() + HEARTBEAT_GRACE_MS;
  while (pendingInWindow.size > 0 && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const lost = pendingInWindow.size;
  send({
    type: 'measured',
    rttMs: rtts,
    sent: sentInWindow,
    lost,
    open,
    closedUnexpectedly,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: loopDelay.max / 1e6,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    ...(stream ? { stream: await stream } : {}),
  });
}

async function close(): Promise<void> {
  stopping = true;
  streams?.stop();
  for (const timer of timers) clearTimeout(timer);
  const closing = Promise.all(
    connections.map((connection) => (connection.closeCode === undefined ? connection.close() : undefined)),
  );
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5000))]);
  for (const connection of connections) if (connection.closeCode === undefined) connection.socket.terminate();
  process.exit(0);
}
