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
    error: { state: true },
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
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.participant = null;
    this.error = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('participantId') && this.participantId && this.session?.role === 'operator') void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.participant = await fetchParticipant(this.participantId);
    } catch (error) {
      this.error = apiErrorText(error);
    }
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
