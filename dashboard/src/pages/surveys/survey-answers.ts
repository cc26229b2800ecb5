import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { formatJst } from '../../format/jst.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from '../desk/desk.styles.js';
import {
  answerSurvey,
  fetchOwnSurveys,
  type AnswerValue,
  type OwnSurvey,
  type OwnSurveys,
  type SurveyQuestion,
  type SurveyRecipient,
} from './surveys-api.js';
import { answerText, questionText } from './survey-words.js';

const t = defineMessages(
  {
    title: 'アンケート・インタビュー',
    none: 'お願いしているアンケート・インタビューはありません。',
    loading: '読み込み中…',
    use: '回答の利用目的',
    deadline: '回答期限',
    interviewAt: 'インタビューの日時',
    survey: 'アンケート',
    interview: 'インタビュー',
    required: '（必須）',
    comment: 'コメント（任意）',
    submitSurvey: '回答する',
    submitInterview: 'インタビューに協力する',
    decline: '辞退する',
    declineConfirm: '辞退すると、その記録が残ります。辞退しますか？',
    answered: '回答済み',
    refused: '辞退しました',
    waiting: '回答待ち',
    no_answer: '回答期限を過ぎました',
    yourAnswer: 'あなたの回答',
    thanks: 'ご回答ありがとうございました。',
  },
  {
    title: 'Surveys and interviews',
    none: 'No survey or interview is waiting for you.',
    loading: 'Loading…',
    use: 'How answers are used',
    deadline: 'Deadline',
    interviewAt: 'Interview at',
    survey: 'Survey',
    interview: 'Interview',
    required: '(required)',
    comment: 'Comment (optional)',
    submitSurvey: 'Send the answers',
    submitInterview: 'Take part in the interview',
    decline: 'Decline',
    declineConfirm: 'Declining is recorded. Decline?',
    answered: 'Answered',
    refused: 'Declined',
    waiting: 'Waiting for your answer',
    no_answer: 'The deadline has passed',
    yourAnswer: 'Your answer',
    thanks: 'Thank you for your answers.',
  },
);

/**
 * The surveys and interviews a recipient was asked, answered or declined here, with the use of answers stated
 * (art. 23 (2)): a participant's in its portal (/participants/:id/surveys), or an applicant's on its application's
 * page (`applicationId` and its token, art. 3 (3)(5)).
 */
