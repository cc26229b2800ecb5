import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { api } from '../../api/api-client.js';
import type { ParticipantAnswer } from '../../api/contract.js';
import type { OutreachRequest } from '../../api/desk-api.js';
import type { Session } from '../../api/session.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import './outreach-form.js';

const t = defineMessages(
  {
    title: '参加者に連絡する',
    intro:
      '窓口から参加者へ新しいチケットを開きます。参加者にはメールで届き、ポータルのお問い合わせ一覧にも表示されます。',
    operatorsOnly: 'この画面はオペレーターだけが使えます。',
    back: 'この参加者のお問い合わせ一覧へ',
  },
  {
    title: 'Reach out to the participant',
    intro:
      "Opens a new ticket from the desk to the participant. It is mailed to the participant and shown in its portal's tickets.",
    operatorsOnly: 'This page is for operators.',
    back: "This participant's tickets",
  },
);

/**
 * `/participants/:id/outreach` (operators): a new ticket to this participant. The address may carry the search
 * to attach as evidence (`q`, `from`, `to` as ISO instants, `device`) and a subject to start from (`subject`, as
 * the device page's link does).
 */
export class OutreachPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    organisation: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles];
  declare session: Session;
  declare participantId: string;
  declare organisation: string;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.organisation = '';
    this.error = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('participantId') && this.participantId && this.session?.role === 'operator') void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { participant } = await api<ParticipantAnswer>('GET', `/api/v1/participants/${this.participantId}`);
      this.organisation = participant.name;
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  /** The search in the address, when the operator came from one. */
  private evidenceFromAddress(): OutreachRequest['evidence'] | null {
    const query = new URLSearchParams(location.search);
    const from = query.get('from');
    const to = query.get('to');
    if (!from || !to || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) return null;
    const deviceId = query.get('device');
    return { query: query.get('q') ?? '', from, to, limit: 100, ...(deviceId ? { deviceId } : {}) };
  }

  override render() {
    void this.locale;
    if (this.session?.role !== 'operator') return html`<p class="error" role="alert">${t('operatorsOnly')}</p>`;
    return html`
      <p><a href=${`/participants/${this.participantId}/tickets`}>${t('back')}</a></p>
      <h1>${t('title')}</h1>
      <p class="muted">${t('intro')}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <section class="panel">
        <yorozu-outreach-form
          .participantId=${this.participantId}
          .organisation=${this.organisation}
          .evidence=${this.evidenceFromAddress()}
          .subject=${new URLSearchParams(location.search).get('subject') ?? ''}
        ></yorozu-outreach-form>
      </section>
    `;
  }
}
customElements.define('yorozu-outreach-page', OutreachPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-outreach-page': OutreachPage;
  }
}
