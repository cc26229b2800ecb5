import { LitElement, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import '../../components/confirmation/confirmation.js';
import { sharedStyles } from '../../styles/theme.js';
import {
  completeWithdrawal,
  fetchEndingPreview,
  type EndingPreview,
  type Participant,
} from '../participant-records/records-api.js';
import { reportOutcome } from './lifecycle-outcome.js';
import { noticeSentence } from './notice-names.js';

const t = defineMessages(
  {
    requested: '{at} に退会の申出がありました。',
    reason: '申出の理由: {reason}',
    effects:
      '完了すると、エージェント {devices} 台にアンインストールを指示し、ポータルのアカウント {accounts} 件を停止し、登録用シークレットを無効にします。利用終了日は {end}、データは {deadline} までに削除します（第16条）。',
    complete: '退会を完了する',
    notRequested: '退会の申出はありません。参加者がポータルから申し出ると、ここで完了できます（第6条）。',
  },
  {
    requested: 'Withdrawal requested at {at}.',
    reason: 'Reason given: {reason}',
    effects:
      'Completing it tells {devices} agents to uninstall, stops {accounts} portal accounts and the enrollment secrets. The end date is {end}; the data is deleted by {deadline} (art. 16).',
    complete: 'Complete the withdrawal',
    notRequested:
      'No withdrawal has been requested. When the participant asks from its portal, it is completed here (art. 6).',
  },
);

/**
 * Completing a withdrawal the participant asked for (terms art. 6): what it will do and which notice goes to whom,
 * then the decision.
 * @event participant-changed - after the withdrawal is completed (its outcome: `reportOutcome`)
 */
export class WithdrawalCompletion extends LitElement {
  static override properties = {
    participant: { attribute: false },
    preview: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [sharedStyles];
  declare participant: Participant | null;
  declare preview: EndingPreview | null;
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participant = null;
    this.preview = null;
    this.error = '';
    this.busy = false;
  }

  override updated(changed: Map<string, unknown>): void {
    const p = this.participant;
    if (changed.has('participant') && p?.status === 'withdrawal_requested' && !this.preview)
      fetchEndingPreview(p.participant_id).then(
        (preview) => (this.preview = preview),
        (error: unknown) => (this.error = apiErrorText(error)),
      );
  }

  private async complete(): Promise<void> {
    if (!this.participant) return;
    this.busy = true;
    this.error = '';
    try {
      const summary = await completeWithdrawal(this.participant.participant_id);
      reportOutcome(this, { kind: 'withdrawal', devices: summary.devicesRevoked, accounts: summary.accountsSuspended });
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    void this.locale;
    const p = this.participant;
    if (!p) return nothing;
    const error = this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
    if (p.status !== 'withdrawal_requested')
      return html`${error}
        <p class="muted">${t('notRequested')}</p>`;
    const preview = this.preview;
    return html`${error}
      <p data-test="withdrawal-requested">
        ${t('requested', { at: formatJst(p.withdrawal_requested_at, 'datetime') })}
        ${p.note ? html`<br />${t('reason', { reason: p.note })}` : nothing}
      </p>
      ${
        preview
          ? html`<yorozu-confirmation
              data-test="withdrawal-confirmation"
              confirm-label=${t('complete')}
              confirm-test="withdrawal-complete"
              .cancellable=${false}
              ?busy=${this.busy}
              @confirm=${() => void this.complete()}
            >
              <p data-test="withdrawal-effects">
                ${t('effects', {
                  devices: preview.devicesToUninstall,
                  accounts: preview.accountsToStop,
                  end: preview.endDate,
                  deadline: preview.deletionDeadline,
                })}
              </p>
              <p data-test="withdrawal-notice">${noticeSentence('participation_ended', p.name, p.contact_email)}</p>
            </yorozu-confirmation>`
          : nothing
      }`;
  }
}
customElements.define('yorozu-withdrawal-completion', WithdrawalCompletion);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-withdrawal-completion': WithdrawalCompletion;
  }
}
