import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Session } from '../../api/session.js';
import { formatJst } from '../../format/jst.js';
import { participantStatusLabel } from '../../format/participant-status.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import './enrollment-secret-form.js';
import { fetchParticipant, type Participant } from './participant-admin-api.js';
import './portal-users.js';
import './end-date-form.js';
import './lifecycle-outcome.js';
import type { LifecycleOutcome } from './lifecycle-outcome.js';
import './revocation-form.js';
import './succession-form.js';
import './withdrawal-completion.js';
import '../notices/notice-list.js';
import { fetchParticipantNotices, type NoticeView } from '../notices/notices-api.js';
import '../participant-records/participant-documents.js';
import '../participant-records/participant-history.js';
import type { ParticipantHistoryView } from '../participant-records/participant-history.js';

/** Revocation, an end date and succession apply from approval until the participant leaves (art. 4, 7, 9). */
const TAKING_PART: readonly Participant['status'][] = ['approved', 'active', 'withdrawal_requested'];

const t = defineMessages(
  {
    title: '参加者の管理',
    operatorsOnly: 'この画面はオペレーターだけが使えます。',
    details: '登録事項',
    status: '状態',
    representative: '代表者',
    address: '所在地',
    contact: '連絡先',
    startDate: '利用開始日',
    endDate: '利用終了日',
    approvedAt: '承認日時',
    none: '—',
    secrets: 'エージェントの登録（登録用シークレット）',
    secretsIntro:
      '参加者の PC にエージェント（Linux）または OpenTelemetry Collector（Windows）を導入するためのシークレットを発行します。',
    users: 'ポータルのユーザー',
    reachOut: 'この参加者に連絡する',
    devices: '端末を見る',
    history: '登録事項の履歴（誰が・いつ・何を変えたか）',
    documents: '書類',
    notices: 'この参加者へのお知らせと到達の状態',
    withdrawal: '退会（第6条）',
    revocation: '参加資格の取消し（第7条）',
    endDateSection: '利用終了日（第9条）',
    succession: '地位の承継（第4条）',
    notTakingPart: 'この参加者は参加していないため、取消し・利用終了日・承継はできません。',
  },
  {
    title: 'Manage the participant',
    operatorsOnly: 'This page is for operators.',
    details: 'Registered details',
    status: 'State',
    representative: 'Representative',
    address: 'Address',
    contact: 'Contact',
    startDate: 'Start date',
    endDate: 'End date',
    approvedAt: 'Approved at',
    none: '—',
    secrets: 'Enrolling agents (enrollment secrets)',
    secretsIntro:
      "Issue a secret to install the agent (Linux) or the OpenTelemetry Collector (Windows) on the participant's PCs.",
    users: 'Portal users',
    reachOut: 'Reach out to this participant',
    devices: 'Devices',
    history: 'History of the registered details (who changed what, when)',
    documents: 'Documents',
    notices: 'Notices to this participant and their delivery',
    withdrawal: 'Withdrawal (art. 6)',
    revocation: 'Revocation (art. 7)',
    endDateSection: 'End date (art. 9)',
    succession: 'Succession (art. 4)',
    notTakingPart: 'This participant does not take part: revocation, end date and succession do not apply.',
  },
);

/**
 * `/participants/:id/admin` (operators): the participant's registered details and state, enrollment secrets with the
 * install commands, and its portal users.
 */
