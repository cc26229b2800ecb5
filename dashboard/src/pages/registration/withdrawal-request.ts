import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import {
  fetchEndingPreview,
  requestWithdrawal,
  type EndingPreview,
  type Participant,
} from '../participant-records/records-api.js';

const t = defineMessages(
  {
    explain: 'このサービスから退会できます（規約第6条）。申し出たあと、デスクが手続きを完了します。',
    reason: '退会の理由（任意）',
    review: '退会すると何が起きるかを確認する',
    meaning: '退会の手続きが完了すると、次のようになります。',
    agents:
      '端末 {devices} 台のエージェントにアンインストールを指示します（電源が切れている端末は次に接続したときに）。',
    accounts: 'この参加者のポータルのアカウント {accounts} 件は使えなくなります。',
    deletion:
      '保存データと生成等データ（ログ、報告、相談の記録など）は {deadline} までに削除し、削除証明書をお送りします（第16条。今日完了した場合。完了した日から {days} 日後）。',
    deletionAgreed:
      '保存データと生成等データは、合意した {deadline} までに削除し、削除証明書をお送りします（第16条）。',
    software: '貸与したソフトウェアは削除してください（第11条）。',
    confirm: '退会を申し出る',
    cancel: 'やめる',
    requested: '{at} に退会を申し出ました。デスクが手続きを完了すると、お知らせでお伝えします。',
    cannot: '現在の状態では退会の申出はできません。',
  },
  {
    explain: 'You can withdraw from the service (terms art. 6). After you ask, the desk completes the withdrawal.',
    reason: 'Reason (optional)',
    review: 'See what withdrawing will mean',
    meaning: 'Once the withdrawal is complete:',
    agents: 'The agents of {devices} devices are told to uninstall (a PC that is off learns it when it next connects).',
    accounts: "This participant's {accounts} portal accounts stop working.",
    deletion:
      'Stored and generated data (logs, reports, consultations…) is deleted by {deadline} and a deletion certificate is sent (art. 16; if completed today: {days} days after completion).',
    deletionAgreed:
      'Stored and generated data is deleted by the agreed date {deadline}, and a certificate is sent (art. 16).',
    software: 'Please delete the lent software (art. 11).',
    confirm: 'Ask to withdraw',
    cancel: 'Cancel',
    requested: 'You asked to withdraw at {at}. We will tell you in a notice when the desk completes it.',
    cannot: 'A withdrawal cannot be requested in the current state.',
  },
);

/**
 * The participant asks to withdraw (terms art. 6), after seeing what it will mean: agents told to uninstall,
 * accounts stopped, the deletion date.
 * @event participant-changed - after the request is recorded
 */
export class WithdrawalRequest extends LitElement {
  static override properties = {
    participant: { attribute: false },
    preview: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      textarea {
        width: 100%;
        box-sizing: border-box;
      }
    `,
  ];
  declare participant: Participant | null;
  declare preview: EndingPreview | null;
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);
  private reason = '';

  constructor() {
    super();
    this.participant = null;
    this.preview = null;
    this.error = '';
    this.busy = false;
  }

  private async review(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.participant) return;
    this.reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    this.error = '';
    try {
      this.preview = await fetchEndingPreview(this.participant.participant_id);
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private async confirm(): Promise<void> {
    if (!this.participant) return;
    this.busy = true;
    try {
      await requestWithdrawal(this.participant.participant_id, this.reason);
      this.preview = null;
      this.dispatchEvent(new CustomEvent('participant-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  private renderPreview(preview: EndingPreview) {
    return html`<div class="panel" data-test="withdrawal-preview">
      <p>${t('meaning')}</p>
      <ul>
        <li data-test="withdrawal-agents">${t('agents', { devices: preview.devicesToUninstall })}</li>
        <li data-test="withdrawal-accounts">${t('accounts', { accounts: preview.accountsToStop })}</li>
        <li data-test="withdrawal-deletion">
          ${
            preview.deletionBasis === 'agreed'
              ? t('deletionAgreed', { deadline: preview.deletionDeadline })
              : t('deletion', { deadline: preview.deletionDeadline, days: preview.retentionDays })
          }
        </li>
        <li>${t('software')}</li>
      </ul>
      <p class="row">
        <button
          class="danger"
          ?disabled=${this.busy}
          @click=${() => void this.confirm()}
          data-test="withdrawal-confirm"
        >
          ${t('confirm')}
        </button>
        <button @click=${() => (this.preview = null)}>${t('cancel')}</button>
      </p>
    </div>`;
  }

  override render() {
    void this.locale;
    const p = this.participant;
    if (!p) return nothing;
    const error = this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
    if (p.status === 'withdrawal_requested')
      return html`<p data-test="withdrawal-requested">
        ${t('requested', { at: formatJst(p.withdrawal_requested_at, 'datetime') })}
      </p>`;
    if (p.status !== 'active' && p.status !== 'approved') return html`<p class="muted">${t('cannot')}</p>`;
    return html`${error}
      <p>${t('explain')}</p>
      ${
        this.preview
          ? this.renderPreview(this.preview)
          : html`<form @submit=${(e: SubmitEvent) => void this.review(e)} data-test="withdrawal-form">
              <label>${t('reason')} <textarea name="reason" rows="2" maxlength="2000"></textarea></label>
              <p><button type="submit" data-test="withdrawal-review">${t('review')}</button></p>
            </form>`
      }`;
  }
}
customElements.define('yorozu-withdrawal-request', WithdrawalRequest);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-withdrawal-request': WithdrawalRequest;
  }
}
