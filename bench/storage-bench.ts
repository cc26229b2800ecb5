import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { ROOT } from './gateway-process.js';
import { ingestOverGateway, jsonLinesBytes, k, type IngestedData } from './gateway-ingest.js';
import type { BenchRow } from './report.js';

/**
 * `storage` of BENCHMARKS.md: bytes on disk per event once `events` is fully merged, against the
 * same events as JSON lines (the protocol JSON of each event, one per line). The events come in
 * over the real gateway; when `duplicates` ran in the same invocation its data directory is used
 * (OPTIMIZE … FINAL collapses its re-sent copies), otherwise this part ingests its own, with no
 * re-sends. The measurement runs in a process of its own (storage-process.ts) once the gateway
 * has stopped.
 */
export const GOAL_BYTES_PER_EVENT = 40;
export const GOAL_COMPRESSION_RATIO = 10;

export interface StorageOptions {
  events: number;
  agents: number;
  batchSize: number;
}

export interface StorageResults {
  source: 'duplicates run' | 'own ingest';
  events: number;
  engine: string;
  jsonLinesBytes: number;
  bytesOnDisk: number;
  rowsAfterMerge: number;
  parts: number;
  before: { bytesOnDisk: number; rows: number; parts: number };
  optimizeSeconds: number;
  bytesPerEvent: number;
  jsonBytesPerEvent: number;
  compressionRatio: number;
  /** Compressed bytes of each column after the merge, largest first. */
  columns: { name: string; compressedBytes: number; uncompressedBytes: number }[];
}

const run = promisify(execFile);

/** Takes ownership of `reused` (its data directory is removed at the end). */
export async function runStorageBenchmark(
  options: StorageOptions,
  log: (line: string) => void,
  reused?: IngestedData,
): Promise<StorageResults> {
  const data = reused ?? (await ingestOverGateway({ ...options, resendEvery: 0, label: 'bench-storage' }, log));
  try {
    log(
      `storage: merging events fully and reading its parts' sizes in a separate process (${reused ? 'data of the duplicates run' : 'own data'})…`,
    );
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/storage-process.ts', data.dataDir], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const measured = JSON.parse(stdout) as Pick<
      StorageResults,
      'engine' | 'bytesOnDisk' | 'parts' | 'before' | 'optimizeSeconds' | 'columns'
    > & { rows: number };
    log('storage: the same events as JSON lines…');
    const json = jsonLinesBytes(data);
    const events = data.distinctEvents;
    if (measured.rows !== events)
      log(`storage: WARNING ${k(measured.rows)} rows after OPTIMIZE FINAL for ${k(events)} distinct events`);
    const results: StorageResults = {
      source: reused ? 'duplicates run' : 'own ingest',
      events,
      engine: measured.engine,
      jsonLinesBytes: json,
      bytesOnDisk: measured.bytesOnDisk,
      rowsAfterMerge: measured.rows,
      parts: measured.parts,
      before: measured.before,
      optimizeSeconds: measured.optimizeSeconds,
      bytesPerEvent: measured.bytesOnDisk / events,
      jsonBytesPerEvent: json / events,
      compressionRatio: json / measured.bytesOnDisk,
      columns: measured.columns,
    };
    const top = results.columns
      .slice(0, 6)
      .map((c) => `${c.name} ${(c.compressedBytes / events).toFixed(1)}`)
      .join(', ');
    log(
      `storage: ${results.bytesPerEvent.toFixed(1)} bytes/event on disk (${k(results.bytesOnDisk)} bytes, ${results.parts} active part${results.parts === 1 ? '' : 's'}), JSON lines ${results.jsonBytesPerEvent.toFixed(0)} bytes/event; largest columns, bytes/event: ${top}`,
    );
    return results;
  } finally {
    rmSync(data.dataDir, { recursive: true, force: true });
  }
}

export function storageRows(r: StorageResults): BenchRow[] {
  return [
    {
      name: 'storage',
      figure: `${r.bytesPerEvent.toFixed(1)} bytes/event on disk after merges; JSON lines ${r.jsonBytesPerEvent.toFixed(0)} bytes/event`,
      ratio: `${r.compressionRatio.toFixed(1)}× smaller`,
      goal: `≤ ${GOAL_BYTES_PER_EVENT} bytes/event; ratio ≥ ${GOAL_COMPRESSION_RATIO}`,
      verdict:
        r.bytesPerEvent <= GOAL_BYTES_PER_EVENT && r.compressionRatio >= GOAL_COMPRESSION_RATIO ? 'pass' : 'short',
    },
  ];
}