export class ParticipantAdminPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    participant: { state: true },
    notices: { state: true },
    error: { state: true },
    outcome: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      section {
        margin-top: 12px;
      }
      dl {
        display: grid;
        grid-template-columns: 9em minmax(0, 1fr);
        gap: 4px 10px;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      h1 {
        overflow-wrap: anywhere;
      }
      @media (max-width: 600px) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];
  declare session: Session;
  declare participantId: string;
  declare participant: Participant | null;
  declare notices: NoticeView[];
  declare error: string;
  /** The last lifecycle decision's outcome: kept here, since the form that took it may go when the page reloads. */
  declare outcome: LifecycleOutcome | null;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.participant = null;
    this.notices = [];
    this.error = '';
    this.outcome = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('participantId')) this.outcome = null;
    if (changed.has('participantId') && this.participantId && this.session?.role === 'operator') void this.load();
  }

  private async load(): Promise<void> {
    try {
      [this.participant, this.notices] = await Promise.all([
        fetchParticipant(this.participantId),
        fetchParticipantNotices(this.participantId),
      ]);
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  /** A decision on this page changed the record: its state, history and notices are read again. */
  private async changed(event: CustomEvent<LifecycleOutcome | null>): Promise<void> {
    // a lifecycle form's outcome replaces the last one (another decision); other changes leave it
    if (event.detail) this.outcome = event.detail;
    await this.load();
    await this.renderRoot.querySelector<ParticipantHistoryView>('yorozu-participant-history')?.reload();
    await this.renderRoot.querySelector('yorozu-portal-users')?.reload();
  }

  private renderDetails(p: Participant) {
    return html`<dl data-test="participant-details">
      <dt>${t('status')}</dt>
      <dd data-test="participant-status" data-status=${p.status}>${participantStatusLabel(p.status)}</dd>
      <dt>${t('representative')}</dt>
      <dd>${p.representative || t('none')}</dd>
      <dt>${t('address')}</dt>
      <dd>${p.address || t('none')}</dd>
      <dt>${t('contact')}</dt>
      <dd>${p.contact_name} ${p.contact_email} ${p.phone}</dd>
      <dt>${t('startDate')}</dt>
      <dd>${p.start_date ?? t('none')}</dd>
      <dt>${t('endDate')}</dt>
      <dd>${p.end_date ?? t('none')}</dd>
      <dt>${t('approvedAt')}</dt>
      <dd>${p.approved_at ? formatJst(p.approved_at, 'datetime') : t('none')}</dd>
    </dl>`;
  }

  override render() {
    void this.locale;
    if (this.session?.role !== 'operator') return html`<p class="error" role="alert">${t('operatorsOnly')}</p>`;
    const p = this.participant;
    return html`
      <h1>${t('title')}${p ? html`: <span data-test="participant-name">${p.name}</span>` : nothing}</h1>
      <p class="row">
        <a href=${`/participants/${this.participantId}/devices`}>${t('devices')}</a>
        <a href=${`/participants/${this.participantId}/outreach`} data-test="reach-out">${t('reachOut')}</a>
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <section class="panel">
        <h2>${t('details')}</h2>
        ${p ? this.renderDetails(p) : nothing}
      </section>
      <section class="panel">
        <h2>${t('history')}</h2>
        <yorozu-participant-history .participantId=${this.participantId}></yorozu-participant-history>
      </section>
      <section class="panel">
        <h2>${t('documents')}</h2>
        <yorozu-participant-documents .participantId=${this.participantId} canUpload></yorozu-participant-documents>
      </section>
      <section class="panel" data-test="participant-notices">
        <h2>${t('notices')}</h2>
        <yorozu-notice-list .notices=${this.notices} showChannels></yorozu-notice-list>
      </section>
      <div @participant-changed=${(event: CustomEvent<LifecycleOutcome | null>) => void this.changed(event)}>
        <yorozu-lifecycle-outcome
          .outcome=${this.outcome}
          @dismiss=${() => (this.outcome = null)}
        ></yorozu-lifecycle-outcome>
        <section class="panel" data-test="withdrawal-section">
          <h2>${t('withdrawal')}</h2>
          <yorozu-withdrawal-completion .participant=${p}></yorozu-withdrawal-completion>
        </section>
        ${
          p && TAKING_PART.includes(p.status)
            ? html`<section class="panel" data-test="revocation-section">
                  <h2>${t('revocation')}</h2>
                  <yorozu-revocation-form .participant=${p}></yorozu-revocation-form>
                </section>
                <section class="panel">
                  <h2>${t('endDateSection')}</h2>
                  <yorozu-end-date-form .participant=${p}></yorozu-end-date-form>
                </section>
                <section class="panel">
                  <h2>${t('succession')}</h2>
                  <yorozu-succession-form .participant=${p}></yorozu-succession-form>
                </section>`
            : p
              ? html`<p class="panel muted" data-test="not-taking-part">${t('notTakingPart')}</p>`
              : nothing
        }
      </div>
      <section class="panel">
        <h2>${t('secrets')}</h2>
        <p class="muted">${t('secretsIntro')}</p>
        <yorozu-enrollment-secret-form .participantId=${this.participantId}></yorozu-enrollment-secret-form>
      </section>
      <section class="panel">
        <h2>${t('users')}</h2>
        <yorozu-portal-users .participantId=${this.participantId}></yorozu-portal-users>
      </section>
    `;
  }
}
customElements.define('yorozu-participant-admin-page', ParticipantAdminPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-participant-admin-page': ParticipantAdminPage;
  }
}
