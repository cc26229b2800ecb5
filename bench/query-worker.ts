import { parentPort, workerData } from 'node:worker_threads';
import { TargetObserver, enrolledDevices, plan, weekLines, type WorkerCredit, type WorkerInput, type WorkerMessage } from './query-data.js';

/**
 * One generation thread of query-process.ts: makes the same plan as every other, takes every
 * `workers`-th PC, and posts its rows as JSONEachRow text in chunks of about `chunkRows` rows. It
 * waits for the parent's word that a chunk is inserted whenever two are outstanding, so memory
 * stays bounded whatever the engine's pace.
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

let lines: string[] = [];
let pcs = 0;
const flush = async () => {
  while (outstanding >= 2) await new Promise<void>((resolve) => (credit = resolve));
  outstanding += 1;
  post({ type: 'chunk', body: lines.join(''), rows: lines.length, pcs });
  lines = [];
  pcs = 0;
};
for (let index = input.worker; index < devices.length; index += input.workers) {
  const generated = devices[index]!;
  const week = weekLines(office, generated, generated.device.participantIndex === 0 ? observer : undefined);
  perParticipant[generated.device.participantIndex]! += week.rows;
  for (const line of week.lines) lines.push(line);
  pcs += 1;
  if (lines.length >= input.chunkRows) await flush();
}
if (lines.length > 0) await flush();
post({ type: 'done', observed: observer.toJSON(), perParticipant });
port.unref();
