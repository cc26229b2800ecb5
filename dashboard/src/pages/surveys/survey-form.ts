import { LitElement, html, nothing } from 'lit';
import { fromJstInputValue } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from '../desk/desk.styles.js';
import { createSurvey, type Invitable, type NewQuestion } from './surveys-api.js';

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
    deadline: '回答期限（日本時間）',
    interviewAt: 'インタビューの日時（日本時間）',
    place: '場所・方法（例: オンライン）',
    questions: '質問',
    addChoice: '選択式を追加',
    addText: '自由記述を追加',
    addScale: '段階評価を追加',
    remove: '削除',
    questionText: '質問文',
    options: '選択肢（1行に1つ）',
    min: '最小',
    max: '最大',
    minLabel: '最小の意味（例: 不満）',
    maxLabel: '最大の意味（例: 満足）',
    required: '回答必須',
    choice: '選択式',
    text: '自由記述',
    scale: '段階評価',
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
    deadline: 'Deadline (JST)',
    interviewAt: 'Interview date and time (JST)',
    place: 'Where / how (e.g. online)',
    questions: 'Questions',
    addChoice: 'Add a choice',
    addText: 'Add free text',
    addScale: 'Add a scale',
    remove: 'Remove',
    questionText: 'Question',
    options: 'Options (one per line)',
    min: 'Min',
    max: 'Max',
    minLabel: 'Meaning of the lowest (e.g. unhappy)',
    maxLabel: 'Meaning of the highest (e.g. happy)',
    required: 'Required',
    choice: 'Choice',
    text: 'Free text',
    scale: 'Scale',
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

interface DraftQuestion {
  type: NewQuestion['type'];
  textJa: string;
  options: string;
  min: number;
  max: number;
  minLabelJa: string;
  maxLabelJa: string;
  required: boolean;
}

const draft = (type: NewQuestion['type']): DraftQuestion => ({
  type,
  textJa: '',
  options: '',
  min: 1,
  max: 5,
  minLabelJa: '',
  maxLabelJa: '',
  required: type !== 'text',
});

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
        questions: this.questions.map((q) => ({
          type: q.type,
          textJa: q.textJa,
          required: q.required,
          ...(q.type === 'choice'
            ? {
                options: q.options
                  .split('\n')
                  .map((o) => o.trim())
                  .filter(Boolean)
                  .map((ja) => ({ ja })),
              }
            : {}),
          ...(q.type === 'scale' ? { min: q.min, max: q.max, minLabelJa: q.minLabelJa, maxLabelJa: q.maxLabelJa } : {}),
        })),
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

  private renderQuestion(q: DraftQuestion, index: number) {
    return html`<fieldset class="wide" data-test="survey-question" data-type=${q.type}>
      <legend>${index + 1}. ${t(q.type)}</legend>
      <label class="field wide"
        >${t('questionText')}<input
          .value=${q.textJa}
          @input=${(e: Event) => this.change(index, { textJa: (e.target as HTMLInputElement).value })}
          data-test="question-text"
          maxlength="1000"
      /></label>
      ${
        q.type === 'choice'
          ? html`<label class="field wide"
              >${t('options')}<textarea
                rows="3"
                .value=${q.options}
                @input=${(e: Event) => this.change(index, { options: (e.target as HTMLTextAreaElement).value })}
                data-test="question-options"
              ></textarea>
            </label>`
          : nothing
      }
      ${
        q.type === 'scale'
          ? html`<div class="row">
              <label class="field"
                >${t('min')}<input
                  type="number"
                  min="0"
                  max="10"
                  .value=${String(q.min)}
                  @input=${(e: Event) => this.change(index, { min: Number((e.target as HTMLInputElement).value) })}
              /></label>
              <label class="field"
                >${t('max')}<input
                  type="number"
                  min="1"
                  max="10"
                  .value=${String(q.max)}
                  @input=${(e: Event) => this.change(index, { max: Number((e.target as HTMLInputElement).value) })}
              /></label>
              <label class="field"
                >${t('minLabel')}<input
                  .value=${q.minLabelJa}
                  @input=${(e: Event) => this.change(index, { minLabelJa: (e.target as HTMLInputElement).value })}
              /></label>
              <label class="field"
                >${t('maxLabel')}<input
                  .value=${q.maxLabelJa}
                  @input=${(e: Event) => this.change(index, { maxLabelJa: (e.target as HTMLInputElement).value })}
              /></label>
            </div>`
          : nothing
      }
      <div class="row">
        <label
          ><input
            type="checkbox"
            .checked=${q.required}
            @change=${(e: Event) => this.change(index, { required: (e.target as HTMLInputElement).checked })}
          />${t('required')}</label
        >
        <button type="button" @click=${() => (this.questions = this.questions.filter((_, i) => i !== index))}>
          ${t('remove')}
        </button>
      </div>
    </fieldset>`;
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
        ${field(t('deadline'), html`<input name="deadline" type="datetime-local" data-test="survey-deadline" />`, false)}
        ${
          this.kind === 'interview'
            ? html`${field(t('interviewAt'), html`<input name="interviewAt" type="datetime-local" data-test="survey-interview-at" />`, false)}
              ${field(t('place'), html`<input name="interviewPlace" maxlength="500" data-test="survey-place" />`)}`
            : nothing
        }
        <div class="wide">
          <h3>${t('questions')}</h3>
          ${this.questions.map((q, i) => this.renderQuestion(q, i))}
          <div class="row">
            <button
              type="button"
              @click=${() => (this.questions = [...this.questions, draft('choice')])}
              data-test="add-choice"
            >
              ${t('addChoice')}
            </button>
            <button
              type="button"
              @click=${() => (this.questions = [...this.questions, draft('scale')])}
              data-test="add-scale"
            >
              ${t('addScale')}
            </button>
            <button
              type="button"
              @click=${() => (this.questions = [...this.questions, draft('text')])}
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
