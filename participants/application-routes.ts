import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { requestOrigin, type ProxyTrust } from '../api/request-origin.js';
import { uuidParam, type RouteTable } from '../api/route-table.js';
import { TokenBucketLimiter } from '../ingest/token-bucket-limiter.js';
import type { Applications } from './applications.js';
import { REJECTION_REASONS, REVOCATION_REASONS, SERVICE_SUSPENSION_REASONS } from './rules/reason-codes.js';
import * as contract from '../contract/index.js';
import { answerBody } from '../notices/surveys/survey-routes.js';
import type { SurveyService } from '../notices/surveys/survey-service.js';

/**
 * The public side of art. 3: the terms in force, the application form, and the applicant following
 * its application (and answering the desk's question) with the token it got when applying.
 */
export const registeredDetails = z.object({
  organisation: z.string().trim().min(1).max(200),
  representative: z.string().trim().min(1).max(200),
  address: z.string().trim().min(1).max(500),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{6,30}$/, 'must be a phone number (digits, + - ( ) and spaces)'),
  contactName: z.string().trim().min(1).max(200),
  contactEmail: z.email().max(254),
});

const APPLICANT_TOKEN_HEADER = 'x-applicant-token';

export function applicationRoutes(
  routes: RouteTable,
  applications: Applications,
  trustProxy: ProxyTrust,
  perHour: number,
  privacyPolicyUrl: string,
  surveys?: SurveyService,
): void {
  const perIp = new TokenBucketLimiter(perHour / 3600, perHour);

  routes.add({
    method: 'get',
    path: '/api/v1/terms',
    response: contract.termsInForce,
    scope: 'public',
    tag: 'applications',
    summary: 'The terms version in force, and the reason codes the desk uses',
    async handler() {
      return {
        terms: await applications.termsInForce(),
        privacyPolicyUrl,
        rejectionReasons: REJECTION_REASONS,
        revocationReasons: REVOCATION_REASONS,
        serviceSuspensionReasons: SERVICE_SUSPENSION_REASONS,
      };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/applications',
    response: contract.applicationSubmitted,
    scope: 'public',
    tag: 'applications',
    summary: 'Apply to take part (art. 3): registered details and agreement to the terms in force',
    successStatus: 201,
    body: registeredDetails.extend({
      termsVersion: z.string().min(1).max(50),
      agreeToTerms: z.literal(true, { message: 'the terms must be agreed to (agreeToTerms: true)' }),
    }),
    async handler(c, { body }) {
      const ip = requestOrigin(c, trustProxy).ip || 'unknown';
      const allowed = perIp.take(ip, 1);
      if (!allowed.allowed)
        throw new ApiError(
          429,
          'too_many_applications',
          `Too many applications from this address; wait ${Math.ceil(allowed.retryAfterMs / 60_000)} min.`,
        );
      const { termsVersion, agreeToTerms: _agreed, ...details } = body;
      const created = await applications.submit(details, termsVersion);
      return {
        ...created,
        note: `Keep the applicantToken: send it as ${APPLICANT_TOKEN_HEADER} to follow or answer the application.`,
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/applications/:applicationId',
    response: contract.applicationForApplicant,
    scope: 'public',
    tag: 'applications',
    summary: 'The applicant follows its application (needs the applicant token)',
    params: z.object({ applicationId: uuidParam }),
    async handler(c, { params }) {
      return await applications.forApplicant(
        params.applicationId,
        applicantToken(c.req.header(APPLICANT_TOKEN_HEADER)),
      );
    },
  });

  if (surveys) applicantSurveyRoutes(routes, applications, surveys);

  routes.add({
    method: 'post',
    path: '/api/v1/applications/:applicationId/answer',
    response: contract.applicationAnswered,
    scope: 'public',
    tag: 'applications',
    summary: "The applicant answers the desk's question before the deadline",
    params: z.object({ applicationId: uuidParam }),
    body: z.object({ answer: z.string().trim().min(1).max(5000) }),
    async handler(c, { params, body }) {
      const updated = await applications.answer(
        params.applicationId,
        applicantToken(c.req.header(APPLICANT_TOKEN_HEADER)),
        body.answer,
      );
      return { applicationId: params.applicationId, status: updated.status };
    },
  });
}

/** Art. 3 (3)(5): an applicant has no account; it reads and answers its surveys with its token. */
function applicantSurveyRoutes(routes: RouteTable, applications: Applications, surveys: SurveyService): void {
  const path = z.object({ applicationId: uuidParam });
  routes.add({
    method: 'get',
    path: '/api/v1/applications/:applicationId/surveys',
    response: contract.ownSurveys,
    scope: 'public',
    tag: 'applications',
    summary: 'The surveys and interviews the applicant was invited to (needs the applicant token)',
    params: path,
    async handler(c, { params }) {
      await applications.applicant(params.applicationId, applicantToken(c.req.header(APPLICANT_TOKEN_HEADER)));
      return surveys.forRecipient([params.applicationId]);
    },
  });
  routes.add({
    method: 'post',
    path: '/api/v1/applications/:applicationId/surveys/:surveyId/answer',
    response: contract.surveyAnswered,
    scope: 'public',
    tag: 'applications',
    summary: 'The applicant answers a survey or interview invitation, or declines it (art. 3 (3)(5)), with its token',
    params: path.extend({ surveyId: uuidParam }),
    body: answerBody,
    async handler(c, { params, body }) {
      await applications.applicant(params.applicationId, applicantToken(c.req.header(APPLICANT_TOKEN_HEADER)));
      const state = await surveys.respond(params.surveyId, params.applicationId, body, 'applicant');
      return { surveyId: params.surveyId, state };
    },
  });
}

function applicantToken(value: string | undefined): string {
  if (!value)
    throw new ApiError(
      401,
      'unauthenticated',
      `Send the token you got when applying in the ${APPLICANT_TOKEN_HEADER} header.`,
    );
  return value;
}
