import { ApiError } from '../api/errors.js';
import type { AccountService, PublicAccount } from './account-service.js';
import { withStatusReason } from './rules/account-status-reasons.js';

/**
 * The desk's own accounts (issue 19): disable and enable an operator. The desk must keep someone able to sign in, so
 * an operator cannot disable itself nor the last active operator. A disabled operator cannot sign in (the account's
 * status is `suspended`, the same gate as for a participant's user) and its sessions end on their next request.
 * Operators are not parties to the terms: no notice, no period of notice.
 */
export class OperatorAccounts {
  constructor(private readonly accounts: AccountService) {}

  async disable(accountId: string, reason: string, callerAccountId: string, by: string): Promise<PublicAccount> {
    const account = await this.operator(accountId);
    if (accountId === callerAccountId)
      throw new ApiError(
        409,
        'cannot_disable_self',
        'An operator cannot disable its own account; ask another operator.',
      );
    if (account.status === 'suspended')
      throw new ApiError(409, 'already_suspended', `The operator ${account.login_name} is already disabled.`);
    await refuseLastActiveOperator(this.accounts, accountId);
    await this.accounts.recordChange(accountId, 'operator_disabled', by, (state) => ({
      ...state,
      status: 'suspended',
      status_reason: reason,
      pending_suspension_at: null,
      pending_suspension_reason: '',
    }));
    return this.publicOf(accountId);
  }

  async enable(accountId: string, reason: string, by: string): Promise<PublicAccount> {
    const account = await this.operator(accountId);
    if (account.status === 'active')
      throw new ApiError(409, 'not_suspended', `The operator ${account.login_name} is not disabled.`);
    await this.accounts.recordChange(accountId, 'operator_enabled', by, (state) => ({
      ...state,
      status: 'active',
      // The reason of the change; the version's change_kind says it was an enable.
      status_reason: reason,
    }));
    return this.publicOf(accountId);
  }

  private async operator(accountId: string) {
    const account = await this.accounts.requireAccount(accountId);
    if (account.role !== 'operator')
      throw new ApiError(404, 'not_found', `No operator ${accountId} (the account is a participant's user).`);
    return account;
  }

  private async publicOf(accountId: string): Promise<PublicAccount> {
    const { password_hash: _hash, ...rest } = await this.accounts.requireAccount(accountId);
    return withStatusReason(rest);
  }
}

/**
 * Refused when `accountId` is the only active operator: with no operator left, nobody could sign in to the desk
 * (only the command line could help). Also guards the general suspension route.
 */
export async function refuseLastActiveOperator(accounts: AccountService, accountId: string): Promise<void> {
  const active = (await accounts.listAccounts({ role: 'operator' })).filter((account) => account.status === 'active');
  if (active.length === 1 && active[0]!.account_id === accountId)
    throw new ApiError(
      409,
      'last_active_operator',
      `${active[0]!.login_name} is the last active operator; add or enable another operator first.`,
    );
}
