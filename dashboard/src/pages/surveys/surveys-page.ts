import { LitElement, html, nothing } from 'lit';
import type { Session } from '../../api/session.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from '../desk/desk.styles.js';
import './survey-form.js';
import { fetchInvitable, fetchSurveys, type Invitable, type SurveySummary } from './surveys-api.js';

const t = defineMessages(
  {
    title: 'アンケート・インタビュー',
    list: 'これまでの依頼',
    none: 'まだありません。',
    loading: '読み込み中…',
    kind: '種類',
    name: '件名',
    deadline: '回答期限',
    invited: '依頼',
    answered: '回答',
    refused: '辞退',
    noAnswer: '期限までに回答なし',
    survey: 'アンケート',
    interview: 'インタビュー',
  },
  {
    title: 'Surveys and interviews',
    list: 'Requests so far',
    none: 'None yet.',
    loading: 'Loading…',
    kind: 'Kind',
    name: 'Title',
    deadline: 'Deadline',
    invited: 'Invited',
    answered: 'Answered',
    refused: 'Declined',
    noAnswer: 'No answer by the deadline',
    survey: 'Survey',
    interview: 'Interview',
  },
);

/** /surveys for operators: create a survey or an interview, and the list with how many answered. */
export class SurveysPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    surveys: { state: true },
    recipients: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles, deskStyles];
  declare session: Session;
  declare surveys: SurveySummary[] | null;
  declare recipients: Invitable[];
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.surveys = null;
    this.recipients = [];
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      [this.surveys, this.recipients] = await Promise.all([fetchSurveys(), fetchInvitable()]);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private renderList(surveys: SurveySummary[]) {
    if (surveys.length === 0) return html`<p class="muted empty">${t('none')}</p>`;
    return html`<div class="scroll">
      <table class="cards" data-test="survey-list">
        <thead>
          <tr>
            <th>${t('kind')}</th>
            <th>${t('name')}</th>
            <th>${t('deadline')}</th>
            <th>${t('invited')}</th>
            <th>${t('answered')}</th>
            <th>${t('refused')}</th>
            <th>${t('noAnswer')}</th>
          </tr>
        </thead>
        <tbody>
          ${surveys.map(
            (s) =>
              html`<tr data-test="survey-row" data-survey=${s.survey_id}>
                <td data-label=${t('kind')}>${t(s.kind)}</td>
                <td data-label=${t('name')}>
                  <a href=${`/surveys/${s.survey_id}`} data-test="survey-link"
                    >${language() === 'ja' ? s.title_ja : s.title_en}</a
                  >
                </td>
                <td data-label=${t('deadline')} class="nowrap">${formatJst(s.deadline, 'datetime')}</td>
                <td data-label=${t('invited')}>${s.invited}</td>
                <td data-label=${t('answered')} data-test="survey-answered">${s.answered}</td>
                <td data-label=${t('refused')}>${s.refused}</td>
                <td data-label=${t('noAnswer')}>${s.noAnswer}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    void this.locale;
    return html`
      <h1>${t('title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <yorozu-survey-form .recipients=${this.recipients} @survey-sent=${() => void this.load()}></yorozu-survey-form>
      <section class="panel">
        <h2>${t('list')}</h2>
        ${this.surveys === null ? html`<p class="muted">${t('loading')}</p>` : this.renderList(this.surveys)}
      </section>
    `;
  }
}
customElements.define('yorozu-surveys-page', SurveysPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-surveys-page': SurveysPage;
  }
}
