import type { SurveyQuestion } from '../../contract/surveys.js';

/**
 * The rules of surveys and interviews (terms art. 3 (3)(5), 23 (2)), without I/O: the questions as
 * stored, whether an answer fits them, and where a recipient stands against the deadline.
 */
export type { SurveyQuestion };

/** Art. 23 (2): what answers are used for. Shown on every form and in every invitation, and in the docs. */
export const SURVEY_USE = {
  article: '23 (2)',
  ja: 'ご回答は、利用規約第23条第2項のとおり、(1) 本実証実験において本サービスを提供するため、(2) 本サービスの利用を分析し、本サービスの改善又は開発をするために限って取り扱います。ご回答は本サービスのログ等のデータとは分けて保管し、ログ検索や証跡には含めません。',
  en: 'As art. 23 (2) of the terms says, your answers are used only (1) to provide the service in this trial and (2) to analyse its use and improve or develop it. They are kept apart from the service data (logs) and never appear in log searches or evidence.',
} as const;

export interface QuestionInput {
  type: SurveyQuestion['type'];
  textJa: string;
  textEn?: string | undefined;
  required?: boolean | undefined;
  options?: { ja: string; en?: string | undefined }[] | undefined;
  min?: number | undefined;
  max?: number | undefined;
  minLabelJa?: string | undefined;
  minLabelEn?: string | undefined;
  maxLabelJa?: string | undefined;
  maxLabelEn?: string | undefined;
}

/** The questions as stored: ids q1, q2… in order, English defaulting to the Japanese, scales 1-5 unless set. */
export function storedQuestions(inputs: readonly QuestionInput[]): SurveyQuestion[] {
  return inputs.map((input, index) => ({
    id: `q${index + 1}`,
    type: input.type,
    text_ja: input.textJa,
    text_en: input.textEn || input.textJa,
    required: input.required ?? true,
    options: input.type === 'choice' ? (input.options ?? []).map((o) => ({ ja: o.ja, en: o.en || o.ja })) : [],
    min: input.type === 'scale' ? (input.min ?? 1) : 0,
    max: input.type === 'scale' ? (input.max ?? 5) : 0,
    min_label: { ja: input.minLabelJa ?? '', en: input.minLabelEn || input.minLabelJa || '' },
    max_label: { ja: input.maxLabelJa ?? '', en: input.maxLabelEn || input.maxLabelJa || '' },
  }));
}

/** What is wrong with a set of questions an operator wrote, naming the question (1-based), or undefined. */
export function questionsProblem(inputs: readonly QuestionInput[]): string | undefined {
  for (const [index, input] of inputs.entries()) {
    const which = `question ${index + 1}`;
    if (input.type === 'choice' && (input.options ?? []).length < 2)
      return `${which} is a choice and needs at least two options.`;
    if (input.type === 'scale') {
      const min = input.min ?? 1;
      const max = input.max ?? 5;
      if (max <= min) return `${which} is a scale whose max (${max}) is not above its min (${min}).`;
      if (max - min > 10) return `${which} is a scale of more than 11 points (${min} to ${max}).`;
    }
  }
  return undefined;
}

/** What is wrong with an answer to these questions, naming the question by id, or undefined. */
export function answersProblem(
  questions: readonly SurveyQuestion[],
  answers: Readonly<Record<string, string | number>>,
): string | undefined {
  const known = new Set(questions.map((q) => q.id));
  const unknown = Object.keys(answers).find((id) => !known.has(id));
  if (unknown) return `There is no question "${unknown}" in this survey.`;
  for (const question of questions) {
    const value = answers[question.id];
    const blank = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (blank) {
      if (question.required) return `Question ${question.id} needs an answer.`;
      continue;
    }
    switch (question.type) {
      case 'choice':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= question.options.length)
          return `Question ${question.id} is a choice: answer with the option's number, 0 to ${question.options.length - 1}.`;
        break;
      case 'scale':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < question.min || value > question.max)
          return `Question ${question.id} is a scale: answer with a whole number from ${question.min} to ${question.max}.`;
        break;
      case 'text':
        if (typeof value !== 'string') return `Question ${question.id} takes text.`;
        if (value.length > 5000) return `Question ${question.id}: the answer is longer than 5000 characters.`;
        break;
    }
  }
  return undefined;
}

export type RecipientState = 'answered' | 'refused' | 'waiting' | 'no_answer';

/** Where a recipient stands: its response if it gave one, else waiting until the deadline and no answer after. */
export function recipientStateOf(
  response: 'answered' | 'refused' | undefined,
  deadline: Date,
  now: Date,
): RecipientState {
  if (response) return response;
  return now.getTime() > deadline.getTime() ? 'no_answer' : 'waiting';
}

/**
 * Art. 3 (3)(5): an applicant "refused to cooperate" with a survey or interview when it said so, or
 * when the deadline passed without an answer. The evidence a rejection on this ground cites.
 */
export function refusalEvidence(
  invitations: readonly { title_ja: string; deadline: Date; response: 'answered' | 'refused' | undefined; at?: Date }[],
  now: Date,
): { title_ja: string; state: 'refused' | 'no_answer'; at: Date }[] {
  const evidence: { title_ja: string; state: 'refused' | 'no_answer'; at: Date }[] = [];
  for (const invitation of invitations) {
    const state = recipientStateOf(invitation.response, invitation.deadline, now);
    if (state === 'refused') evidence.push({ title_ja: invitation.title_ja, state, at: invitation.at ?? now });
    if (state === 'no_answer') evidence.push({ title_ja: invitation.title_ja, state, at: invitation.deadline });
  }
  return evidence;
}
