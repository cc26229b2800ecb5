import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../../api/route-table.js';
import * as contract from '../../contract/index.js';
import type { TermsAgreements, TermsStanding } from './terms-agreements.js';

/**
 * A participant's agreement to the terms (art. 2, 3): the portal reads whether the version in force
 * is agreed to and asks at sign-in when it is not; one of the participant's own users agrees (an
 * operator can read the record, never agree for a participant).
 */
export function termsAgreementRoutes(routes: RouteTable, agreements: TermsAgreements): void {
  const tag = 'terms';
  const path = z.object({ participantId: uuidParam });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/terms',
    scope: 'participant',
    tag,
    summary:
      'Whether the participant agreed to the terms version in force (and a coming one), with who agreed to which version and when',
    response: contract.termsStanding,
    params: path,
    async handler(_c, { params }) {
      return answer(await agreements.standing(params.participantId));
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/participants/:participantId/terms/agreement',
    scope: 'participant',
    tag,
    summary: "A participant's user agrees to the terms version in force or a published coming one",
    response: contract.termsStanding,
    params: path,
    body: z.object({ version: z.string().trim().min(1).max(40) }),
    async handler(c, { params, body }) {
      const caller = callerOf(c);
      if (caller.role !== 'participant_user')
        throw new ApiError(403, 'participant_only', "Only the participant's own users agree to the terms.");
      return answer(
        await agreements.agree(params.participantId, body.version, {
          accountId: caller.accountId,
          loginName: caller.loginName,
        }),
      );
    },
  });
}

function answer(standing: TermsStanding) {
  return {
    inForce: standing.inForceVersion,
    coming: standing.comingVersion,
    mustAgree: standing.mustAgree,
    agreements: standing.agreements,
  };
}
