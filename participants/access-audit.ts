import type { ClickHouseClient } from '@clickhouse/client';
import type { AccessRecorder, Caller } from '../api/caller.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import type { AccessLogEntry } from '../contract/participants.js';

/**
 * Terms art. 15: the operator may look at a participant's data only to maintain, operate or
 * improve the service. Every operator request that returns a participant's data leaves one row per
 * participant here, with the purpose chosen for the session; the participant reads them.
 */
export class AccessAudit implements AccessRecorder {
  constructor(private readonly client: ClickHouseClient) {}

  async record(entry: {
    caller: Caller;
    participantIds: readonly string[];
    route: string;
    what: string;
    target: string;
    ip: string;
  }): Promise<void> {
    const at = toClickHouseTime(Date.now());
    await this.client.insert({
      table: 'data_access_log',
      values: [...new Set(entry.participantIds)].map((participantId) => ({
        participant_id: participantId,
        at,
        account_id: entry.caller.accountId,
        login_name: entry.caller.loginName,
        display_name: entry.caller.displayName,
        purpose: entry.caller.purpose ?? '',
        purpose_note: entry.caller.purposeNote,
        route: entry.route,
        what: entry.what,
        target: entry.target.slice(0, 2000),
        ip: entry.ip,
      })),
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'audit:record-access' },
    });
  }

  async forParticipant(
    participantIds: readonly string[],
    from: Date,
    to: Date,
    limit: number,
  ): Promise<AccessLogEntry[]> {
    return selectRows(this.client, 'participants/access-log', {
      participantIds,
      from: toClickHouseTime(from.getTime()),
      to: toClickHouseTime(to.getTime()),
      limit,
    });
  }
}
