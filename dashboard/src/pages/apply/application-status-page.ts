import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { answerApplication, fetchApplication, type ApplicationForApplicant } from './apply-api.js';
import '../surveys/survey-answers.js';

const t = defineMessages(
  {
    title: '参加申込みの状況',
    organisation: '申込者',
    status: '状況',
    applied: '受付済み（窓口で確認しています）',
    awaiting_applicant: '窓口からの質問への回答をお待ちしています',
    rejected: 'お申込みをお受けできませんでした',
    lapsed: '期限までに回答がなかったため、お申込みは失効しました',
    approved: '承認されました。利用開始の準備をしています',
    active: '利用中',
    other: '{status}',
    question: '窓口からの質問',
    deadline: '回答期限: {at}（日本時間）',
    answer: '回答',
    send: '回答を送る',
    sending: '送信しています…',
    sent: '回答を送りました。窓口で確認します。',
    needAnswer: '回答を入力してください。',
    reason: '理由',
    startDate: '利用開始日: {date}',
    deletion: 'ご提供いただいた情報は {date} までに削除します（規約第16条）。',
    noToken:
      'このページのアドレスに申込みの確認用の記号が含まれていません。申込み完了時に表示されたリンクを開いてください。',
    loading: '読み込み中…',
    reload: '最新の状況を表示',
  },
  {
    title: 'Your application',
    organisation: 'Applicant',
    status: 'State',
    applied: 'Received (the desk is checking it)',
    awaiting_applicant: "Waiting for your answer to the desk's question",
    rejected: 'The application was not accepted',
    lapsed: 'No answer came by the deadline, so the application lapsed',
    approved: 'Approved; the desk is preparing the start of the service',
    active: 'In service',
    other: '{status}',
    question: "The desk's question",
    deadline: 'Answer by {at} (JST)',
    answer: 'Your answer',
    send: 'Send the answer',
    sending: 'Sending…',
    sent: 'Your answer was sent; the desk will check it.',
    needAnswer: 'Enter your answer.',
    reason: 'Reason',
    startDate: 'Service starts on {date}',
    deletion: 'What you gave us is deleted by {date} (terms art. 16).',
    noToken: "This address lacks the application's token. Open the link shown when you applied.",
    loading: 'Loading…',
    reload: 'Show the latest state',
  },
);

const STATES = ['applied', 'awaiting_applicant', 'rejected', 'lapsed', 'approved', 'active'] as const;

/**
 * `/apply/:applicationId#token=…` (public, art. 3 (3)(4)): the applicant follows the application with the token
 * it got when applying: the state, the desk's question with its deadline and the answer, and the decision.
 */
export class ApplicationStatusPage extends LitElement {
  static override properties = {
    applicationId: { attribute: false },
    application: { state: true },
    error: { state: true },
    notice: { state: true },
    sending: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        max-width: 760px;
        margin: 0 auto;
      }
      textarea {
        width: 100%;
      }
      dl {
        display: grid;
        grid-template-columns: 8em minmax(0, 1fr);
        gap: 6px 12px;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      @media (max-width: 600px) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];
  declare applicationId: string;
  declare application: ApplicationForApplicant | null;
  declare error: string;
  declare notice: string;
  declare sending: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.applicationId = '';
    this.application = null;
    this.error = '';
    this.notice = '';
    this.sending = false;
  }

  private get token(): string {
    return new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('applicationId') && this.applicationId) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.token) return void (this.error = t('noToken'));
    try {
      this.application = await fetchApplication(this.applicationId, this.token);
      this.error = '';
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private async answer(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const text = (this.renderRoot.querySelector('[name=answer]') as HTMLTextAreaElement).value.trim();
    if (!text) return void (this.error = t('needAnswer'));
    this.sending = true;
    try {
      await answerApplication(this.applicationId, this.token, text);
      this.notice = t('sent');
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.sending = false;
    }
  }

  private renderApplication(app: ApplicationForApplicant) {
    const state = (STATES as readonly string[]).includes(app.status)
      ? t(app.status as (typeof STATES)[number])
      : t('other', { status: app.status });
    return html`<dl>
        <dt>${t('organisation')}</dt>
        <dd>${app.organisation}</dd>
        <dt>${t('status')}</dt>
        <dd data-test="application-state" data-status=${app.status}>${state}</dd>
        ${
          app.reason
            ? html`<dt>${t('reason')}</dt>
                <dd data-test="application-reason">${app.reason[language()]}</dd>`
            : nothing
        }
      </dl>
      ${app.startDate ? html`<p data-test="application-start">${t('startDate', { date: app.startDate })}</p>` : nothing}
      ${app.deletionDeadline ? html`<p class="muted">${t('deletion', { date: app.deletionDeadline })}</p>` : nothing}
      ${
        app.question
          ? html`<section class="panel" data-test="application-question">
              <h2>${t('question')}</h2>
              <p>${app.question}</p>
              ${app.answerDeadline ? html`<p data-test="application-deadline">${t('deadline', { at: formatJst(app.answerDeadline, 'datetime') })}</p>` : nothing}
              ${
                app.status === 'awaiting_applicant'
                  ? html`<form @submit=${this.answer} novalidate>
                      <label
                        >${t('answer')}
                        <textarea name="answer" rows="5" maxlength="5000" data-test="application-answer"></textarea>
                      </label>
                      <button type="submit" class="primary" ?disabled=${this.sending} data-test="application-send">
                        ${this.sending ? t('sending') : t('send')}
                      </button>
                    </form>`
                  : nothing
              }
            </section>`
          : nothing
      }`;
  }

  override render() {
    void this.locale;
    return html`<h1>${t('title')}</h1>
      ${this.notice ? html`<p role="status" data-test="application-notice">${this.notice}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" data-test="application-error">${this.error}</p>` : nothing}
      ${this.application ? this.renderApplication(this.application) : this.error ? nothing : html`<p class="muted">${t('loading')}</p>`}
      ${
        this.application && this.token
          ? html`<yorozu-survey-answers
              .applicationId=${this.applicationId}
              .applicantToken=${this.token}
            ></yorozu-survey-answers>`
          : nothing
      }
      <p>
        <button type="button" @click=${() => void this.load()} data-test="application-reload">${t('reload')}</button>
      </p>`;
  }
}
customElements.define('yorozu-application-status-page', ApplicationStatusPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-application-status-page': ApplicationStatusPage;
  }
}
