import type { ParticipantStatus } from '../api/contract.js';
import { defineMessages } from '../i18n/i18n.js';

/** A participant's state as people read it (terms art. 3-9). */
const t = defineMessages<ParticipantStatus>(
  {
    applied: '申込み受付',
    awaiting_applicant: '申込者の回答待ち',
    rejected: '不承認',
    lapsed: '申込み失効',
    approved: '承認済み（利用開始前）',
    active: '利用中',
    withdrawal_requested: '退会の申出あり',
    withdrawn: '退会',
    revoked: '承認取消し',
    ended: '利用終了',
    succeeded: '承継済み',
  },
  {
    applied: 'Applied',
    awaiting_applicant: "Awaiting the applicant's answer",
    rejected: 'Rejected',
    lapsed: 'Lapsed',
    approved: 'Approved (not started)',
    active: 'In service',
    withdrawal_requested: 'Withdrawal requested',
    withdrawn: 'Withdrawn',
    revoked: 'Approval revoked',
    ended: 'Ended',
    succeeded: 'Succeeded',
  },
);

export const participantStatusLabel = (status: ParticipantStatus): string => t(status);
