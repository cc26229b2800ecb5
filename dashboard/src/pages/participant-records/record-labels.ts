import { defineMessages } from '../../i18n/i18n.js';

/**
 * The words of a participant's record: the kinds of change in its history (the server's lifecycle actions) and
 * the fields of its registered details.
 */
export const CHANGE_KINDS = [
  'applied',
  'registered_by_operator',
  'request_answer',
  'applicant_answer',
  'approve',
  'reject',
  'lapse',
  'start',
  'request_withdrawal',
  'complete_withdrawal',
  'revoke',
  'end_use',
  'succeed',
  'update_details',
  'set_end_date',
  'set_deletion_deadline',
] as const;
type ChangeKind = (typeof CHANGE_KINDS)[number];

const kinds = defineMessages<ChangeKind | 'revoke_scheduled' | 'other'>(
  {
    applied: '申込み',
    registered_by_operator: 'デスクが登録',
    request_answer: '申込者への質問',
    applicant_answer: '申込者の回答',
    approve: '承認',
    reject: '不承認',
    lapse: '申込みの失効',
    start: '利用開始',
    request_withdrawal: '退会の申出（第6条）',
    complete_withdrawal: '退会の完了（第6条）',
    revoke: '承認の取消し（第7条）',
    revoke_scheduled: '取消しの予告（第7条）',
    end_use: '利用終了（第9条）',
    succeed: '承継（第4条）',
    update_details: '登録事項の変更（第20条第7号）',
    set_end_date: '利用終了日の設定（第9条）',
    set_deletion_deadline: '削除期限の設定（第16条）',
    other: 'その他の変更',
  },
  {
    applied: 'Applied',
    registered_by_operator: 'Registered by the desk',
    request_answer: 'Question to the applicant',
    applicant_answer: "Applicant's answer",
    approve: 'Approved',
    reject: 'Rejected',
    lapse: 'Application lapsed',
    start: 'Service started',
    request_withdrawal: 'Withdrawal requested (art. 6)',
    complete_withdrawal: 'Withdrawal completed (art. 6)',
    revoke: 'Approval revoked (art. 7)',
    revoke_scheduled: 'Revocation announced (art. 7)',
    end_use: 'Use ended (art. 9)',
    succeed: 'Succession (art. 4)',
    update_details: 'Registered details changed (art. 20 (7))',
    set_end_date: 'End date set (art. 9)',
    set_deletion_deadline: 'Deletion deadline set (art. 16)',
    other: 'Other change',
  },
);

/** A revocation with prior notice is recorded as "revoke" while the participant still takes part. */
export function changeKindLabel(kind: string, status: string): string {
  if (kind === 'revoke' && status !== 'revoked') return kinds('revoke_scheduled');
  return (CHANGE_KINDS as readonly string[]).includes(kind) ? kinds(kind as ChangeKind) : kinds('other');
}

const automatic = defineMessages(
  {
    delivered: 'お知らせの到達による自動更新',
    job: '定期処理（自動）',
    applicant: '申込者 {who}',
  },
  {
    delivered: 'Updated automatically on the notice’s delivery',
    job: 'Scheduled job (automatic)',
    applicant: 'Applicant {who}',
  },
);

/** Who made a change: a login name, or the server itself (a job, a notice's delivery) in words. */
export function changedByLabel(changedBy: string): string {
  if (changedBy === 'notices:delivered') return automatic('delivered');
  if (changedBy.startsWith('job:')) return automatic('job');
  if (changedBy.startsWith('applicant:')) return automatic('applicant', { who: changedBy.slice('applicant:'.length) });
  return changedBy;
}

/** The fields a version may change, in the order they are shown. */
export const RECORD_FIELDS = [
  'name',
  'representative',
  'address',
  'phone',
  'contact_name',
  'contact_email',
  'status',
  'start_date',
  'end_date',
  'pending_revocation_at',
  'deletion_deadline',
  'note',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const fieldLabel = defineMessages<RecordField>(
  {
    name: '名称',
    representative: '代表者',
    address: '所在地',
    phone: '電話番号',
    contact_name: '担当者',
    contact_email: '担当者のメールアドレス',
    status: '状態',
    start_date: '利用開始日',
    end_date: '利用終了日',
    pending_revocation_at: '取消しの予定日時',
    deletion_deadline: 'データの削除期限',
    note: 'メモ・理由',
  },
  {
    name: 'Name',
    representative: 'Representative',
    address: 'Address',
    phone: 'Phone',
    contact_name: 'Contact person',
    contact_email: "Contact's e-mail",
    status: 'State',
    start_date: 'Start date',
    end_date: 'End date',
    pending_revocation_at: 'Revocation scheduled at',
    deletion_deadline: 'Deletion deadline',
    note: 'Note or reason',
  },
);
