import { LitElement, css, html, nothing } from 'lit';
import type { Session } from '../../api/session.js';
import { formatJst, fromJstInputValue, toJstInputValue } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from '../desk/desk.styles.js';
import { fetchParticipants, type ParticipantOption } from '../desk/desk-api.js';
import {
  createSuspension,
  endSuspension,
  fetchLeadTime,
  fetchSuspensions,
  SUSPENSION_REASONS,
  type ServiceSuspension,
  type SuspensionLeadTime,
  type SuspensionRequest,
} from './maintenance-api.js';
import './suspension-list.js';
import { reasonText } from './suspension-reasons.js';

const t = defineMessages(
  {
    title: '計画停止・サービスの停止',
    intro:
      '停止中は全ての端末のエージェントと Collector がデータ送信を止め、端末内に保管して、終了後に送り直します（規約第8条）。',
    lead: '計画停止は {days} 営業日前までに通知します。今登録すると、開始できるのは {date} 以降です。',
    form: '停止を登録する',
    scope: '対象',
    everyone: '全参加者（計画停止）',
    oneParticipant: '参加者を選ぶ',
    reason: '理由（第8条第1項）',
    urgent: '緊急（予告なしに今すぐ停止する。第1号～第5号の理由が必要）',
    startsAt: '開始（日本時間）',
    endsAt: '終了（日本時間）',
    note: '参加者へのお知らせに書く内容',
    review: '内容を確認する',
    confirmTitle: '次の内容で登録します',
    confirmWhat: '{from} から {to} まで、{who} の端末からのデータ受付を停止します。',
    confirmWhatUrgent: '今すぐ、{who} の端末からのデータ受付を停止します（{to} まで）。',
    confirmNotice: '「サービス停止のお知らせ」を {who} に Web 掲示とメールで送ります（第8条第2項、第21条）。',
    untilEnded: '終了の操作をするまで',
    confirm: '登録してお知らせを送る',
    back: '戻って直す',
    created: '登録し、お知らせを送りました。',
    confirmEnd: 'この停止を{action}しますか？ 停止中の端末には送信の再開を伝えます。',
    endAction: '終了',
    cancelAction: '取り消し',
  },
  {
    title: 'Maintenance windows and suspensions',
    intro:
      'While one is in effect every agent and Collector stops sending, keeps its data and sends it after the end (terms art. 8).',
    lead: 'A planned suspension is announced {days} business days ahead. Registered now, it can start from {date}.',
    form: 'Register a suspension',
    scope: 'Scope',
    everyone: 'All participants (maintenance window)',
    oneParticipant: 'One participant',
    reason: 'Ground (art. 8 (1))',
    urgent: 'Urgent (stops now without notice ahead; needs one of grounds 1-5)',
    startsAt: 'Start (JST)',
    endsAt: 'End (JST)',
    note: 'What the notice to participants says',
    review: 'Review',
    confirmTitle: 'This will be registered',
    confirmWhat: 'From {from} to {to}, data from the agents of {who} is not accepted.',
    confirmWhatUrgent: 'From now, data from the agents of {who} is not accepted (until {to}).',
    confirmNotice: 'The notice "suspension of the service" goes to {who} on the web and by e-mail (art. 8 (2), 21).',
    untilEnded: 'until ended by an operator',
    confirm: 'Register and send the notice',
    back: 'Back',
    created: 'Registered; the notice was sent.',
    confirmEnd: '{action} this suspension? Paused agents are told to send again.',
    endAction: 'End',
    cancelAction: 'Cancel',
  },
);

/** /maintenance (operators): register a maintenance window or a suspension with the confirmation step, list, end. */
export class MaintenancePage extends LitElement {
  static override properties = {
    session: { attribute: false },
    suspensions: { state: true },
    lead: { state: true },
    participants: { state: true },
    pending: { state: true },
    message: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    deskStyles,
    css`
      form.grid {
        display: grid;
        gap: 10px;
        max-width: 640px;
      }
      form.grid input[type='text'],
      form.grid textarea,
      form.grid select {
        width: 100%;
        box-sizing: border-box;
      }
      .confirm {
        border: 2px solid #b45309;
        padding: 12px;
        border-radius: 6px;
      }
    `,
  ];
  declare session: Session;
  declare suspensions: ServiceSuspension[];
  declare lead: SuspensionLeadTime | null;
  declare participants: ParticipantOption[];
  declare pending: SuspensionRequest | null;
  declare message: string;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.suspensions = [];
    this.lead = null;
    this.participants = [];
    this.pending = null;
    this.message = '';
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      [this.suspensions, this.lead, this.participants] = await Promise.all([
        fetchSuspensions(),
        fetchLeadTime(),
        fetchParticipants(),
      ]);
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private review(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const urgent = form.get('urgent') === 'on';
    const startsAt = String(form.get('startsAt') ?? '');
    const endsAt = String(form.get('endsAt') ?? '');
    const participant = String(form.get('participant') ?? '');
    this.message = '';
    this.error = '';
    this.pending = {
      participantId: participant || null,
      reasonCode: String(form.get('reasonCode')) as SuspensionRequest['reasonCode'],
      note: String(form.get('note') ?? ''),
      urgent,
      ...(!urgent && startsAt ? { startsAt: fromJstInputValue(startsAt).toISOString() } : {}),
      ...(endsAt ? { endsAt: fromJstInputValue(endsAt).toISOString() } : {}),
    };
  }

