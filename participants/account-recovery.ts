import { formatJst } from '../common/jst-time.js';
import { NOTICE_TEXTS } from '../notices/notice-texts.js';
import type { NoticeCentre } from '../notices/notice-centre.js';
import type { AccountService, PublicAccount } from './account-service.js';
import type { AccountRecord, AccountStore } from './account-store.js';
import { withStatusReason } from './rules/account-status-reasons.js';
import { FAILURE_LOOKBACK_MS, lockedUntil } from './rules/lockout.js';

/**
 * The desk helps a user back in (issue 19): a temporary password that must be changed at the next sign-in, and the
 * unlock of a login locked after repeated failures. Both are recorded as a version of the account with who did it;
 * a participant's user is told in a notice (art. 20 (4): a matching password is deemed the participant, so the
 * owner must learn of a reset or an unlock it did not ask for). Operators are not parties to the terms: no notice.
 */
export interface PasswordReset {
  account: PublicAccount;
  temporaryPassword: string;
}

export interface Unlocked {
  account: PublicAccount;
  /** Until when the login was locked when the desk unlocked it; null: it was not locked (the count was reset anyway). */
  wasLockedUntil: string | null;
}

export class AccountRecovery {
  constructor(
    private readonly accounts: AccountService,
    private readonly store: AccountStore,
    private readonly notices: NoticeCentre,
  ) {}

  async resetPassword(accountId: string, by: string): Promise<PasswordReset> {
    const temporaryPassword = await this.accounts.resetPassword(accountId, by);
    const account = await this.accounts.requireAccount(accountId);
    await this.tell(account, 'password_reset', by);
    return { account: publicOf(account), temporaryPassword };
  }

  /** Until when the login is locked now, if it is. */
  async lockedUntil(accountId: string, now = new Date()): Promise<Date | undefined> {
    const failures = await this.store.recentFailures(accountId, new Date(now.getTime() - FAILURE_LOOKBACK_MS));
    return lockedUntil(failures, now);
  }

  async unlock(accountId: string, by: string): Promise<Unlocked> {
    const account = await this.accounts.requireAccount(accountId);
    const until = await this.lockedUntil(accountId);
    // The history row ends the count of failures (failures-since-success.sql); the version records who did it.
    await this.store.recordSignIn({
      accountId,
      loginName: account.login_name,
      ip: '',
      userAgent: `unlocked by ${by}`,
      result: 'unlocked',
    });
    this.accounts.forgetFailures(accountId);
    await this.accounts.recordChange(accountId, 'unlocked', by);
    if (until) await this.tell(account, 'account_unlocked', by);
    return {
      account: publicOf(await this.accounts.requireAccount(accountId)),
      wasLockedUntil: until ? until.toISOString() : null,
    };
  }

  private async tell(account: AccountRecord, kind: 'password_reset' | 'account_unlocked', by: string): Promise<void> {
    if (account.role !== 'participant_user') return;
    const text = NOTICE_TEXTS[kind]({ loginName: account.login_name, at: formatJst(new Date()) });
    await this.notices.send(
      {
        audience: 'account',
        accountId: account.account_id,
        participantId: account.participant_id,
        email: account.email,
      },
      kind,
      text,
      by,
    );
  }
}

function publicOf(account: AccountRecord): PublicAccount {
  const { password_hash: _hash, ...rest } = account;
  return withStatusReason(rest);
}
