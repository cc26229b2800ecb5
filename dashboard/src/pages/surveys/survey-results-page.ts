import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Session } from '../../api/session.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from '../desk/desk.styles.js';
import { fetchResults, type SurveyResults } from './surveys-api.js';
import { answerText, questionText } from './survey-words.js';

const t = defineMessages(
  {
    loading: '読み込み中…',
    deadline: '回答期限',
    interviewAt: 'インタビューの日時',
    use: '回答の利用目的',
    recipient: '宛先',
    state: '状態',
    at: '回答日時',
    answers: '回答',
    comment: 'コメント',
    answered: '回答済み',
    refused: '辞退（第3条第3項第5号の根拠になります）',
    waiting: '回答待ち',
    no_answer: '期限までに回答なし',
    back: 'アンケート・インタビューの一覧へ',
  },
  {
    loading: 'Loading…',
    deadline: 'Deadline',
    interviewAt: 'Interview at',
    use: 'How answers are used',
    recipient: 'Recipient',
    state: 'State',
    at: 'Answered at',
    answers: 'Answers',
    comment: 'Comment',
    answered: 'Answered',
    refused: 'Declined (a ground under art. 3 (3)(5))',
    waiting: 'Waiting',
    no_answer: 'No answer by the deadline',
    back: 'All surveys and interviews',
  },
);

const TONE = { answered: 'ok', refused: 'bad', waiting: 'warn', no_answer: 'bad' } as const;

/** /surveys/:id for operators: every recipient, whether it answered by the deadline, and its answers. */
export class SurveyResultsPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    surveyId: { attribute: false },
    results: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles, deskStyles];
  declare session: Session;
  declare surveyId: string;
  declare results: SurveyResults | null;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.surveyId = '';
    this.results = null;
    this.error = '';
  }

  // The address gives the survey once the element is upgraded (its chunk loads after the shell set it).
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('surveyId') && this.surveyId)
      fetchResults(this.surveyId).then(
        (results) => (this.results = results),
        (error: unknown) => (this.error = (error as Error).message),
      );
  }

  override render() {
    void this.locale;
    const ja = language() === 'ja';
    const r = this.results;
    if (!r)
      return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="muted">${t('loading')}</p>`}`;
    const { survey } = r;
    return html`
      <p><a href="/surveys">${t('back')}</a></p>
      <h1>${ja ? survey.title_ja : survey.title_en}</h1>
      <p>${t('deadline')}: ${formatJst(survey.deadline, 'datetime')}</p>
      ${survey.interview_at ? html`<p>${t('interviewAt')}: ${formatJst(survey.interview_at, 'datetime')} ${survey.interview_place}</p>` : nothing}
      <p class="muted" data-test="survey-use">${t('use')}: ${ja ? r.use.ja : r.use.en}</p>
      <section class="panel">
        <div class="scroll">
          <table class="cards" data-test="survey-results">
            <thead>
              <tr>
                <th>${t('recipient')}</th>
                <th>${t('state')}</th>
                <th>${t('at')}</th>
                <th>${t('answers')}</th>
              </tr>
            </thead>
            <tbody>
              ${r.recipients.map(
                (row) =>
                  html`<tr data-test="survey-recipient-row" data-state=${row.state}>
                    <td data-label=${t('recipient')}>${row.organisation || row.participant_id}</td>
                    <td data-label=${t('state')}><span class=${`badge ${TONE[row.state]}`}>${t(row.state)}</span></td>
                    <td data-label=${t('at')} class="nowrap">
                      ${row.answer ? formatJst(row.answer.answered_at, 'datetime') : '—'}
                    </td>
                    <td data-label=${t('answers')}>
                      ${
                        row.answer
                          ? html`<dl data-test="survey-answer">
                              ${survey.questions.map(
                                (q) =>
                                  html`<dt>${questionText(q)}</dt>
                                    <dd>${answerText(q, row.answer?.answers[q.id])}</dd>`,
                              )}
                              ${
                                row.answer.comment
                                  ? html`<dt>${t('comment')}</dt>
                                      <dd>${row.answer.comment}</dd>`
                                  : nothing
                              }
                            </dl>`
                          : '—'
                      }
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }
}
customElements.define('yorozu-survey-results-page', SurveyResultsPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-survey-results-page': SurveyResultsPage;
  }
}
