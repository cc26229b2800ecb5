import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Session } from '../../api/session.js';
import { participantStatusLabel } from '../../format/participant-status.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import '../participant-records/participant-documents.js';
import '../participant-records/participant-history.js';
import type { ParticipantHistoryView } from '../participant-records/participant-history.js';
import { fetchParticipant, type Participant } from '../participant-records/records-api.js';
import './details-form.js';
import './user-list.js';
import './withdrawal-request.js';

const t = defineMessages(
  {
    title: '登録事項',
    status: '状態: {status}',
    startDate: '利用開始日: {date}',
    endDate: '利用終了日: {date}',
    deletion: 'データの削除期限: {date}',
    details: '登録事項の変更',
    history: '変更の履歴',
    users: 'ユーザー',
    documents: '書類',
    notices: 'お知らせを見る',
    withdrawal: '退会（規約第6条）',
  },
  {
    title: 'Registered details',
    status: 'State: {status}',
    startDate: 'Start date: {date}',
    endDate: 'End date: {date}',
    deletion: 'Data deletion deadline: {date}',
    details: 'Change the registered details',
    history: 'History of changes',
    users: 'Users',
    documents: 'Documents',
    notices: 'Notices',
    withdrawal: 'Withdrawal (terms art. 6)',
  },
);

/**
 * `/participants/:id/registration`: the participant's own record (terms art. 20 (7)): its registered details,
 * editable, with their history; its users; the documents the desk keeps; and the withdrawal request (art. 6).
 */
export class RegistrationPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    participant: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      section {
        margin-top: 12px;
      }
      h1 {
        overflow-wrap: anywhere;
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
      }
    `,
  ];
  declare session: Session;
  declare participantId: string;
  declare participant: Participant | null;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.participant = null;
    this.error = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('participantId') && this.participantId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.participant = await fetchParticipant(this.participantId);
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private async changed(): Promise<void> {
    await this.load();
    await this.renderRoot.querySelector<ParticipantHistoryView>('yorozu-participant-history')?.reload();
  }

  override render() {
    void this.locale;
    const p = this.participant;
    return html`
      <h1>${t('title')}${p ? html`: <span data-test="registration-name">${p.name}</span>` : nothing}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        p
          ? html`<p class="facts">
              <span data-test="registration-status" data-status=${p.status}
                >${t('status', { status: participantStatusLabel(p.status) })}</span
              >
              ${p.start_date ? html`<span>${t('startDate', { date: p.start_date })}</span>` : nothing}
              ${p.end_date ? html`<span>${t('endDate', { date: p.end_date })}</span>` : nothing}
              ${p.deletion_deadline ? html`<span>${t('deletion', { date: p.deletion_deadline })}</span>` : nothing}
              <a href=${`/participants/${this.participantId}/notices`}>${t('notices')}</a>
            </p>`
          : nothing
      }
      <div @participant-changed=${() => void this.changed()}>
        <section class="panel">
          <h2>${t('details')}</h2>
          <yorozu-details-form .participant=${p}></yorozu-details-form>
        </section>
        <section class="panel">
          <h2>${t('history')}</h2>
          <yorozu-participant-history .participantId=${this.participantId}></yorozu-participant-history>
        </section>
        <section class="panel">
          <h2>${t('users')}</h2>
          <yorozu-user-list .participantId=${this.participantId}></yorozu-user-list>
        </section>
        <section class="panel">
          <h2>${t('documents')}</h2>
          <yorozu-participant-documents .participantId=${this.participantId}></yorozu-participant-documents>
        </section>
        <section class="panel" data-test="withdrawal-section">
          <h2>${t('withdrawal')}</h2>
          <yorozu-withdrawal-request .participant=${p}></yorozu-withdrawal-request>
        </section>
      </div>
    `;
  }
}
customElements.define('yorozu-registration-page', RegistrationPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-registration-page': RegistrationPage;
  }
}
