import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { ROOT } from './gateway-process.js';
import { ingestOverGateway, k, type IngestedData } from './gateway-ingest.js';
import type { BenchRow } from './report.js';

/**
 * `duplicates` of BENCHMARKS.md. Agents send every batch over the real gateway and re-send 10 % of
 * them with the same batchId and events: half as soon as the first copy is acknowledged (the ack
 * was lost), half after the agent's whole stream (a replay after a reconnect). Then, in a process
 * of its own once the gateway has stopped (dedup-reads-process.ts):
 * - how many rows a `FROM events FINAL` read sees, against the distinct events sent (goal: 0 extra);
 * - the read cost of deduplicating at read time: a few typical reads with `FINAL` and without it,
 *   on the same data (goal: ≤ 1.3×);
 * - first write wins: after the stream, 1 % of the batches go again with other content under new batchIds
 *   (gateway-ingest.ts, conflictEvery); every such event must be refused as `conflicting_resend`, and no row
 *   with the changed content stored (goal: 0 replaced).
 */
export const GOAL_VISIBLE_DUPLICATES = 0;
export const GOAL_FINAL_RATIO = 1.3;
const RESEND_EVERY = 10;
const CONFLICT_EVERY = 100;

export interface DuplicatesOptions {
  events: number;
  agents: number;
  batchSize: number;
  repetitions: number;
}

export interface ReadCost {
  name: string;
  finalMedianMs: number;
  plainMedianMs: number;
  ratio: number;
  finalMs: number[];
  plainMs: number[];
  finalAnswer: { rows: number; total: number };
  plainAnswer: { rows: number; total: number };
}

export interface DuplicatesResults {
  sent: Omit<IngestedData, 'dataDir'>;
  engine: string;
  storedRows: number;
  visibleRows: number;
  visibleDistinctEvents: number;
  /** Rows stored with a changed copy's content (first write wins: 0). */
  conflictingRowsStored: number;
  /** Rows a FINAL read sees beyond the distinct events sent (negative: events missing). */
  extraVisible: number;
  activePartsAtOpen: number;
  activePartsAfterReads: number;
  doNotMergeAcrossPartitionsSelectFinal: string;
  window: { from: string; to: string };
  repetitions: number;
  reads: ReadCost[];
  /** The same reads after OPTIMIZE TABLE events FINAL, for comparison (not judged). */
  partsAfterFullMerge: number;
  readsAfterFullMerge: Pick<ReadCost, 'name' | 'finalMedianMs' | 'plainMedianMs' | 'ratio'>[];
}

const run = promisify(execFile);

/** With `keepData`, the filled data directory is handed back (for `storage`); otherwise it is removed. */
export async function runDuplicatesBenchmark(
  options: DuplicatesOptions,
  log: (line: string) => void,
  keepData = false,
): Promise<{ results: DuplicatesResults; data: IngestedData | undefined }> {
  const data = await ingestOverGateway(
    { ...options, resendEvery: RESEND_EVERY, conflictEvery: CONFLICT_EVERY, label: 'bench-duplicates' },
    log,
  );
  let handedBack = false;
  try {
    log(
      `duplicates: counting and timing reads with and without FINAL in a separate process (${options.repetitions} runs each)…`,
    );
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'bench/dedup-reads-process.ts', data.dataDir, String(options.repetitions)],
      {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const measured = JSON.parse(stdout) as Omit<DuplicatesResults, 'sent' | 'extraVisible'>;
    const { dataDir: _dataDir, ...sent } = data;
    const results: DuplicatesResults = { sent, extraVisible: measured.visibleRows - data.distinctEvents, ...measured };
    log(
      `duplicates: ${k(results.storedRows)} rows stored, ${k(results.visibleRows)} visible with FINAL (${k(results.visibleDistinctEvents)} distinct), ` +
        `${k(data.distinctEvents)} distinct events sent; ${results.activePartsAtOpen} active parts`,
    );
    log(
      `duplicates: ${k(data.conflicting.events)} events re-sent with other content: ${k(data.conflicting.refusedAsConflicting)} refused as conflicting_resend, ${k(results.conflictingRowsStored)} rows stored with the changed content`,
    );
    for (const read of results.reads)
      log(
        `duplicates: ${read.name}: FINAL ${read.finalMedianMs.toFixed(1)} ms, without ${read.plainMedianMs.toFixed(1)} ms (${read.ratio.toFixed(2)}×)`,
      );
    for (const read of results.readsAfterFullMerge) {
      log(
        `duplicates: for comparison, after OPTIMIZE FINAL (${results.partsAfterFullMerge} active part${results.partsAfterFullMerge === 1 ? '' : 's'}): ${read.name}: FINAL ${read.finalMedianMs.toFixed(1)} ms, without ${read.plainMedianMs.toFixed(1)} ms (${read.ratio.toFixed(2)}×)`,
      );
    }
    handedBack = keepData;
    return { results, data: keepData ? data : undefined };
  } finally {
    if (!handedBack) rmSync(data.dataDir, { recursive: true, force: true });
  }
}

export function duplicatesRows(r: DuplicatesResults): BenchRow[] {
  const distinct = r.sent.distinctEvents;
  const missing = Math.max(0, distinct - r.visibleDistinctEvents);
  const resentShare = (100 * r.sent.resentBatches) / r.sent.batches;
  const visibleFigure =
    `${k(r.extraVisible)} extra: ${k(r.visibleRows)} rows visible with FINAL for ${k(distinct)} distinct events sent` +
    (missing > 0 ? ` (${k(missing)} events MISSING)` : '') +
    `; ${k(r.sent.resentBatches)} batches re-sent (${resentShare.toFixed(1)} %), ${k(r.storedRows)} rows stored before merges`;
  return [
    {
      name: 'duplicates visible',
      figure: visibleFigure,
      ratio: '—',
      goal: '0 visible',
      verdict:
        r.extraVisible === GOAL_VISIBLE_DUPLICATES && r.visibleRows === r.visibleDistinctEvents && missing === 0
          ? 'pass'
          : 'short',
    },
    firstWriteRow(r),
    ...r.reads.map((read): BenchRow => ({
      name: `FINAL read: ${read.name}`,
      figure: `${read.finalMedianMs.toFixed(1)} ms with FINAL, ${read.plainMedianMs.toFixed(1)} ms without (median of ${read.finalMs.length})`,
      ratio: `${read.ratio.toFixed(2)}×`,
      goal: `≤ ${GOAL_FINAL_RATIO}×`,
      verdict: read.ratio <= GOAL_FINAL_RATIO ? 'pass' : 'short',
    })),
  ];
}

/** First write wins: the changed copies refused, none stored. */
function firstWriteRow(r: DuplicatesResults): BenchRow {
  const c = r.sent.conflicting;
  const others = c.accepted + c.otherRefusals;
  return {
    name: 'first write wins (re-sent with other content)',
    figure:
      `${k(c.events)} events in ${k(c.batches)} batch${c.batches === 1 ? '' : 'es'} re-sent with other content: ${k(c.refusedAsConflicting)} refused as conflicting_resend` +
      (others > 0 ? ` (${k(c.accepted)} accepted, ${k(c.otherRefusals)} refused otherwise)` : '') +
      `, ${k(r.conflictingRowsStored)} rows stored with the changed content`,
    ratio: '—',
    goal: '0 replaced; every one refused',
    verdict: c.events > 0 && c.refusedAsConflicting === c.events && r.conflictingRowsStored === 0 ? 'pass' : 'short',
  };
}
