import { ApiFailure } from '../api/api-client.js';
import { defineMessages } from './i18n.js';

/**
 * The API's error codes in both languages: a page shows these, never the server's English message.
 * A code not listed here is shown as the generic text with its code, so a new code is still readable.
 */
const t = defineMessages(
  {
    generic: 'エラーが発生しました（{code}）',
    network_error: 'サーバーに接続できません。ネットワークを確認してください。',
    unauthenticated: 'サインインしてください。',
    invalid_session: 'セッションが無効です。もう一度サインインしてください。',
    invalid_credentials: 'ログイン名またはパスワードが正しくありません。',
    too_many_sign_ins: 'サインインの試行が多すぎます。しばらく待ってからやり直してください。',
    csrf_token_missing: 'ページの有効期限が切れました。再読み込みしてください。',
    csrf_token_invalid: 'ページの有効期限が切れました。再読み込みしてください。',
    cross_origin_request:
      '別のサイトから送られた要求のため受け付けませんでした。この窓口のページからサインインしてください。',
    unsupported_media_type: '要求の形式（Content-Type）が正しくありません。JSON で送ってください。',
    payload_too_large: '送信する内容が大きすぎます。',
    access_purpose_required: '参加者のデータを見る前に閲覧目的を選んでください（規約第15条）。',
    operator_only: 'この操作はオペレーターだけが行えます。',
    other_participant: '他の参加者のデータは表示できません。',
    password_change_required: '最初にパスワードを変更してください。',
    invalid_request: '入力内容に誤りがあります。',
    malformed_json: '要求の本文が JSON として読めません。',
    not_found: '見つかりません。',
    invalid_rule: '検知ルールに誤りがあります（Yorozu にない項目・対応していない書き方など）。',
    invalid_list_value: 'リストの値の形式が正しくありません。',
    internal_error: 'サーバーで予期しないエラーが発生しました。',
  },
  {
    generic: 'Something went wrong ({code}).',
    network_error: 'The server cannot be reached; check the network.',
    unauthenticated: 'Please sign in.',
    invalid_session: 'The session is no longer valid; sign in again.',
    invalid_credentials: 'Wrong login name or password.',
    too_many_sign_ins: 'Too many sign-in attempts; wait a moment and try again.',
    csrf_token_missing: 'This page has expired; reload it.',
    csrf_token_invalid: 'This page has expired; reload it.',
    cross_origin_request: "The request came from another site and was refused; sign in on this desk's own page.",
    unsupported_media_type: 'The request has the wrong format (Content-Type); send JSON.',
    payload_too_large: 'What you are sending is too large.',
    access_purpose_required: 'Choose why you are looking at participant data first (terms art. 15).',
    operator_only: 'Only operators can do this.',
    other_participant: "Another participant's data cannot be shown.",
    password_change_required: 'Change your password first.',
    invalid_request: 'Something in the input is wrong.',
    malformed_json: 'The request body is not readable as JSON.',
    not_found: 'Not found.',
    invalid_rule: 'The detection rule has a problem (a field Yorozu does not have, or an unsupported form).',
    invalid_list_value: 'A list value is not in the expected form.',
    internal_error: 'The server failed unexpectedly.',
  },
);

type KnownCode = Exclude<Parameters<typeof t>[0], 'generic'>;
const KNOWN: ReadonlySet<string> = new Set<KnownCode>([
  'network_error',
  'unauthenticated',
  'invalid_session',
  'invalid_credentials',
  'too_many_sign_ins',
  'csrf_token_missing',
  'csrf_token_invalid',
  'cross_origin_request',
  'unsupported_media_type',
  'payload_too_large',
  'access_purpose_required',
  'operator_only',
  'other_participant',
  'password_change_required',
  'invalid_request',
  'malformed_json',
  'not_found',
  'internal_error',
]);

/** An API failure in the reader's language. */
export function apiErrorText(error: unknown): string {
  const code = error instanceof ApiFailure ? error.code : 'internal_error';
  return KNOWN.has(code) ? t(code as KnownCode) : t('generic', { code });
}
