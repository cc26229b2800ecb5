import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../api/route-table.js';
import type { AccountService } from './account-service.js';
import { refuseLastActiveOperator } from './operator-accounts.js';
import * as contract from '../contract/index.js';

/** Operators manage accounts: list, create operator accounts, suspend (art. 20) and reinstate. */
export function accountAdminRoutes(routes: RouteTable, accounts: AccountService): void {
  const tag = 'accounts (operator)';
  const accountPath = z.object({ accountId: uuidParam });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/accounts',
    response: contract.accountList,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'user accounts (operator list)',
    tag,
    summary: 'Accounts, optionally of one participant or one role',
    query: z.object({ participant: uuidParam.optional(), role: z.enum(['operator', 'participant_user']).optional() }),
    async handler(c, { query, recordAccess }) {
      const list = await accounts.listAccounts({
        ...(query.participant ? { participantId: query.participant } : {}),
        ...(query.role ? { role: query.role } : {}),
      });
      await recordAccess(participantsOf(list));
      return { accounts: list };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/accounts',
    response: contract.accountCreated,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Create an operator account; without a password one is generated, shown once, and must be changed at first sign-in',
    successStatus: 201,
    body: z.object({
      loginName: z.string().min(1).max(64),
      displayName: z.string().trim().min(1).max(200),
      email: z.email().or(z.literal('')).default(''),
      password: z.string().min(1).max(256).optional(),
    }),
    async handler(c, { body }) {
      const created = await accounts.createAccount(
        { ...body, role: 'operator', participantId: null },
        callerOf(c).loginName,
      );
      return {
        account: created.account,
        ...(created.generated ? { initialPassword: created.password, note: 'Shown once.' } : {}),
      };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/accounts/:accountId/suspend',
    response: contract.accountAnswer,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'user account (suspended)',
    tag,
    summary:
      'Suspend an account with a reason (art. 20): at effectiveAt after notice (default 7 days), or at once when urgent',
    params: accountPath,
    body: z.object({
      reason: z.string().trim().min(1).max(2000),
      urgent: z.boolean().default(false),
      effectiveAt: z.iso.datetime({ offset: true }).optional(),
    }),
    async handler(c, { params, body, recordAccess }) {
      if (params.accountId === callerOf(c).accountId)
        throw new ApiError(409, 'cannot_disable_self', 'An operator cannot suspend its own account.');
      await refuseLastActiveOperator(accounts, params.accountId);
      const account = await accounts.suspend(
        params.accountId,
        {
          reason: body.reason,
          urgent: body.urgent,
          ...(body.effectiveAt ? { effectiveAt: new Date(body.effectiveAt) } : {}),
        },
        callerOf(c).loginName,
      );
      await recordAccess(participantsOf([account]));
      return { account };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/accounts/:accountId/reinstate',
    response: contract.accountAnswer,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'user account (reinstated)',
    tag,
    summary:
      'Lift a suspension, or cancel one announced for later, with the reason; refused (409) when there is neither',
    params: accountPath,
    body: z.object({ reason: z.string().trim().min(1).max(2000) }).strict(),
    async handler(c, { params, body, recordAccess }) {
      const account = await accounts.reinstate(params.accountId, callerOf(c).loginName, body.reason);
      await recordAccess(participantsOf([account]));
      return { account };
    },
  });
}

/** The participants whose users are in a list of accounts (operator accounts belong to none). */
function participantsOf(accounts: readonly { participant_id: string | null }[]): string[] {
  return [...new Set(accounts.map((account) => account.participant_id).filter((id): id is string => id !== null))];
}
