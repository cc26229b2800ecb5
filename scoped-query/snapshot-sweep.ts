import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';

/**
 * Removes the snapshot tables a run left behind (participant-snapshot.ts). They hold one participant's rows in
 * the engine's memory, and a run that crashed, or whose drop failed, leaves them there until someone drops them.
 *
 * `createdBefore`: only tables older than this. At the start of a process that owns its engine alone (the
 * embedded chDB) every snapshot table is a leftover; on a shared server another gateway may be in the middle of
 * a run, so only tables older than any run holds one (SNAPSHOT_SWEEP_AGE_MS) are taken.
 */
export const SNAPSHOT_SWEEP_AGE_MS = 60 * 60_000;

export async function sweepLeftoverSnapshots(client: ClickHouseClient, createdBefore: Date): Promise<string[]> {
  const leftovers = (
    await selectRows<{ name: string }>(client, 'scoped-query/leftover-snapshots', {
      before: toClickHouseTime(createdBefore.getTime()).slice(0, 19),
    })
  ).map((row) => row.name);
  for (const name of leftovers)
    await client.command({
      query: 'DROP TABLE IF EXISTS {name:Identifier}',
      query_params: { name },
      clickhouse_settings: { log_comment: 'scoped-query:snapshot-sweep' },
    });
  return leftovers;
}

/** The sweep's bound for this process: everything when it owns the engine alone, else old tables only. */
export function sweepBound(mode: 'embedded' | 'server', now: Date): Date {
  return mode === 'embedded' ? new Date(now.getTime() + 1000) : new Date(now.getTime() - SNAPSHOT_SWEEP_AGE_MS);
}
