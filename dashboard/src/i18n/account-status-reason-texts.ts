import type { Account } from '../api/contract.js';

type ReasonCode = Account['status_reason_code'];

/** The texts of account-status-reasons.ts, plain data so that a unit test can hold them to every code. */
export const ACCOUNT_STATUS_REASON_TEXTS: Record<'ja' | 'en', Record<Exclude<ReasonCode, 'none'>, string>> = {
  ja: {
    desk: '理由: {detail}',
    reinstated: '再開の理由: {detail}',
    participation_withdrawn: '退会により停止しました（第6条・第12条）',
    participation_revoked: '参加資格の取消しにより停止しました（第7条）',
    participation_ended: '利用終了により停止しました（第9条・第12条）',
    succeeded: '{detail} への地位の承継により停止しました（第4条）',
  },
  en: {
    desk: 'Reason: {detail}',
    reinstated: 'Reinstated because: {detail}',
    participation_withdrawn: 'Stopped on withdrawal (art. 6, 12)',
    participation_revoked: 'Stopped: the participation was revoked (art. 7)',
    participation_ended: 'Stopped: the use of the service ended (art. 9, 12)',
    succeeded: 'Stopped: {detail} succeeded to the participation (art. 4)',
  },
};