  private async confirm(): Promise<void> {
    if (!this.pending) return;
    try {
      await createSuspension(this.pending);
      this.pending = null;
      this.message = t('created');
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private async end(event: CustomEvent<ServiceSuspension>): Promise<void> {
    const suspension = event.detail;
    const action = suspension.status === 'scheduled' ? t('cancelAction') : t('endAction');
    if (!window.confirm(t('confirmEnd', { action }))) return;
    try {
      await endSuspension(suspension.suspension_id);
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private whoOf(request: SuspensionRequest): string {
    if (!request.participantId) return t('everyone');
    return this.participants.find((p) => p.participantId === request.participantId)?.name ?? request.participantId;
  }

  private renderConfirm(request: SuspensionRequest) {
    const who = this.whoOf(request);
    const to = request.endsAt ? formatJst(request.endsAt, 'datetime') : t('untilEnded');
    return html`<div class="confirm" data-test="suspension-confirm">
      <h3>${t('confirmTitle')}</h3>
      <p>
        ${
          request.urgent
            ? t('confirmWhatUrgent', { who, to })
            : t('confirmWhat', { from: formatJst(request.startsAt, 'datetime'), to, who })
        }
      </p>
      <p>${reasonText(request.reasonCode)}${request.note ? ` — ${request.note}` : ''}</p>
      <p>${t('confirmNotice', { who })}</p>
      <div class="row">
        <button class="primary" type="button" data-test="suspension-confirm-send" @click=${() => void this.confirm()}>
          ${t('confirm')}
        </button>
        <button type="button" @click=${() => (this.pending = null)}>${t('back')}</button>
      </div>
    </div>`;
  }

  override render() {
    void this.locale;
    const earliest = this.lead ? new Date(this.lead.earliestPlannedStart) : null;
    return html`<h1>${t('title')}</h1>
      <p class="muted">${t('intro')}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status" data-test="suspension-created">${this.message}</p>` : nothing}
      <section class="panel">
        <h2>${t('form')}</h2>
        ${
          this.lead && earliest
            ? html`<p data-test="suspension-lead">
                ${t('lead', { days: this.lead.leadBusinessDays, date: formatJst(earliest, 'datetime') })}
              </p>`
            : nothing
        }
        ${
          this.pending
            ? this.renderConfirm(this.pending)
            : html`<form class="grid" data-test="suspension-form" @submit=${this.review}>
                <label
                  >${t('scope')}
                  <select name="participant" data-test="suspension-participant">
                    <option value="">${t('everyone')}</option>
                    ${this.participants.map((p) => html`<option value=${p.participantId}>${p.name}</option>`)}
                  </select></label
                >
                <label
                  >${t('reason')}
                  <select name="reasonCode" data-test="suspension-reason">
                    ${SUSPENSION_REASONS.map((code) => html`<option value=${code}>${reasonText(code)}</option>`)}
                  </select></label
                >
                <label><input type="checkbox" name="urgent" data-test="suspension-urgent" /> ${t('urgent')}</label>
                <label
                  >${t('startsAt')}
                  <input
                    type="datetime-local"
                    name="startsAt"
                    data-test="suspension-starts"
                    .value=${earliest ? toJstInputValue(new Date(earliest.getTime() + 9 * 3_600_000)) : ''}
                /></label>
                <label
                  >${t('endsAt')}
                  <input
                    type="datetime-local"
                    name="endsAt"
                    data-test="suspension-ends"
                    .value=${earliest ? toJstInputValue(new Date(earliest.getTime() + 12 * 3_600_000)) : ''}
                /></label>
                <label>${t('note')} <textarea name="note" rows="3" data-test="suspension-note"></textarea></label>
                <button class="primary" type="submit" data-test="suspension-review">${t('review')}</button>
              </form>`
        }
      </section>
      <yorozu-suspension-list
        operator
        .suspensions=${this.suspensions}
        @suspension-end=${(e: CustomEvent<ServiceSuspension>) => void this.end(e)}
      ></yorozu-suspension-list>`;
  }
}
customElements.define('yorozu-maintenance-page', MaintenancePage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-maintenance-page': MaintenancePage;
  }
}
