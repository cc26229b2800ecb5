import { LitElement, html, nothing } from 'lit';
import { fromJstInputValue } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from '../desk/desk.styles.js';
import { createSurvey, type Invitable } from './surveys-api.js';
import { draftQuestion, questionToSend, type DraftQuestion } from './survey-question-editor.js';

const t = defineMessages(
  {
    title: 'アンケート・インタビューを作る',
    intro:
      '参加者や申込者にアンケートへの回答またはインタビューへの協力をお願いします。依頼はお知らせ（Web とメール）で届き、回答はポータルで受け付けます。',
    kind: '種類',
    survey: 'アンケート',
    interview: 'インタビュー',
    titleJa: '件名（日本語）',
    titleEn: '件名（英語・任意）',
    introJa: '説明（任意）',
    introEn: '説明（英語・任意）',
    deadline: '回答期限（日本時間）',
    interviewAt: 'インタビューの日時（日本時間）',
    place: '場所・方法（例: オンライン）',
    questions: '質問',
    addChoice: '選択式を追加',
    addText: '自由記述を追加',
    addScale: '段階評価を追加',
    recipients: '宛先（申込者には第3条第3項第5号の注意書きが付きます）',
    applicant: '申込者',
    send: '作成して依頼を送る',
    sending: '送信中…',
    sent: '依頼を送りました。',
    needTitle: '件名（日本語）を入れてください。',
    needDeadline: '回答期限を入れてください。',
    needRecipient: '宛先を一つ以上選んでください。',
    needQuestion: 'アンケートには質問が一つ以上必要です。',
    needInterviewAt: 'インタビューの日時を入れてください。',
  },
  {
    title: 'Create a survey or interview',
    intro:
      'Ask participants or applicants to answer a survey or take part in an interview. The request reaches them as a notice (web and e-mail); they answer in the portal.',
    kind: 'Kind',
    survey: 'Survey',
    interview: 'Interview',
    titleJa: 'Title (Japanese)',
    titleEn: 'Title (English, optional)',
    introJa: 'Introduction (optional)',
    introEn: 'Introduction in English (optional)',
    deadline: 'Deadline (JST)',
    interviewAt: 'Interview date and time (JST)',
    place: 'Where / how (e.g. online)',
    questions: 'Questions',
    addChoice: 'Add a choice',
    addText: 'Add free text',
    addScale: 'Add a scale',
    recipients: 'To (applicants are told of art. 3 (3)(5))',
    applicant: 'applicant',
    send: 'Create and send the request',
    sending: 'Sending…',
    sent: 'The request was sent.',
    needTitle: 'Enter a Japanese title.',
    needDeadline: 'Enter a deadline.',
    needRecipient: 'Choose at least one recipient.',
    needQuestion: 'A survey needs at least one question.',
    needInterviewAt: 'Enter the interview date and time.',
  },
);

