import { defineMessages } from '../../i18n/i18n.js';

/** A participant's lifecycle status (participants/rules/lifecycle.ts) as operators read it. */
const label = defineMessages(
  {
    applied: '申込受付',
    awaiting_applicant: '申込者の回答待ち',
    rejected: '不承認',
    lapsed: '期限切れ（未回答）',
    approved: '承認済み',
    active: '利用中',
    withdrawal_requested: '退会申出中',
    withdrawn: '退会',
    revoked: '登録取消',
    ended: '利用終了',
    succeeded: '承継済み',
  },
  {
    applied: 'Applied',
    awaiting_applicant: 'Awaiting applicant',
    rejected: 'Rejected',
    lapsed: 'Lapsed',
    approved: 'Approved',
    active: 'Active',
    withdrawal_requested: 'Withdrawal requested',
    withdrawn: 'Withdrawn',
    revoked: 'Revoked',
    ended: 'Ended',
    succeeded: 'Succeeded',
  },
);
type Status = Parameters<typeof label>[0];
const KNOWN = new Set<string>([
  'applied',
  'awaiting_applicant',
  'rejected',
  'lapsed',
  'approved',
  'active',
  'withdrawal_requested',
  'withdrawn',
  'revoked',
  'ended',
  'succeeded',
]);

export function participantStatusLabel(status: string): string {
  return KNOWN.has(status) ? label(status as Status) : status;
}

/** The badge's colour: in use, on its way in or out, or out. */
export function participantStatusTone(status: string): 'ok' | 'warn' | 'bad' | '' {
  if (status === 'active') return 'ok';
  if (
    status === 'applied' ||
    status === 'awaiting_applicant' ||
    status === 'approved' ||
    status === 'withdrawal_requested'
  )
    return 'warn';
  if (status === 'rejected' || status === 'revoked' || status === 'lapsed') return 'bad';
  return '';
}
