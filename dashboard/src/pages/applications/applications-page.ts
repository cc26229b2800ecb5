import { LitElement, css, html, nothing } from 'lit';
import type { Session } from '../../api/session.js';
import { formatJst, fromJstInputValue, toJstInputValue } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import {
  approve,
  fetchApplications,
  fetchReasons,
  reject,
  requestAnswer,
  startService,
  type Application,
} from './applications-api.js';

const t = defineMessages(
  {
    title: '参加の申込み',
    intro:
      '公開の申込みページ（/apply）から届いた申込みです。承認・不承認・質問・利用開始をここで行います（規約第3条）。',
    operatorsOnly: 'この画面はオペレーターだけが使えます。',
    empty: '対応を待っている申込みはありません。',
    applied: '確認待ち',
    awaiting_applicant: '回答待ち',
    lapsed: '失効（期限までに回答なし）',
    approved: '承認済み・利用開始前',
    contact: '連絡先',
    representative: '代表者',
    address: '所在地',
    terms: '同意した規約の版',
    question: '窓口の質問',
    answer: '申込者の回答',
    deadline: '回答期限: {at}',
    approve: '承認する',
    reject: '承認しない',
    reason: '理由（規約第3条）',
    message: '申込者へのメッセージ（任意）',
    ask: '質問する',
    askDeadline: '回答期限（日本時間）',
    start: '利用を開始する',
    startDate: '利用開始日',
    notice: '申込者には規約第21条の通知（ウェブとメール）で伝わります。',
    manage: '参加者の管理ページへ',
    needText: '内容を入力してください。',
    done: '{name}: {what}',
  },
  {
    title: 'Applications',
    intro:
      'Applications sent from the public page (/apply). Approve, reject, ask a question or start the service here (terms art. 3).',
    operatorsOnly: 'This page is for operators.',
    empty: 'No application is waiting.',
    applied: 'Waiting for the desk',
    awaiting_applicant: 'Awaiting the answer',
    lapsed: 'Lapsed (no answer by the deadline)',
    approved: 'Approved, not started',
    contact: 'Contact',
    representative: 'Representative',
    address: 'Address',
    terms: 'Terms version agreed',
    question: "The desk's question",
    answer: "The applicant's answer",
    deadline: 'Answer by {at}',
    approve: 'Approve',
    reject: 'Reject',
    reason: 'Reason (terms art. 3)',
    message: 'Message to the applicant (optional)',
    ask: 'Ask',
    askDeadline: 'Answer by (JST)',
    start: 'Start the service',
    startDate: 'Start date',
    notice: 'The applicant is told by a notice under art. 21 (web and e-mail).',
    manage: "The participant's page",
    needText: 'Enter the text.',
    done: '{name}: {what}',
  },
);

type Reasons = Record<string, { ja: string; en: string }>;

/**
 * `/applications` (operators): the queue of applications (waiting, awaiting an answer with its deadline, lapsed,
 * approved) and the decisions of art. 3, each one a notice to the applicant.
 */
