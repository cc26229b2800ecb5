import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow, fromClickHouseTime, toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import { writeVersion } from '../sql/versioned-state.js';
import type { AccessPurpose, AccountRole } from '../api/caller.js';

/** Accounts, sessions and sign-in attempts: the only place running their SQL. */
export interface AccountRecord {
  account_id: string;
  current_version: number;
  login_name: string;
  display_name: string;
  email: string;
  role: AccountRole;
  participant_id: string | null;
  password_hash: string;
  must_change_password: boolean;
  status: 'active' | 'suspended';
  status_reason: string;
  pending_suspension_at: string | null;
  pending_suspension_reason: string;
  created_at: string;
  last_changed_at: string;
}

export type AccountState = Omit<AccountRecord, 'account_id' | 'current_version' | 'created_at' | 'last_changed_at'>;

export interface SessionRecord {
  session_hash: string;
  account_id: string;
  status: 'active' | 'revoked';
  created_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
  access_purpose: AccessPurpose | '';
  purpose_note: string;
}

export type SignInResult =
  'success' | 'wrong_password' | 'unknown_login' | 'locked' | 'suspended' | 'participant_inactive' | 'unlocked';

export class AccountStore {
  constructor(private readonly client: ClickHouseClient) {}

  private rows<T>(name: `${string}/${string}`, params: Record<string, unknown>): Promise<T[]> {
    return selectRows<T>(this.client, name, params);
  }

  async findAccount(accountId: string): Promise<AccountRecord | undefined> {
    const [row] = await this.rows<AccountRecord>('accounts/current-account', { accountId });
    return row
      ? {
          ...row,
          current_version: Number(row.current_version),
          must_change_password: Boolean(row.must_change_password),
        }
      : undefined;
  }

  listAccounts(
    filter: { participantId?: string; role?: AccountRole } = {},
  ): Promise<Omit<AccountRecord, 'password_hash'>[]> {
    return this.rows('accounts/list-accounts', {
      participantId: filter.participantId ?? null,
      role: filter.role ?? null,
    });
  }

  accountsOfParticipants(
    participantIds: readonly string[],
  ): Promise<{ account_id: string; login_name: string; email: string; status: string }[]> {
    return this.rows('accounts/accounts-of-participants', { participantIds });
  }

  dueSuspensions(now: Date): Promise<{ account_id: string }[]> {
    return this.rows('accounts/due-suspensions', { now: toClickHouseTime(now.getTime()) });
  }

  /**
   * Writes version `version` of an account; false when another request wrote that version first
   * (for version 1: the login name was taken at the same moment).
   */
  writeAccount(
    accountId: string,
    version: number,
    state: AccountState,
    changeKind: string,
    changedBy: string,
  ): Promise<boolean> {
    return writeVersion(
      this.client,
      'accounts',
      accountId,
      version,
      { ...state, change_kind: changeKind, changed_at: changeTimeNow(), changed_by: changedBy },
      `accounts:${changeKind}`,
    );
  }

  async writeSession(session: SessionRecord): Promise<void> {
    await this.client.insert({
      table: 'sessions',
      values: [{ ...session, changed_at: changeTimeNow() }],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'accounts:write-session' },
    });
  }

  /** When the session last answered a request (the idle timeout counts from it). */
  async recordSessionActivity(sessionHash: string, accountId: string, at: Date): Promise<void> {
    await this.client.insert({
      table: 'session_activity',
      values: [{ session_hash: sessionHash, account_id: accountId, seen_at: toClickHouseTime(at.getTime()) }],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'accounts:session-activity' },
    });
  }

  async findSession(sessionHash: string): Promise<(SessionRecord & { last_active_at: string }) | undefined> {
    const [row] = await this.rows<SessionRecord & { last_active_at: string }>('accounts/current-session', {
      sessionHash,
    });
    return row;
  }

  activeSessions(accountId: string): Promise<Omit<SessionRecord, 'account_id' | 'purpose_note'>[]> {
    return this.rows('accounts/account-sessions', { accountId });
  }

  async recordSignIn(entry: {
    accountId: string;
    loginName: string;
    ip: string;
    userAgent: string;
    result: SignInResult;
    at?: Date;
  }): Promise<void> {
    await this.client.insert({
      table: 'sign_ins',
      values: [
        {
          account_id: entry.accountId,
          login_name: entry.loginName,
          at: toClickHouseTime((entry.at ?? new Date()).getTime()),
          ip: entry.ip,
          user_agent: entry.userAgent,
          result: entry.result,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'accounts:record-sign-in' },
    });
  }

  async recentFailures(accountId: string, since: Date): Promise<Date[]> {
    const rows = await this.rows<{ at: string }>('accounts/failures-since-success', {
      accountId,
      since: toClickHouseTime(since.getTime()),
    });
    return rows.map((row) => fromClickHouseTime(row.at));
  }

  signInHistory(
    accountId: string,
    limit: number,
  ): Promise<{ at: string; ip: string; user_agent: string; result: SignInResult }[]> {
    return this.rows('accounts/sign-in-history', { accountId, limit });
  }
}
