import { z } from 'zod';
import { localised, time, uuid } from './common.js';

/**
 * Surveys and interviews of the trial (terms art. 3 (3)(5), 23 (2)): their questions, who was invited,
 * and each recipient's answer or refusal. Answers are the participant's own words, kept apart from the
 * service data and used only for the purposes art. 23 (2) names (`SURVEY_USE`).
 */
export const SURVEY_KINDS = ['survey', 'interview'] as const;
export const QUESTION_TYPES = ['choice', 'text', 'scale'] as const;
export const SURVEY_RESPONSES = ['answered', 'refused'] as const;

export const surveyQuestion = z.object({
  id: z.string(),
  type: z.enum(QUESTION_TYPES),
  text_ja: z.string(),
  text_en: z.string(),
  required: z.boolean(),
  /** choice: the options, in both languages; the answer is the option's index. */
  options: z.array(localised),
  /** scale: the lowest and highest value, with the words at each end. */
  min: z.number().int(),
  max: z.number().int(),
  min_label: localised,
  max_label: localised,
});
export type SurveyQuestion = z.infer<typeof surveyQuestion>;

export const survey = z.object({
  survey_id: uuid,
  kind: z.enum(SURVEY_KINDS),
  title_ja: z.string(),
  title_en: z.string(),
  intro_ja: z.string(),
  intro_en: z.string(),
  questions: z.array(surveyQuestion),
  interview_at: time.nullable(),
  interview_place: z.string(),
  deadline: time,
  created_at: time,
  created_by: z.string(),
});
export type Survey = z.infer<typeof survey>;

/** One answer: a choice's index, a scale's value, or text. */
export const answerValue = z.union([z.number(), z.string()]);
export const surveyResponse = z.object({
  response: z.enum(SURVEY_RESPONSES),
  answers: z.record(z.string(), answerValue),
  comment: z.string(),
  answered_by: z.string(),
  answered_at: time,
});
export type SurveyResponse = z.infer<typeof surveyResponse>;

/** Where a recipient stands: answered, refused, waiting (before the deadline), or no answer by the deadline. */
export const RECIPIENT_STATES = ['answered', 'refused', 'waiting', 'no_answer'] as const;
export const recipientState = z.enum(RECIPIENT_STATES);

/** How answers are used (art. 23 (2)), shown on every form and in every invitation. */
export const surveyUse = z.object({ ja: z.string(), en: z.string(), article: z.string() });

export const surveySummary = survey.extend({
  invited: z.number(),
  answered: z.number(),
  refused: z.number(),
  noAnswer: z.number(),
});
export const surveyList = z.object({ surveys: z.array(surveySummary) });
export const surveyCreated = z.object({ surveyId: uuid, notices: z.array(uuid) });

/** The operators' results: every recipient with its state and, when it answered, the answer. */
export const surveyResults = z.object({
  survey,
  use: surveyUse,
  recipients: z.array(
    z.object({
      participant_id: uuid,
      organisation: z.string(),
      status: z.string(),
      notice_id: uuid,
      invited_at: time,
      state: recipientState,
      answer: surveyResponse.nullable(),
    }),
  ),
});
export type SurveyResults = z.infer<typeof surveyResults>;

/** The recipient's own view (portal or applicant page): what it was asked and what it answered. */
export const ownSurveys = z.object({
  use: surveyUse,
  surveys: z.array(survey.extend({ state: recipientState, answer: surveyResponse.nullable() })),
});
export type OwnSurveys = z.infer<typeof ownSurveys>;
export const surveyAnswered = z.object({ surveyId: uuid, state: recipientState });
export type SurveyCreated = z.infer<typeof surveyCreated>;
export type SurveyList = z.infer<typeof surveyList>;
export type SurveySummary = z.infer<typeof surveySummary>;
