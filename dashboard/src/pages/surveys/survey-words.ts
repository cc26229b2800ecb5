import { language } from '../../i18n/i18n.js';
import type { AnswerValue, SurveyQuestion } from './surveys-api.js';

/** A question and an answer in the language shown: a choice's label, a scale's value out of its max, or the text. */
export function questionText(question: SurveyQuestion): string {
  return language() === 'ja' ? question.text_ja : question.text_en;
}

export function answerText(question: SurveyQuestion, value: AnswerValue | undefined): string {
  if (value === undefined || value === '') return '—';
  const ja = language() === 'ja';
  if (question.type === 'choice' && typeof value === 'number') {
    const option = question.options[value];
    return option ? (ja ? option.ja : option.en) : String(value);
  }
  if (question.type === 'scale') return `${value} / ${question.max}`;
  return String(value);
}
