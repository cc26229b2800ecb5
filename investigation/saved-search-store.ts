import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow, fromClickHouseTime } from '../common/clickhouse-time.js';
import { sha256Hex } from '../common/hashes.js';
import { selectRows } from '../sql/select-rows.js';

/**
 * Saved searches kept on the server, so that operators share them (Kibana's saved searches) instead of each
 * browser keeping its own. A search is the address of the page that runs it: a participant's explorer or
 * the search across participants. Saving under a name the owner already used replaces that search.
 */
export const ACROSS_PARTICIPANTS = '00000000-0000-0000-0000-000000000000';
const EXPLORER_PATH =
  /^\/participants\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/explorer(\?.*)?$/;
const ACROSS_PATH = /^\/investigation(\?.*)?$/;

export interface SavedSearchRow {
  id: string;
  participant: string;
  owner: string;
  owner_name: string;
  name: string;
  path: string;
  shared: number;
  purpose: string;
  purpose_note: string;
  removed?: number;
  changed_at: string;
}

export interface SavedSearchOwner {
  accountId: string;
  loginName: string;
  purpose: string;
  purposeNote: string;
}

/** The participant a search's address opens (the zero id across participants), or null for an address no search has. */
export function participantOfSearchPath(path: string): string | null {
  const explorer = EXPLORER_PATH.exec(path);
  if (explorer) return explorer[1]!;
  return ACROSS_PATH.test(path) ? ACROSS_PARTICIPANTS : null;
}

/** One owner's name always gives the same id, so saving again under it replaces the search. */
export function savedSearchId(ownerAccountId: string, name: string): string {
  const hex = sha256Hex(`${ownerAccountId}\n${name}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class SavedSearchStore {
  constructor(private readonly client: ClickHouseClient) {}

  /** The account's own searches and those other operators shared, newest first. */
  async visibleTo(accountId: string): Promise<SavedSearchRow[]> {
    return selectRows<SavedSearchRow>(this.client, 'investigation/saved-searches', { account: accountId });
  }

  async byId(id: string): Promise<SavedSearchRow | null> {
    const [row] = await selectRows<SavedSearchRow>(this.client, 'investigation/saved-search', { id });
    return row ?? null;
  }

  async save(
    owner: SavedSearchOwner,
    search: { name: string; path: string; participantId: string; shared: boolean },
  ): Promise<string> {
    const id = savedSearchId(owner.accountId, search.name);
    await this.write(id, owner, search, false);
    return id;
  }

  async remove(row: SavedSearchRow): Promise<void> {
    await this.write(
      row.id,
      {
        accountId: row.owner,
        loginName: row.owner_name,
        purpose: row.purpose,
        purposeNote: row.purpose_note,
      },
      { name: row.name, path: row.path, participantId: row.participant, shared: row.shared === 1 },
      true,
    );
  }

  private async write(
    id: string,
    owner: SavedSearchOwner,
    search: { name: string; path: string; participantId: string; shared: boolean },
    removed: boolean,
  ): Promise<void> {
    await this.client.insert({
      table: 'saved_searches',
      values: [
        {
          search_id: id,
          participant_id: search.participantId,
          owner_account_id: owner.accountId,
          owner_name: owner.loginName,
          name: search.name,
          path: search.path,
          shared: search.shared ? 1 : 0,
          purpose: owner.purpose,
          purpose_note: owner.purposeNote,
          removed: removed ? 1 : 0,
          changed_at: changeTimeNow(),
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: removed ? 'investigation:remove-saved-search' : 'investigation:save-search' },
    });
  }
}

export function savedAtOf(row: SavedSearchRow): string {
  return fromClickHouseTime(row.changed_at).toISOString();
}