export class SurveyAnswers extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    applicationId: { attribute: false },
    applicantToken: { attribute: false },
    own: { state: true },
    error: { state: true },
    thanked: { state: true },
  };
  static override styles = [sharedStyles, deskStyles];
  declare participantId: string;
  declare applicationId: string;
  declare applicantToken: string;
  declare own: OwnSurveys | null;
  declare error: string;
  declare thanked: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.applicationId = '';
    this.applicantToken = '';
    this.own = null;
    this.error = '';
    this.thanked = '';
  }

  // The address gives the participant once the element is upgraded (its chunk loads after the shell set it).
  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('participantId') || changed.has('applicationId')) && this.recipient().id) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.own = await fetchOwnSurveys(this.recipient());
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private recipient(): SurveyRecipient {
    return this.applicationId
      ? { kind: 'applicant', id: this.applicationId, token: this.applicantToken }
      : { kind: 'participant', id: this.participantId };
  }

  private async answer(survey: OwnSurvey, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const answers: Record<string, AnswerValue> = {};
    for (const q of survey.questions) {
      const value = String(data.get(q.id) ?? '').trim();
      if (value === '') continue;
      answers[q.id] = q.type === 'text' ? value : Number(value);
    }
    await this.send(survey, { response: 'answered', answers, comment: String(data.get('comment') ?? '').trim() });
  }

  private async decline(survey: OwnSurvey, form: HTMLFormElement | null): Promise<void> {
    if (!window.confirm(t('declineConfirm'))) return;
    const comment = form ? String(new FormData(form).get('comment') ?? '').trim() : '';
    await this.send(survey, { response: 'refused', comment });
  }

  private async send(survey: OwnSurvey, body: Parameters<typeof answerSurvey>[2]): Promise<void> {
    try {
      this.error = '';
      await answerSurvey(this.recipient(), survey.survey_id, body);
      this.thanked = survey.survey_id;
      await this.load();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private renderInput(q: SurveyQuestion) {
    if (q.type === 'text')
      return html`<textarea name=${q.id} rows="3" maxlength="5000" data-test=${`answer-${q.id}`}></textarea>`;
    const choices =
      q.type === 'choice'
        ? q.options.map((o, i) => ({ value: i, label: language() === 'ja' ? o.ja : o.en }))
        : Array.from({ length: q.max - q.min + 1 }, (_, i) => ({ value: q.min + i, label: String(q.min + i) }));
    const ends =
      q.type === 'scale'
        ? language() === 'ja'
          ? [q.min_label.ja, q.max_label.ja]
          : [q.min_label.en, q.max_label.en]
        : [];
    return html`<div class="row" role="radiogroup" data-test=${`answer-${q.id}`}>
      ${ends[0] ? html`<span class="muted">${ends[0]}</span>` : nothing}
      ${choices.map((c) => html`<label><input type="radio" name=${q.id} value=${String(c.value)} />${c.label}</label>`)}
      ${ends[1] ? html`<span class="muted">${ends[1]}</span>` : nothing}
    </div>`;
  }

  private renderSurvey(survey: OwnSurvey) {
    const ja = language() === 'ja';
    const open = survey.state === 'waiting';
    return html`<section class="panel" data-test="own-survey" data-state=${survey.state}>
      <h2>${t(survey.kind)}: ${ja ? survey.title_ja : survey.title_en}</h2>
      <p>
        <span class="badge ${open ? 'warn' : survey.state === 'answered' ? 'ok' : 'bad'}" data-test="own-survey-state"
          >${t(survey.state)}</span
        >
        ${t('deadline')}: ${formatJst(survey.deadline, 'datetime')}
      </p>
      ${survey.interview_at ? html`<p>${t('interviewAt')}: ${formatJst(survey.interview_at, 'datetime')} ${survey.interview_place}</p>` : nothing}
      ${survey.intro_ja ? html`<p>${ja ? survey.intro_ja : survey.intro_en}</p>` : nothing}
      ${this.thanked === survey.survey_id ? html`<p role="status" data-test="survey-thanks">${t('thanks')}</p>` : nothing}
      ${
        open
          ? html`<form
              class="grid"
              @submit=${(e: SubmitEvent) => void this.answer(survey, e)}
              data-test="survey-answer-form"
            >
              ${survey.questions.map(
                (q, i) =>
                  html`<fieldset class="wide" data-test="survey-question">
                    <legend>${i + 1}. ${questionText(q)} ${q.required ? t('required') : nothing}</legend>
                    ${this.renderInput(q)}
                  </fieldset>`,
              )}
              <label class="field wide"
                >${t('comment')}<textarea name="comment" rows="2" maxlength="5000"></textarea>
              </label>
              <div class="wide actions">
                <button type="submit" class="primary" data-test="survey-submit">
                  ${survey.kind === 'survey' ? t('submitSurvey') : t('submitInterview')}
                </button>
                <button
                  type="button"
                  data-test="survey-decline"
                  @click=${(e: Event) => void this.decline(survey, (e.target as HTMLElement).closest('form'))}
                >
                  ${t('decline')}
                </button>
              </div>
            </form>`
          : survey.answer && survey.answer.response === 'answered'
            ? html`<h3>${t('yourAnswer')}</h3>
                <dl data-test="own-answer">
                  ${survey.questions.map(
                    (q) =>
                      html`<dt>${questionText(q)}</dt>
                        <dd>${answerText(q, survey.answer?.answers[q.id])}</dd>`,
                  )}
                </dl>`
            : nothing
      }
    </section>`;
  }

  override render() {
    void this.locale;
    const own = this.own;
    return html`
      ${this.applicationId ? html`<h2>${t('title')}</h2>` : html`<h1>${t('title')}</h1>`}
      ${this.error ? html`<p class="error" role="alert" data-test="survey-error">${this.error}</p>` : nothing}
      ${own ? html`<p class="muted" data-test="survey-use">${t('use')}: ${language() === 'ja' ? own.use.ja : own.use.en}</p>` : nothing}
      ${
        own === null
          ? html`<p class="muted">${t('loading')}</p>`
          : own.surveys.length === 0
            ? html`<p class="muted empty">${t('none')}</p>`
            : own.surveys.map((s) => this.renderSurvey(s))
      }
    `;
  }
}
customElements.define('yorozu-survey-answers', SurveyAnswers);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-survey-answers': SurveyAnswers;
  }
}
