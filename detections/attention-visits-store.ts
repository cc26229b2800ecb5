import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';

/**
 * When each operator account last opened the attention queue (`attention_visits`), so "new since the last
 * visit" follows the account rather than one browser. Times are server times (`YYYY-MM-DD hh:mm:ss.ffffff`, UTC),
 * the same form as the queue's `detectedAt`, so the page compares them directly.
 */
export class AttentionVisitsStore {
  constructor(private readonly client: ClickHouseClient) {}

  /** Records a visit now and returns the one before it (null on the account's first visit). */
  async recordVisit(accountId: string): Promise<string | null> {
    const [previous] = await selectRows<{ seen_at: string }>(this.client, 'detections/attention-last-visit', {
      account: accountId,
    });
    await this.client.insert({
      table: 'attention_visits',
      values: [{ account_id: accountId, seen_at: changeTimeNow() }],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'detections:attention-visit' },
    });
    return previous?.seen_at ?? null;
  }
}
