import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import '../../components/confirmation/confirmation.js';
import { sharedStyles } from '../../styles/theme.js';
import {
  fetchEndingPreview,
  fetchRevocationReasons,
  revoke,
  type EndingPreview,
  type Participant,
  type Revocation,
} from '../participant-records/records-api.js';
import { reportOutcome } from './lifecycle-outcome.js';
import { noticeSentence } from './notice-names.js';

const DEFAULT_NOTICE_DAYS = 14;

const t = defineMessages(
  {
    reason: '理由（第7条）',
    withNotice: '予告してから取り消す（通知の到達から期間を数えます）',
    withoutNotice: '予告なしに直ちに取り消す（緊急時・反社会的勢力のみ。第7条）',
    effectiveOn: '取消しの日（空欄なら {days} 日後）',
    note: '参加者への説明（通知に載ります）',
    review: '内容を確認する',
    confirm: '取り消す',
    scheduled: '取消しの予告: 到達から数えて {at} 頃に効力を生じます。',
    immediate: '直ちに参加資格を取り消します。',
    effects:
      'エージェント {devices} 台にアンインストールを指示し、ポータルのアカウント {accounts} 件を停止し、登録用シークレットを無効にします。データは {deadline} までに削除します（第16条）。',
    laterEffects:
      '効力を生じた時に、エージェントへのアンインストールの指示、アカウントの停止、削除期限の記録を行います。',
    pending: '{at} に取り消す予定です（{reason}）。',
  },
  {
    reason: 'Reason (art. 7)',
    withNotice: 'Revoke after prior notice (the period counts from its delivery)',
    withoutNotice: 'Revoke at once without notice (emergency or organised crime only, art. 7)',
    effectiveOn: 'Revocation date (blank: in {days} days)',
    note: 'Explanation for the participant (in the notice)',
    review: 'Review',
    confirm: 'Revoke',
    scheduled: 'Notice of revocation: it takes effect around {at}, counted from delivery.',
    immediate: 'The participation is revoked at once.',
    effects:
      '{devices} agents are told to uninstall, {accounts} portal accounts are stopped and the enrollment secrets stop. The data is deleted by {deadline} (art. 16).',
    laterEffects:
      'When it takes effect, the agents are told to uninstall, the accounts are stopped and the deletion deadline is recorded.',
    pending: 'Revocation scheduled at {at} ({reason}).',
  },
);

type Reasons = Record<string, { ja: string; en: string }>;

/**
 * Revocation of the participation (terms art. 7): with prior notice (the default), or at once for an emergency or
 * organised crime. The confirmation names the notice, its recipient and what the revocation will do.
 * @event participant-changed - after the revocation is recorded (its outcome: `reportOutcome`)
 */
export class RevocationForm extends LitElement {
  static override properties = {
    participant: { attribute: false },
    reasons: { state: true },
    review: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: 6px;
      }
      select,
      input,
      textarea {
        width: 100%;
        max-width: 36em;
        box-sizing: border-box;
      }
      label.choice {
        display: flex;
        gap: 6px;
        align-items: baseline;
      }
      label.choice input {
        width: auto;
      }
    `,
  ];
  declare participant: Participant | null;
  declare reasons: Reasons;
  declare review: { revocation: Revocation; preview: EndingPreview } | null;
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participant = null;
    this.reasons = {};
    this.review = null;
    this.error = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    fetchRevocationReasons().then(
      (reasons) => (this.reasons = reasons),
      (error: unknown) => (this.error = apiErrorText(error)),
    );
  }

  private reasonText(code: string): string {
    const reason = this.reasons[code];
    return reason ? (language() === 'en' ? reason.en : reason.ja) : code;
  }

  private async prepare(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const withNotice = form.get('timing') !== 'now';
    const on = String(form.get('effectiveOn') ?? '');
    const effectiveAt = withNotice
      ? on
        ? new Date(`${on}T00:00:00+09:00`).toISOString()
        : new Date(Date.now() + DEFAULT_NOTICE_DAYS * 86_400_000).toISOString()
      : undefined;
    const revocation: Revocation = {
      reasonCode: String(form.get('reasonCode') ?? ''),
      withNotice,
      note: String(form.get('note') ?? '').trim(),
      ...(effectiveAt ? { effectiveAt } : {}),
    };
    this.error = '';
    try {
      this.review = { revocation, preview: await fetchEndingPreview(this.participant!.participant_id) };
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private async confirm(): Promise<void> {
    if (!this.review || !this.participant) return;
    this.busy = true;
    this.error = '';
    try {
      const { withNotice, effectiveAt } = this.review.revocation;
      await revoke(this.participant.participant_id, this.review.revocation);
      this.review = null;
      reportOutcome(this, { kind: 'revocation', withNotice, effectiveAt: effectiveAt ?? null });
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  private renderReview(p: Participant, review: { revocation: Revocation; preview: EndingPreview }) {
    const { revocation, preview } = review;
    return html`<yorozu-confirmation
      data-test="revocation-review"
      confirm-label=${t('confirm')}
      confirm-test="revocation-confirm"
      ?busy=${this.busy}
      @confirm=${() => void this.confirm()}
      @cancel=${() => (this.review = null)}
    >
      <p>
        ${
          revocation.withNotice
            ? t('scheduled', { at: formatJst(revocation.effectiveAt!, 'datetime') })
            : t('immediate')
        }
        ${this.reasonText(revocation.reasonCode)}
      </p>
      <p>
        ${
          revocation.withNotice
            ? t('laterEffects')
            : t('effects', {
                devices: preview.devicesToUninstall,
                accounts: preview.accountsToStop,
                deadline: preview.deletionDeadline,
              })
        }
      </p>
      <p data-test="revocation-notice">
        ${noticeSentence(revocation.withNotice ? 'revocation_scheduled' : 'participation_revoked', p.name, p.contact_email)}
      </p>
    </yorozu-confirmation>`;
  }

  override render() {
    void this.locale;
    const p = this.participant;
    if (!p) return nothing;
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        p.pending_revocation_at
          ? html`<p data-test="revocation-pending">
              ${t('pending', {
                at: formatJst(p.pending_revocation_at, 'datetime'),
                reason: this.reasonText(p.pending_revocation_reason),
              })}
            </p>`
          : nothing
      }
      ${
        this.review
          ? this.renderReview(p, this.review)
          : html`<form @submit=${(e: SubmitEvent) => void this.prepare(e)} data-test="revocation-form">
              <label
                >${t('reason')}
                <select name="reasonCode" data-test="revocation-reason">
                  ${Object.keys(this.reasons).map((code) => html`<option value=${code}>${this.reasonText(code)}</option>`)}
                </select></label
              >
              <label class="choice"
                ><input type="radio" name="timing" value="notice" checked /> ${t('withNotice')}</label
              >
              <label class="choice"
                ><input type="radio" name="timing" value="now" data-test="revocation-now" />
                ${t('withoutNotice')}</label
              >
              <label
                >${t('effectiveOn', { days: DEFAULT_NOTICE_DAYS })}
                <input type="date" name="effectiveOn" data-test="revocation-date"
              /></label>
              <label
                >${t('note')}<textarea name="note" rows="2" maxlength="2000" data-test="revocation-note"></textarea>
              </label>
              <p><button type="submit" class="danger" data-test="revocation-review-button">${t('review')}</button></p>
            </form>`
      }
    `;
  }
}
customElements.define('yorozu-revocation-form', RevocationForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-revocation-form': RevocationForm;
  }
}
