import type { ClickHouseClient } from '@clickhouse/client';

/**
 * `npm run bench -- query --size 1e8`: the events table holds ten times the simulated week. Simulating 1e8
 * events would take hours here, so the simulated 1e7 are copied nine times inside the engine, each copy under
 * other participants' and devices' ids (a hash of the original id and the copy's number). The searched
 * participant's own events stay as they were; what grows is everything a read must skip (other participants'
 * parts and granules, the device_hourly rows the copies add through its view) — which is what the goals at 1e8
 * are about. The copies' participants are not registered, so the health evaluation and the cross-participant
 * search still cover the ten real participants only.
 */
const COPY_EVENTS = `INSERT INTO events SELECT * REPLACE (
  reinterpretAsUUID(MD5(concat(toString(participant_id), '#', {copy:String}))) AS participant_id,
  reinterpretAsUUID(MD5(concat(toString(device_id), '#', {copy:String}))) AS device_id
) FROM (SELECT * FROM events WHERE participant_id IN {originals:Array(UUID)})`;
// The originals are chosen in a subquery: in the outer SELECT, `participant_id` in WHERE names the REPLACE alias
// (the copy's hashed id), which is never one of the originals, so the copies inserted nothing (found at 1e8).

const COUNT_EVENTS = 'SELECT count() AS n FROM events WHERE participant_id IN {participants:Array(UUID)}';

export async function copyEvents(
  client: ClickHouseClient,
  originals: readonly string[],
  copies: number,
  progress: (line: string) => void,
): Promise<number> {
  const started = performance.now();
  const simulated = await countEvents(client, originals);
  for (let copy = 1; copy < copies; copy += 1) {
    await client.command({ query: COPY_EVENTS, query_params: { copy: String(copy), originals } });
    progress(
      `query: copy ${copy} of ${copies - 1} of the simulated events inserted (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  // Every copy must hold as many events as the originals, or the part measures a smaller table than it says.
  const total = await countEvents(client);
  if (total !== simulated * copies)
    throw new Error(`the events table holds ${total} events after copying, expected ${simulated} × ${copies}`);
  return (performance.now() - started) / 1000;
}

async function countEvents(client: ClickHouseClient, participants?: readonly string[]): Promise<number> {
  const result = await client.query({
    query: participants ? COUNT_EVENTS : 'SELECT count() AS n FROM events',
    ...(participants ? { query_params: { participants } } : {}),
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: string }>();
  return Number(row?.n ?? 0);
}
