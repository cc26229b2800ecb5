import { z } from 'zod';
import { callerOf, uuidParam, type RouteTable } from '../api/route-table.js';
import type { AccountRecovery } from './account-recovery.js';
import type { OperatorAccounts } from './operator-accounts.js';
import * as contract from '../contract/index.js';

/**
 * Operators help users back in (a temporary password, an unlock) and manage the desk's own accounts (disable,
 * enable). The list and creation of operators are `GET|POST /api/v1/admin/accounts` (account-admin-routes.ts).
 */
export function accountRecoveryRoutes(
  routes: RouteTable,
  recovery: AccountRecovery,
  operators: OperatorAccounts,
): void {
  const accountPath = z.object({ accountId: uuidParam });
  const reason = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
  const participantsOf = (account: { participant_id: string | null }) =>
    account.participant_id ? [account.participant_id] : [];

  routes.add({
    method: 'post',
    path: '/api/v1/admin/accounts/:accountId/reset-password',
    response: contract.passwordReset,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'user account (password reset)',
    tag: 'accounts (operator)',
    summary:
      "Reset a user's or an operator's password: a temporary one, shown once, that must be changed at the next sign-in; the account's sessions end; a participant's user is told (art. 20)",
    params: accountPath,
    async handler(c, { params, recordAccess }) {
      const reset = await recovery.resetPassword(params.accountId, callerOf(c).loginName);
      await recordAccess(participantsOf(reset.account));
      return { ...reset, note: 'Shown once; the user must change it at the next sign-in.' };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/accounts/:accountId/unlock',
    response: contract.accountUnlocked,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'user account (unlocked)',
    tag: 'accounts (operator)',
    summary:
      'Unlock a login locked after repeated failed sign-ins: its count of failures starts afresh; a participant’s user is told when it was locked',
    params: accountPath,
    async handler(c, { params, recordAccess }) {
      const unlocked = await recovery.unlock(params.accountId, callerOf(c).loginName);
      await recordAccess(participantsOf(unlocked.account));
      return unlocked;
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/operators/:accountId/disable',
    response: contract.accountAnswer,
    scope: 'operator',
    participantData: 'none',
    tag: 'accounts (operator)',
    summary:
      'Disable an operator with a reason: it can no longer sign in. Refused for your own account and for the last active operator',
    params: accountPath,
    body: reason,
    async handler(c, { params, body }) {
      const caller = callerOf(c);
      return { account: await operators.disable(params.accountId, body.reason, caller.accountId, caller.loginName) };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/operators/:accountId/enable',
    response: contract.accountAnswer,
    scope: 'operator',
    participantData: 'none',
    tag: 'accounts (operator)',
    summary: 'Enable a disabled operator again, with the reason',
    params: accountPath,
    body: reason,
    async handler(c, { params, body }) {
      return { account: await operators.enable(params.accountId, body.reason, callerOf(c).loginName) };
    },
  });
}
