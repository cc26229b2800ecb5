import { api } from '../../api/api-client.js';
import type { Account, AccountAnswer, AccountCreated, AccountList } from '../../api/contract.js';

/** The desk's operator accounts: list, add (an initial password shown once), disable and enable. */
export async function fetchOperators(): Promise<Account[]> {
  return (await api<AccountList>('GET', '/api/v1/admin/accounts?role=operator')).accounts;
}

export function addOperator(operator: { loginName: string; displayName: string; email: string }) {
  return api<AccountCreated>('POST', '/api/v1/admin/accounts', operator);
}

export function disableOperator(accountId: string, reason: string) {
  return api<AccountAnswer>('POST', `/api/v1/admin/operators/${accountId}/disable`, { reason });
}

export function enableOperator(accountId: string, reason: string) {
  return api<AccountAnswer>('POST', `/api/v1/admin/operators/${accountId}/enable`, { reason });
}
