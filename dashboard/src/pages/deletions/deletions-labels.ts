import { ApiFailure } from '../../api/api-client.js';
import { defineMessages } from '../../i18n/i18n.js';

/** Words of the deletion calendar: the run's steps, the data kinds, and the API's errors. */
export const stepLabel = defineMessages(
  {
    none: '未実施',
    started: '削除中',
    table_deleted: '削除中',
    files_deleted: '検証中',
    verification_failed: '検証で残存を検出（再削除中）',
    verified: '検証済み',
    certified: '削除完了・証明書発行済み',
    failed: '失敗（次回自動で再試行）',
  },
  {
    none: 'Not started',
    started: 'Deleting',
    table_deleted: 'Deleting',
    files_deleted: 'Verifying',
    verification_failed: 'Rows found on verification (deleting again)',
    verified: 'Verified',
    certified: 'Deleted, certificate issued',
    failed: 'Failed (retried automatically)',
  },
);

export const kindLabel = defineMessages(
  {
    stored: '保存データ',
    generated: '生成等データ',
    registration: '登録情報・アカウント',
    records: '記録',
    unclassified: '未分類',
  },
  {
    stored: 'Stored data',
    generated: 'Generated data',
    registration: 'Registration and accounts',
    records: 'Records',
    unclassified: 'Unclassified',
  },
);

const errors = defineMessages(
  {
    dry_run_required: '先にドライランを実行してください（対象が変わった可能性があります）。',
    participant_not_left: 'この参加者はまだ利用中です。退会・取消・利用終了の後に削除できます。',
    deletion_deadline_passed: '削除期限を過ぎているため、期日は変更できません。',
    not_found: '対象が見つかりません（すでに削除済みの可能性があります）。',
    invalid_request: '入力内容を確認してください（過去の日付は指定できません）。',
    invalid_transition: 'この参加者の状態では期日を設定できません。',
    other: '処理できませんでした（{code}）。',
  },
  {
    dry_run_required: 'Run the dry run first (the plan may have changed).',
    participant_not_left: 'This participant still takes part; data is deleted only after it left.',
    deletion_deadline_passed: 'The deletion deadline has come; the date can no longer change.',
    not_found: 'Not found (it may already be deleted).',
    invalid_request: 'Check the input (a date in the past is not allowed).',
    invalid_transition: 'A date cannot be set for a participant in this status.',
    other: 'It could not be done ({code}).',
  },
);

export function errorText(error: unknown): string {
  const code = error instanceof ApiFailure ? error.code : 'network_error';
  const known = [
    'dry_run_required',
    'participant_not_left',
    'deletion_deadline_passed',
    'not_found',
    'invalid_request',
    'invalid_transition',
  ] as const;
  return (known as readonly string[]).includes(code)
    ? errors(code as (typeof known)[number])
    : errors('other', { code });
}