/** The operators' form for a survey or an interview; fires "survey-sent" after the server accepted it. */
export class SurveyForm extends LitElement {
  static override properties = {
    recipients: { attribute: false },
    kind: { state: true },
    questions: { state: true },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
  };
  static override styles = [sharedStyles, deskStyles];
  declare recipients: Invitable[];
  declare kind: 'survey' | 'interview';
  declare questions: DraftQuestion[];
  declare busy: boolean;
  declare error: string;
  declare done: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.recipients = [];
    this.kind = 'survey';
    this.questions = [];
    this.busy = false;
    this.error = '';
    this.done = false;
  }

  private change(index: number, patch: Partial<DraftQuestion>): void {
    this.questions = this.questions.map((q, i) => (i === index ? { ...q, ...patch } : q));
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const participantIds = data.getAll('participantIds').map(String);
    this.done = false;
    if (!text('titleJa')) return void (this.error = t('needTitle'));
    if (!text('deadline')) return void (this.error = t('needDeadline'));
    if (participantIds.length === 0) return void (this.error = t('needRecipient'));
    if (this.kind === 'survey' && this.questions.length === 0) return void (this.error = t('needQuestion'));
    if (this.kind === 'interview' && !text('interviewAt')) return void (this.error = t('needInterviewAt'));
    this.error = '';
    this.busy = true;
    try {
      await createSurvey({
        kind: this.kind,
        titleJa: text('titleJa'),
        titleEn: text('titleEn'),
        introJa: text('introJa'),
        introEn: text('introEn'),
        questions: this.questions.map(questionToSend),
        ...(this.kind === 'interview' ? { interviewAt: fromJstInputValue(text('interviewAt')).toISOString() } : {}),
        interviewPlace: text('interviewPlace'),
        deadline: fromJstInputValue(text('deadline')).toISOString(),
        participantIds,
      });
      form.reset();
      this.questions = [];
      this.done = true;
      this.dispatchEvent(new CustomEvent('survey-sent', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    void this.locale;
    const field = (label: string, input: unknown, wide = true) =>
      html`<label class=${`field ${wide ? 'wide' : ''}`}>${label}${input}</label>`;
    return html`<section class="panel" data-test="survey-form">
      <h2>${t('title')}</h2>
      <p class="muted">${t('intro')}</p>
      <form class="grid" @submit=${(e: SubmitEvent) => void this.submit(e)} novalidate>
        <fieldset class="wide row">
          <legend>${t('kind')}</legend>
          ${(['survey', 'interview'] as const).map(
            (kind) =>
              html`<label
                ><input
                  type="radio"
                  name="kind"
                  value=${kind}
                  .checked=${this.kind === kind}
                  @change=${() => (this.kind = kind)}
                  data-test=${`survey-kind-${kind}`}
                />${t(kind)}</label
              >`,
          )}
        </fieldset>
        ${field(t('titleJa'), html`<input name="titleJa" maxlength="200" data-test="survey-title-ja" />`)}
        ${field(t('titleEn'), html`<input name="titleEn" maxlength="200" data-test="survey-title-en" />`)}
        ${field(t('introJa'), html`<textarea name="introJa" rows="3" maxlength="5000" data-test="survey-intro"></textarea>`)}
        ${field(t('introEn'), html`<textarea name="introEn" rows="3" maxlength="5000" data-test="survey-intro-en"></textarea>`)}
        ${field(t('deadline'), html`<input name="deadline" type="datetime-local" data-test="survey-deadline" />`, false)}
        ${
          this.kind === 'interview'
            ? html`${field(t('interviewAt'), html`<input name="interviewAt" type="datetime-local" data-test="survey-interview-at" />`, false)}
              ${field(t('place'), html`<input name="interviewPlace" maxlength="500" data-test="survey-place" />`)}`
            : nothing
        }
        <div class="wide">
          <h3>${t('questions')}</h3>
          ${this.questions.map(
            (q, i) =>
              html`<yorozu-survey-question-editor
                .question=${q}
                .index=${i}
                @question-change=${(e: CustomEvent<Partial<DraftQuestion>>) => this.change(i, e.detail)}
                @question-remove=${() => (this.questions = this.questions.filter((_, j) => j !== i))}
              ></yorozu-survey-question-editor>`,
          )}
          <div class="row">
            <button
              type="button"
              @click=${() => (this.questions = [...this.questions, draftQuestion('choice')])}
              data-test="add-choice"
            >
              ${t('addChoice')}
            </button>
            <button
              type="button"
              @click=${() => (this.questions = [...this.questions, draftQuestion('scale')])}
              data-test="add-scale"
            >
              ${t('addScale')}
            </button>
            <button
              type="button"
              @click=${() => (this.questions = [...this.questions, draftQuestion('text')])}
              data-test="add-text"
            >
              ${t('addText')}
            </button>
          </div>
        </div>
        <fieldset class="wide" data-test="survey-recipients">
          <legend>${t('recipients')}</legend>
          ${this.recipients.map(
            (r) =>
              html`<label class="recipient"
                ><input type="checkbox" name="participantIds" value=${r.participantId} data-test="survey-recipient" />
                ${r.name}${r.applicant ? html` <span class="badge warn">${t('applicant')}</span>` : nothing}</label
              >`,
          )}
        </fieldset>
        ${this.error ? html`<div class="wide error" role="alert" data-test="survey-error">${this.error}</div>` : nothing}
        ${this.done ? html`<div class="wide" role="status" data-test="survey-sent">${t('sent')}</div>` : nothing}
        <div class="wide actions">
          <button type="submit" class="primary" ?disabled=${this.busy} data-test="survey-send">
            ${this.busy ? t('sending') : t('send')}
          </button>
        </div>
      </form>
    </section>`;
  }
}
customElements.define('yorozu-survey-form', SurveyForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-survey-form': SurveyForm;
  }
}
