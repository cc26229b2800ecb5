import { LitElement, html, nothing } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from '../desk/desk.styles.js';
import type { NewQuestion } from './surveys-api.js';

/** One question being written: Japanese first; English optional (an English reader sees the Japanese where it is empty). */
export interface DraftQuestion {
  type: NewQuestion['type'];
  textJa: string;
  textEn: string;
  /** One option per line; the English lines follow the Japanese ones in the same order. */
  options: string;
  optionsEn: string;
  min: number;
  max: number;
  minLabelJa: string;
  minLabelEn: string;
  maxLabelJa: string;
  maxLabelEn: string;
  required: boolean;
}

export const draftQuestion = (type: NewQuestion['type']): DraftQuestion => ({
  type,
  textJa: '',
  textEn: '',
  options: '',
  optionsEn: '',
  min: 1,
  max: 5,
  minLabelJa: '',
  minLabelEn: '',
  maxLabelJa: '',
  maxLabelEn: '',
  required: type !== 'text',
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The API's form of a draft: each option with its English line when there is one. */
export function questionToSend(q: DraftQuestion): NewQuestion {
  const optionsEn = lines(q.optionsEn);
  return {
    type: q.type,
    textJa: q.textJa,
    ...(q.textEn.trim() ? { textEn: q.textEn.trim() } : {}),
    required: q.required,
    ...(q.type === 'choice'
      ? { options: lines(q.options).map((ja, i) => (optionsEn[i] ? { ja, en: optionsEn[i] } : { ja })) }
      : {}),
    ...(q.type === 'scale'
      ? {
          min: q.min,
          max: q.max,
          minLabelJa: q.minLabelJa,
          maxLabelJa: q.maxLabelJa,
          ...(q.minLabelEn.trim() ? { minLabelEn: q.minLabelEn.trim() } : {}),
          ...(q.maxLabelEn.trim() ? { maxLabelEn: q.maxLabelEn.trim() } : {}),
        }
      : {}),
  };
}

const t = defineMessages(
  {
    remove: '削除',
    questionText: '質問文',
    questionTextEn: '質問文（英語・任意）',
    options: '選択肢（1行に1つ）',
    optionsEn: '選択肢の英語（任意・同じ順に1行に1つ）',
    min: '最小',
    max: '最大',
    minLabel: '最小の意味（例: 不満）',
    maxLabel: '最大の意味（例: 満足）',
    minLabelEn: '最小の意味（英語・任意）',
    maxLabelEn: '最大の意味（英語・任意）',
    required: '回答必須',
    choice: '選択式',
    text: '自由記述',
    scale: '段階評価',
  },
  {
    remove: 'Remove',
    questionText: 'Question',
    questionTextEn: 'Question in English (optional)',
    options: 'Options (one per line)',
    optionsEn: 'Options in English (optional, one per line, same order)',
    min: 'Min',
    max: 'Max',
    minLabel: 'Meaning of the lowest (e.g. unhappy)',
    maxLabel: 'Meaning of the highest (e.g. happy)',
    minLabelEn: 'Meaning of the lowest, in English (optional)',
    maxLabelEn: 'Meaning of the highest, in English (optional)',
    required: 'Required',
    choice: 'Choice',
    text: 'Free text',
    scale: 'Scale',
  },
);

/** The editor of one question of the survey form; fires "question-change" with a patch, and "question-remove". */
export class SurveyQuestionEditor extends LitElement {
  static override properties = {
    question: { attribute: false },
    index: { type: Number },
  };
  static override styles = [sharedStyles, deskStyles];
  declare question: DraftQuestion;
  declare index: number;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.question = draftQuestion('text');
    this.index = 0;
  }

  private change(patch: Partial<DraftQuestion>): void {
    this.dispatchEvent(new CustomEvent('question-change', { detail: patch }));
  }

  private input(label: string, key: keyof DraftQuestion, test: string, maxlength: number) {
    return html`<label class="field wide"
      >${label}<input
        .value=${String(this.question[key])}
        @input=${(e: Event) => this.change({ [key]: (e.target as HTMLInputElement).value })}
        data-test=${test}
        maxlength=${maxlength}
    /></label>`;
  }

  private textarea(label: string, key: 'options' | 'optionsEn', test: string) {
    return html`<label class="field wide"
      >${label}<textarea
        rows="3"
        .value=${this.question[key]}
        @input=${(e: Event) => this.change({ [key]: (e.target as HTMLTextAreaElement).value })}
        data-test=${test}
      ></textarea>
    </label>`;
  }

  private number(label: string, key: 'min' | 'max', min: number) {
    return html`<label class="field"
      >${label}<input
        type="number"
        min=${min}
        max="10"
        .value=${String(this.question[key])}
        @input=${(e: Event) => this.change({ [key]: Number((e.target as HTMLInputElement).value) })}
    /></label>`;
  }

  override render() {
    void this.locale;
    const q = this.question;
    return html`<fieldset class="wide" data-test="survey-question" data-type=${q.type}>
      <legend>${this.index + 1}. ${t(q.type)}</legend>
      ${this.input(t('questionText'), 'textJa', 'question-text', 1000)}
      ${this.input(t('questionTextEn'), 'textEn', 'question-text-en', 1000)}
      ${
        q.type === 'choice'
          ? html`${this.textarea(t('options'), 'options', 'question-options')}
            ${this.textarea(t('optionsEn'), 'optionsEn', 'question-options-en')}`
          : nothing
      }
      ${
        q.type === 'scale'
          ? html`<div class="row">${this.number(t('min'), 'min', 0)} ${this.number(t('max'), 'max', 1)}</div>
              <div class="row">
                ${this.input(t('minLabel'), 'minLabelJa', 'question-min-label', 100)}
                ${this.input(t('maxLabel'), 'maxLabelJa', 'question-max-label', 100)}
              </div>
              <div class="row">
                ${this.input(t('minLabelEn'), 'minLabelEn', 'question-min-label-en', 100)}
                ${this.input(t('maxLabelEn'), 'maxLabelEn', 'question-max-label-en', 100)}
              </div>`
          : nothing
      }
      <div class="row">
        <label
          ><input
            type="checkbox"
            .checked=${q.required}
            @change=${(e: Event) => this.change({ required: (e.target as HTMLInputElement).checked })}
          />${t('required')}</label
        >
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('question-remove'))}>
          ${t('remove')}
        </button>
      </div>
    </fieldset>`;
  }
}
customElements.define('yorozu-survey-question-editor', SurveyQuestionEditor);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-survey-question-editor': SurveyQuestionEditor;
  }
}
