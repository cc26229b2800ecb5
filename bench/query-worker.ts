import { parentPort, workerData } from 'node:worker_threads';
import {
  TargetObserver,
  enrolledDevices,
  plan,
  stateLines,
  weekLines,
  type DataTable,
  type WorkerCredit,
  type WorkerInput,
  type WorkerMessage,
} from './query-data.js';

/**
 * One generation thread of query-process.ts: makes the same plan as every other, takes every
 * `workers`-th PC, and posts its rows as JSONEachRow text in chunks of about `chunkRows` rows, one
 * table per chunk: the PC's events, and what the health policies read besides them (its health
 * results and inventory snapshot, stateLines). It waits for the parent's word that a chunk is
 * inserted whenever two are outstanding, so memory stays bounded whatever the engine's pace.
 */
const input = workerData as WorkerInput;
const port = parentPort!;
const office = plan(input.seed, input.devices, input.startMs, input.scale);
const devices = enrolledDevices(office, input.participantIds);
const observer = new TargetObserver(input.startMs);
const perParticipant = new Array<number>(input.participantIds.length).fill(0);

let outstanding = 0;
let credit: (() => void) | undefined;
port.on('message', (_message: WorkerCredit) => {
  outstanding -= 1;
  credit?.();
});
const post = (message: WorkerMessage) => port.postMessage(message);

const buffers = new Map<DataTable, string[]>();
/** PCs whose events are in the events buffer (the progress the parent reports). */
let pcs = 0;
const flush = async (table: DataTable) => {
  const lines = buffers.get(table) ?? [];
  if (lines.length === 0) return;
  while (outstanding >= 2) await new Promise<void>((resolve) => (credit = resolve));
  outstanding += 1;
  post({ type: 'chunk', table, body: lines.join(''), rows: lines.length, pcs: table === 'events' ? pcs : 0 });
  buffers.set(table, []);
  if (table === 'events') pcs = 0;
};
const add = async (table: DataTable, lines: readonly string[]) => {
  let buffer = buffers.get(table);
  if (!buffer) buffers.set(table, (buffer = []));
  for (const line of lines) buffer.push(line);
  if (buffer.length >= input.chunkRows) await flush(table);
};
for (let index = input.worker; index < devices.length; index += input.workers) {
  const generated = devices[index]!;
  const week = weekLines(office, generated, generated.device.participantIndex === 0 ? observer : undefined);
  perParticipant[generated.device.participantIndex]! += week.rows;
  pcs += 1;
  await add('events', week.lines);
  for (const [table, lines] of Object.entries(stateLines(office, generated))) await add(table as DataTable, lines);
}
for (const table of buffers.keys()) await flush(table);
post({ type: 'done', observed: observer.toJSON(), perParticipant });
port.unref();
