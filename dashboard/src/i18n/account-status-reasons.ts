import type { Account } from '../api/contract.js';
import { ACCOUNT_STATUS_REASON_TEXTS } from './account-status-reason-texts.js';
import { defineMessages } from './i18n.js';

/**
 * Why an account has its status, in the reader's language: the server sends a code and a detail
 * (`status_reason_code`, `status_reason_detail`), never a sentence to show; the detail is the desk's own words, the
 * successor's name, or a reason code this text does not need.
 */
const t = defineMessages(ACCOUNT_STATUS_REASON_TEXTS.ja, ACCOUNT_STATUS_REASON_TEXTS.en);

/** The sentence for an account's status reason; empty when there is none. */
export function accountStatusReasonText(account: Pick<Account, 'status_reason_code' | 'status_reason_detail'>): string {
  const code = account.status_reason_code;
  return code === 'none' ? '' : t(code, { detail: account.status_reason_detail });
}
