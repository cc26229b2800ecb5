import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import type { Session } from '../../api/session.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from '../desk/desk.styles.js';
import { fetchParticipants, type ParticipantOption } from '../desk/desk-api.js';
import './notice-form.js';
import './notice-list.js';
import '../maintenance/suspension-list.js';
import { fetchSuspensions, type ServiceSuspension } from '../maintenance/maintenance-api.js';
import {
  enterArrival,
  fetchAllNotices,
  fetchParticipantNotices,
  type NoticeDeliveryRow,
  type NoticeView,
} from './notices-api.js';

const t = defineMessages(
  {
    title: 'お知らせ',
    operatorTitle: 'お知らせ（通知センター）',
    attention: '到達していないお知らせ',
    attentionIntro: '郵送は到達日を入力すると到達になります。メールの不達は宛先を確認してください。',
    none: 'ありません。',
    channel: '方法',
    state: '状態',
    participant: '参加者',
    detail: '詳細',
    since: '更新',
    arrival: '到達日',
    enter: '到達を記録',
    letter: '郵送用の書面（PDF）',
    recent: '最近のお知らせ',
    loading: '読み込み中…',
    pending: '未到達',
    undelivered: '不達',
    web: 'Web',
    email: 'メール',
    post: '郵送',
    other: 'その他',
  },
  {
    title: 'Notices',
    operatorTitle: 'Notices (notice centre)',
    attention: 'Notices not delivered',
    attentionIntro:
      'A letter counts as delivered once its arrival date is entered. For undelivered e-mail, check the address.',
    none: 'None.',
    channel: 'Channel',
    state: 'State',
    participant: 'Participant',
    detail: 'Detail',
    since: 'Updated',
    arrival: 'Arrived on',
    enter: 'Record arrival',
    letter: 'Letter to print (PDF)',
    recent: 'Recent notices',
    loading: 'Loading…',
    pending: 'Pending',
    undelivered: 'Undelivered',
    web: 'Web',
    email: 'E-mail',
    post: 'Post',
    other: 'Other',
  },
);

/**
 * /notices for operators: write a notice, see what has not been delivered (enter postal arrivals),
 * and the recent notices with each channel. /participants/:id/notices: that participant's notices.
 */
export class NoticesPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    notices: { state: true },
    attention: { state: true },
    participants: { state: true },
    suspensions: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles, deskStyles];
  declare session: Session;
  declare participantId: string;
  declare notices: NoticeView[] | null;
  declare attention: NoticeDeliveryRow[];
  declare participants: ParticipantOption[];
  /** The participant's view: maintenance windows and suspensions that concern it, upcoming and past (art. 8). */
  declare suspensions: ServiceSuspension[];
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.notices = null;
    this.attention = [];
    this.participants = [];
    this.suspensions = [];
    this.error = '';
  }

  // Not in connectedCallback: when this page's chunk loads after the shell rendered it, participantId is only
  // restored at the first update, and loading before would ask for the operators' notices.
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('participantId')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      if (this.participantId) {
        [this.notices, this.suspensions] = await Promise.all([
          fetchParticipantNotices(this.participantId),
          fetchSuspensions(this.participantId),
        ]);
      } else {
        const [all, participants] = await Promise.all([fetchAllNotices(), fetchParticipants()]);
        this.notices = all.notices;
        this.attention = all.attention;
        this.participants = participants;
      }
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private async arrive(row: NoticeDeliveryRow, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const arrivedOn = String(new FormData(event.target as HTMLFormElement).get('arrivedOn') ?? '');
    try {
      await enterArrival(row.notice_id, arrivedOn, row.participant_id);
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private nameOf(participantId: string | null): string {
    return this.participants.find((p) => p.participantId === participantId)?.name ?? participantId ?? '—';
  }

  private renderAttention() {
    return html`<section class="panel" data-test="notice-attention">
      <h2>${t('attention')}</h2>
      <p class="muted">${t('attentionIntro')}</p>
      ${
        this.attention.length === 0
          ? html`<p class="muted empty">${t('none')}</p>`
          : html`<div class="scroll">
              <table class="cards">
                <thead>
                  <tr>
                    <th>${t('participant')}</th>
                    <th>${t('channel')}</th>
                    <th>${t('state')}</th>
                    <th>${t('since')}</th>
                    <th>${t('detail')}</th>
                    <th>${t('arrival')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.attention.map(
                    (row) =>
                      html`<tr data-test="attention-row" data-channel=${row.channel} data-state=${row.state}>
                        <td data-label=${t('participant')}>${this.nameOf(row.participant_id)}</td>
                        <td data-label=${t('channel')}>${t(row.channel)}</td>
                        <td data-label=${t('state')}>
                          <span class=${`badge ${row.state === 'pending' ? 'warn' : 'bad'}`}
                            >${t(row.state === 'pending' ? 'pending' : 'undelivered')}</span
                          >
                        </td>
                        <td data-label=${t('since')} class="nowrap">${formatJst(row.updated_at, 'datetime')}</td>
                        <td data-label=${t('detail')}>${row.detail}</td>
                        <td data-label=${t('arrival')}>
                          ${
                            row.channel === 'post' && row.state === 'pending'
                              ? html`<a
                                    data-test="letter-pdf"
                                    download
                                    href=${`/api/v1/admin/notices/${row.notice_id}/letter${row.participant_id ? `?participantId=${row.participant_id}` : ''}`}
                                    >${t('letter')}</a
                                  >
                                  <form class="row" @submit=${(e: SubmitEvent) => void this.arrive(row, e)}>
                                    <input type="date" name="arrivedOn" required data-test="arrival-date" /><button
                                      type="submit"
                                      data-test="arrival-enter"
                                    >
                                      ${t('enter')}
                                    </button>
                                  </form>`
                              : nothing
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  override render() {
    void this.locale;
    const operatorView = !this.participantId;
    return html`
      <h1>${operatorView ? t('operatorTitle') : t('title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        operatorView
          ? html`<yorozu-notice-form
                .participants=${this.participants}
                @notice-sent=${() => void this.load()}
              ></yorozu-notice-form
              >${this.renderAttention()}
              <h2>${t('recent')}</h2>`
          : nothing
      }
      <section class="panel">
        ${this.notices === null ? html`<p class="muted">${t('loading')}</p>` : html`<yorozu-notice-list .notices=${this.notices} ?showChannels=${operatorView}></yorozu-notice-list>`}
      </section>
      ${operatorView ? nothing : html`<yorozu-suspension-list .suspensions=${this.suspensions}></yorozu-suspension-list>`}
    `;
  }
}
customElements.define('yorozu-notices-page', NoticesPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-notices-page': NoticesPage;
  }
}
