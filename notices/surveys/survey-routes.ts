import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../../api/route-table.js';
import * as contract from '../../contract/index.js';
import { QUESTION_TYPES, SURVEY_KINDS } from '../../contract/surveys.js';
import type { SurveyService } from './survey-service.js';

/**
 * Surveys and interviews (art. 3 (3)(5), 23 (2)): operators create one and invite recipients, read
 * who answered; a participant's users read and answer theirs in the portal. Their own access rule:
 * an operator reads answers only with the purpose "operation" or "improvement" (art. 23 (2) (1)
 * providing the service, (2) analysing and improving it), never for "maintenance".
 */
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' });
const text = (max: number) => z.string().trim().max(max);

const question = z.object({
  type: z.enum(QUESTION_TYPES),
  textJa: text(1000).min(1),
  textEn: text(1000).optional(),
  required: z.boolean().optional(),
  options: z
    .array(z.object({ ja: text(200).min(1), en: text(200).optional() }))
    .max(20)
    .optional(),
  min: z.number().int().min(0).max(10).optional(),
  max: z.number().int().min(1).max(10).optional(),
  minLabelJa: text(100).optional(),
  minLabelEn: text(100).optional(),
  maxLabelJa: text(100).optional(),
  maxLabelEn: text(100).optional(),
});

const createBody = z.object({
  kind: z.enum(SURVEY_KINDS),
  titleJa: text(200).min(1),
  titleEn: text(200).default(''),
  introJa: text(5000).default(''),
  introEn: text(5000).default(''),
  questions: z.array(question).max(50).default([]),
  interviewAt: instant.optional(),
  interviewPlace: text(500).default(''),
  deadline: instant,
  participantIds: z.array(uuidParam).min(1).max(500),
});

export const answerBody = z.discriminatedUnion('response', [
  z.object({
    response: z.literal('answered'),
    answers: z.record(z.string().max(20), z.union([z.number(), z.string().max(5000)])),
    comment: text(5000).default(''),
  }),
  z.object({ response: z.literal('refused'), comment: text(5000).default('') }),
]);

const surveyPath = z.object({ surveyId: uuidParam });
const participantPath = z.object({ participantId: uuidParam });

/** The access rule of the answers: art. 23 (2) allows providing and improving the service only. */
function requireAnswerPurpose(c: Context): void {
  const caller = callerOf(c);
  if (caller.role === 'operator' && caller.purpose !== 'operation' && caller.purpose !== 'improvement')
    throw new ApiError(
      403,
      'survey_purpose_not_allowed',
      'Survey and interview answers are read only to provide or improve the service (art. 23 (2)): choose the purpose "operation" or "improvement".',
    );
}

export function surveyRoutes(routes: RouteTable, surveys: SurveyService): void {
  const tag = 'surveys';

  routes.add({
    method: 'post',
    path: '/api/v1/admin/surveys',
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Create a survey (choice, text and scale questions) or schedule an interview, and invite participants or applicants by notice (web + e-mail)',
    successStatus: 201,
    response: contract.surveyCreated,
    body: createBody,
    async handler(c, { body }) {
      const { interviewAt, deadline, ...rest } = body;
      return surveys.create(
        {
          ...rest,
          interviewAt: interviewAt ? new Date(interviewAt) : undefined,
          deadline: new Date(deadline),
        },
        callerOf(c).loginName,
      );
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/surveys',
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Surveys and interviews with how many were invited, answered, declined, and did not answer by the deadline',
    response: contract.surveyList,
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    async handler(_c, { query }) {
      return { surveys: await surveys.list(query.limit) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/surveys/:surveyId',
    scope: 'operator',
    participantData: 'recorded',
    audit: 'survey and interview answers (art. 23 (2))',
    tag,
    summary:
      "A survey's recipients with their answers, refusals and who did not answer by the deadline (purpose operation or improvement only)",
    response: contract.surveyResults,
    params: surveyPath,
    async handler(c, { params, recordAccess }) {
      requireAnswerPurpose(c);
      const results = await surveys.results(params.surveyId);
      await recordAccess(results.recipients.map((r) => r.participant_id));
      return results;
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/surveys',
    scope: 'participant',
    tag,
    summary: 'The surveys and interviews the participant was invited to, with its answers and the use of answers',
    audit: 'survey and interview answers (art. 23 (2))',
    response: contract.ownSurveys,
    params: participantPath,
    async handler(c, { params }) {
      requireAnswerPurpose(c);
      return surveys.forRecipient([params.participantId]);
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/participants/:participantId/surveys/:surveyId/answer',
    scope: 'participant',
    tag,
    summary: "A participant's user answers a survey or interview invitation, or declines it, before the deadline",
    response: contract.surveyAnswered,
    params: participantPath.extend(surveyPath.shape),
    body: answerBody,
    async handler(c, { params, body }) {
      const caller = callerOf(c);
      if (caller.role !== 'participant_user')
        throw new ApiError(403, 'participant_only', "Only the participant's own users answer its surveys.");
      const state = await surveys.respond(params.surveyId, params.participantId, body, caller.loginName);
      return { surveyId: params.surveyId, state };
    },
  });
}
