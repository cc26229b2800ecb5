import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { sha256Hex } from '../common/hashes.js';
import { selectRows } from '../sql/select-rows.js';

/**
 * The read-only links in notice mail: a random token per mail, kept only as its SHA-256. A link
 * opens its participant's notices for as long as the participant's data is kept: the deletion of
 * art. 16 deletes the rows of notice_links with the rest, and the link stops working.
 */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class NoticeLinks {
  constructor(private readonly client: ClickHouseClient) {}

  async issue(participantId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.client.insert({
      table: 'notice_links',
      values: [
        { token_hash: sha256Hex(token), participant_id: participantId, created_at: toClickHouseTime(Date.now()) },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'notices:link' },
    });
    return token;
  }

  /** The participant a token opens, or undefined (malformed, unknown, or its data deleted). */
  async owner(token: string): Promise<string | undefined> {
    if (!TOKEN.test(token)) return undefined;
    return (
      await selectRows<{ participant_id: string }>(this.client, 'notices/link-owner', { tokenHash: sha256Hex(token) })
    )[0]?.participant_id;
  }
}