export class ApplicationsPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    applications: { state: true },
    reasons: { state: true },
    error: { state: true },
    status: { state: true },
    started: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      article {
        margin-bottom: 12px;
      }
      article h2 {
        margin-top: 0;
        overflow-wrap: anywhere;
      }
      dl {
        display: grid;
        grid-template-columns: 10em minmax(0, 1fr);
        gap: 4px 10px;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
        white-space: pre-wrap;
      }
      details {
        margin-top: 8px;
      }
      form {
        display: grid;
        gap: 6px;
        margin-top: 6px;
      }
      textarea,
      select,
      input {
        max-width: 100%;
      }
      textarea {
        width: 100%;
      }
      @media (max-width: 600px) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];
  declare session: Session;
  declare applications: Application[] | null;
  declare reasons: Reasons;
  declare error: string;
  declare status: string;
  /** The participant whose service was just started: its page is where the desk goes next. */
  declare started: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.applications = null;
    this.reasons = {};
    this.error = '';
    this.status = '';
    this.started = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    fetchReasons().then(
      (terms) => (this.reasons = terms.rejectionReasons),
      () => undefined,
    );
  }

  private async load(): Promise<void> {
    try {
      this.applications = await fetchApplications();
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  /** Runs a decision, says what happened, and reloads the queue. */
  private async act(app: Application, label: string, decision: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.started = '';
    try {
      await decision();
      this.status = t('done', { name: app.name, what: label });
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  private onSubmit(app: Application, kind: 'reject' | 'ask' | 'start' | 'approve') {
    return (event: SubmitEvent) => {
      event.preventDefault();
      const form = new FormData(event.target as HTMLFormElement);
      const text = (name: string) => String(form.get(name) ?? '').trim();
      if (kind === 'approve') return void this.act(app, t('approve'), () => approve(app.participant_id, text('note')));
      if (kind === 'reject')
        return void this.act(app, t('reject'), () => reject(app.participant_id, text('reason'), text('note')));
      if (kind === 'start')
        return void this.act(app, t('start'), async () => {
          await startService(app.participant_id, text('startDate'));
          this.started = app.participant_id;
        });
      if (!text('question')) return void (this.error = t('needText'));
      const deadline = fromJstInputValue(text('deadline')).toISOString();
      void this.act(app, t('ask'), () => requestAnswer(app.participant_id, text('question'), deadline));
    };
  }

  private renderDecisions(app: Application) {
    if (app.status === 'approved')
      return html`<form @submit=${this.onSubmit(app, 'start')} class="row" data-test="application-start-form">
        <label
          >${t('startDate')}
          <input type="date" name="startDate" required .value=${toJstInputValue(new Date()).slice(0, 10)}
        /></label>
        <button type="submit" class="primary" ?disabled=${this.busy} data-test="application-start">
          ${t('start')}
        </button>
        <a href=${`/participants/${app.participant_id}/admin`}>${t('manage')}</a>
      </form>`;
    if (app.status === 'lapsed') return nothing;
    const inAWeek = toJstInputValue(new Date(Date.now() + 7 * 86_400_000));
    return html` <form @submit=${this.onSubmit(app, 'approve')} class="row">
        <button type="submit" class="primary" ?disabled=${this.busy} data-test="application-approve">
          ${t('approve')}
        </button>
      </form>
      <details data-test="application-ask">
        <summary>${t('ask')}</summary>
        <form @submit=${this.onSubmit(app, 'ask')}>
          <textarea name="question" rows="3" maxlength="5000" data-test="application-question-text"></textarea>
          <label
            >${t('askDeadline')}
            <input type="datetime-local" name="deadline" .value=${inAWeek} data-test="application-question-deadline"
          /></label>
          <button type="submit" ?disabled=${this.busy} data-test="application-ask-submit">${t('ask')}</button>
        </form>
      </details>
      <details data-test="application-reject">
        <summary>${t('reject')}</summary>
        <form @submit=${this.onSubmit(app, 'reject')}>
          <label
            >${t('reason')}
            <select name="reason" data-test="application-reject-reason">
              ${Object.entries(this.reasons).map(([code, text]) => html`<option value=${code}>${text[language()]}</option>`)}
            </select>
          </label>
          <label>${t('message')}<textarea name="note" rows="2" maxlength="2000"></textarea></label>
          <button type="submit" class="danger" ?disabled=${this.busy} data-test="application-reject-submit">
            ${t('reject')}
          </button>
        </form>
      </details>
      <p class="muted">${t('notice')}</p>`;
  }

  private renderApplication(app: Application) {
    const asked = app.status === 'awaiting_applicant';
    return html`<article class="panel" data-test="application-row" data-status=${app.status}>
      <h2>${app.name} <span class="badge">${t(app.status as 'applied')}</span></h2>
      <dl>
        <dt>${t('representative')}</dt>
        <dd>${app.representative}</dd>
        <dt>${t('address')}</dt>
        <dd>${app.address}</dd>
        <dt>${t('contact')}</dt>
        <dd>${app.contact_name} &lt;${app.contact_email}&gt; ${app.phone}</dd>
        <dt>${t('terms')}</dt>
        <dd>${app.terms_version}</dd>
        ${
          app.note
            ? html`<dt>${asked ? t('question') : t('answer')}</dt>
                <dd data-test="application-note">${app.note}</dd>`
            : nothing
        }
        ${
          app.answer_deadline
            ? html`<dt></dt>
                <dd data-test="application-deadline">
                  ${t('deadline', { at: formatJst(app.answer_deadline, 'datetime') })}
                </dd>`
            : nothing
        }
      </dl>
      ${this.renderDecisions(app)}
    </article>`;
  }

  override render() {
    void this.locale;
    if (this.session?.role !== 'operator') return html`<p class="error" role="alert">${t('operatorsOnly')}</p>`;
    const list = this.applications;
    return html`<h1>${t('title')}</h1>
      <p class="muted">${t('intro')}</p>
      ${
        this.status
          ? html`<p role="status" data-test="applications-status">
              ${this.status}
              ${this.started ? html`<a href=${`/participants/${this.started}/admin`} data-test="applications-manage">${t('manage')}</a>` : nothing}
            </p>`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert" data-test="applications-error">${this.error}</p>` : nothing}
      ${list && list.length === 0 ? html`<p class="muted">${t('empty')}</p>` : nothing}
      ${(list ?? []).map((app) => this.renderApplication(app))}`;
  }
}
customElements.define('yorozu-applications-page', ApplicationsPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-applications-page': ApplicationsPage;
  }
}
