import { api } from '../../api/api-client.js';
import type { AccountUnlocked, PasswordReset } from '../../api/contract.js';

/** The desk helps a user back in: a temporary password (shown once), or the unlock of a locked login. */
export function resetPassword(accountId: string): Promise<PasswordReset> {
  return api<PasswordReset>('POST', `/api/v1/admin/accounts/${accountId}/reset-password`);
}

export function unlockAccount(accountId: string): Promise<AccountUnlocked> {
  return api<AccountUnlocked>('POST', `/api/v1/admin/accounts/${accountId}/unlock`);
}
