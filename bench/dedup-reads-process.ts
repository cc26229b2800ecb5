import { toClickHouseTime } from '../common/clickhouse-time.js';
import { openDatabase } from '../server/clickhouse.js';
import { loadConfig } from '../server/config.js';
import { CONFLICT_USER } from './batch-plan.js';

/**
 * Run as its own process on a data directory the gateway has filled and left (chDB binds one
 * directory per process). Prints, as JSON: how many event rows are stored, how many a `FINAL`
 * read sees and how many distinct (device_id, time, seq) it sees; then the time of a few typical
 * reads with `FINAL` and without it, on the same data, interleaved so that drift (background
 * merges, a noisy neighbour) hits both alike. For comparison, the same reads are timed again after
 * OPTIMIZE … FINAL has merged everything (details only: the figure is the data as the gateway left it).
 *
 * usage: dedup-reads-process.ts <dataDir> <repetitions>
 */
const [dataDir, repetitionsArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: dedup-reads-process <dataDir> [repetitions]');
const repetitions = Number(repetitionsArg ?? 9);
const database = await openDatabase(loadConfig({ YOROZU_DATA_DIR: dataDir }));
const client = database.client;

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
}
const activeParts = async () =>
  Number(
    (
      await rows<{ n: string }>(
        'SELECT count() AS n FROM system.parts WHERE database = {db:String} AND table = {table:String} AND active',
        { db: database.databaseName, table: 'events' },
      )
    )[0]?.n,
  );

// Counted first, before the engine of this process has had time to merge much.
const partsAtOpen = await activeParts();
const [stored] = await rows<{ n: string }>('SELECT count() AS n FROM events');
const [visible] = await rows<{ n: string; keys: string }>(
  'SELECT count() AS n, uniqExact(device_id, time, seq) AS keys FROM events FINAL',
);
// First write wins: rows holding the changed copies' content (any copy, merged away or not).
const [conflicted] = await rows<{ n: string }>('SELECT count() AS n FROM events WHERE user_name = {user:String}', {
  user: CONFLICT_USER,
});
const [setting] = await rows<{ value: string }>('SELECT value FROM system.settings WHERE name = {name:String}', {
  name: 'do_not_merge_across_partitions_select_final',
});
const [version] = await rows<{ v: string }>('SELECT version() AS v');
// The reads look at the busiest JST day of the data (the simulator's office is nearly empty at weekends), and the
// timeline at that day's busiest device.
const [day] = await rows<{ participant: string; day: string }>(
  "SELECT toString(any(participant_id)) AS participant, toString(toDate(time, 'Asia/Tokyo')) AS day FROM events GROUP BY day ORDER BY count() DESC, day LIMIT 1",
);
const from = Date.parse(`${day!.day}T00:00:00+09:00`);
const window = { from: toClickHouseTime(from), to: toClickHouseTime(from + 86_400_000) };
const [device] = await rows<{ device: string }>(
  'SELECT toString(device_id) AS device FROM events WHERE time >= {from:DateTime64(3)} AND time < {to:DateTime64(3)} GROUP BY device_id ORDER BY count() DESC, device_id LIMIT 1',
  window,
);
const params = { p: day!.participant, d: device!.device, ...window };

/** The reads an operator's screens make most, as they are written: with FINAL. */
const READS = [
  {
    name: '24 h histogram by category',
    sql: `SELECT toStartOfInterval(time, INTERVAL 15 MINUTE) AS bucket, category, count() AS n
FROM events FINAL
WHERE participant_id = {p:UUID} AND time >= {from:DateTime64(3)} AND time < {to:DateTime64(3)}
GROUP BY bucket, category ORDER BY bucket, category`,
  },
  {
    name: '24 h count by user',
    sql: `SELECT user_name, count() AS n
FROM events FINAL
WHERE participant_id = {p:UUID} AND time >= {from:DateTime64(3)} AND time < {to:DateTime64(3)}
GROUP BY user_name ORDER BY n DESC`,
  },
  {
    name: "one device's day timeline",
    sql: `SELECT time, seq, category, action, user_name, process_name, url, file_path
FROM events FINAL
WHERE participant_id = {p:UUID} AND device_id = {d:UUID} AND time >= {from:DateTime64(3)} AND time < {to:DateTime64(3)}
ORDER BY time, seq LIMIT 1000`,
  },
];

async function timed(query: string): Promise<{ ms: number; rows: number; total: number }> {
  const started = performance.now();
  const result = await rows<{ n?: string }>(query, params);
  const ms = performance.now() - started;
  return { ms, rows: result.length, total: result.reduce((sum, row) => sum + Number(row.n ?? 1), 0) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timeReads() {
  const reads = [];
  for (const read of READS) {
    const withFinal = read.sql;
    const without = read.sql.replace('FROM events FINAL', 'FROM events');
    if (without === withFinal) throw new Error(`${read.name}: no FINAL to take out`);
    const finalMs: number[] = [];
    const plainMs: number[] = [];
    let finalResult = { rows: 0, total: 0 };
    let plainResult = { rows: 0, total: 0 };
    for (let i = 0; i < 2; i += 1) {
      await timed(withFinal);
      await timed(without);
    }
    for (let i = 0; i < repetitions; i += 1) {
      const order = i % 2 === 0 ? [true, false] : [false, true];
      for (const final of order) {
        const run = await timed(final ? withFinal : without);
        (final ? finalMs : plainMs).push(run.ms);
        if (final) finalResult = run;
        else plainResult = run;
      }
    }
    reads.push({
      name: read.name,
      finalMedianMs: median(finalMs),
      plainMedianMs: median(plainMs),
      ratio: median(finalMs) / median(plainMs),
      finalMs,
      plainMs,
      // What each variant answered: without FINAL, the re-sent copies not yet merged are counted twice.
      finalAnswer: finalResult,
      plainAnswer: plainResult,
    });
  }
  return reads;
}

// The figure: the data as the gateway left it, merges partly done.
const reads = await timeReads();
const activePartsAfterReads = await activeParts();
// For comparison only: the same reads once everything is merged into one part per partition.
await client.command({ query: 'OPTIMIZE TABLE events FINAL' });
const readsAfterFullMerge = (await timeReads()).map(({ name, finalMedianMs, plainMedianMs, ratio }) => ({
  name,
  finalMedianMs,
  plainMedianMs,
  ratio,
}));

process.stdout.write(
  JSON.stringify({
    engine: version!.v,
    storedRows: Number(stored!.n),
    visibleRows: Number(visible!.n),
    visibleDistinctEvents: Number(visible!.keys),
    conflictingRowsStored: Number(conflicted!.n),
    activePartsAtOpen: partsAtOpen,
    activePartsAfterReads,
    doNotMergeAcrossPartitionsSelectFinal: setting?.value ?? 'unknown',
    window: { from: params.from, to: params.to },
    repetitions,
    reads,
    partsAfterFullMerge: await activeParts(),
    readsAfterFullMerge,
  }),
);
await database.close();
