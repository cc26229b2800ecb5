import type { ACCOUNT_STATUS_REASONS } from '../../contract/common.js';

export type AccountStatusReasonCode = (typeof ACCOUNT_STATUS_REASONS)[number];

/**
 * The status reason an account records (`status_reason`, one text column, kept in English for logs and older rows)
 * and the code plus detail the API derives from it for pages to word in their reader's language. The texts the server
 * writes are made here and read back here, so the two cannot drift; anything else is the desk's own words.
 */
export const accountStatusReason = {
  participationEnded: (status: 'withdrawn' | 'revoked' | 'ended', reasonCode: string): string =>
    `participation ${status} (${reasonCode})`,
  succeeded: (successorName: string): string => `succeeded by ${successorName} (art. 4)`,
  reinstated: (reason: string): string => `reinstated: ${reason}`,
};

const ENDED = /^participation (withdrawn|revoked|ended) \((.*)\)$/s;
const SUCCEEDED = /^succeeded by (.*) \(art\. 4\)$/s;
const REINSTATED = /^reinstated: (.*)$/s;

export function readAccountStatusReason(text: string): { code: AccountStatusReasonCode; detail: string } {
  if (!text) return { code: 'none', detail: '' };
  const ended = ENDED.exec(text);
  if (ended) return { code: `participation_${ended[1] as 'withdrawn' | 'revoked' | 'ended'}`, detail: ended[2]! };
  const succeeded = SUCCEEDED.exec(text);
  if (succeeded) return { code: 'succeeded', detail: succeeded[1]! };
  const reinstated = REINSTATED.exec(text);
  if (reinstated) return { code: 'reinstated', detail: reinstated[1]! };
  return { code: 'desk', detail: text };
}

/** An account as the API shows it: its status reason also as a code and a detail. */
export function withStatusReason<T extends { status_reason: string }>(
  account: T,
): T & { status_reason_code: AccountStatusReasonCode; status_reason_detail: string } {
  const { code, detail } = readAccountStatusReason(account.status_reason);
  return { ...account, status_reason_code: code, status_reason_detail: detail };
}
