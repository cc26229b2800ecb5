import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../../api/route-table.js';
import type { DeskParts } from '../desk-parts.js';
import { EVIDENCE_MAX_ROWS } from '../evidence-ledger.js';
import { reachOut } from '../outreach.js';
import { TICKET_CATEGORIES } from '../rules/ticket-rules.js';
import { actorOf } from './participant-ticket-routes.js';
import * as contract from '../../contract/index.js';

const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 time with its offset, e.g. 2026-11-24T10:30:00+09:00' })
  .transform((text) => new Date(text));

/** `POST /api/v1/admin/participants/:participantId/outreach`: the desk opens a ticket to a participant (outreach.ts). */
export function outreachRoutes(routes: RouteTable, parts: DeskParts): void {
  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/outreach',
    response: contract.ticketDetail,
    scope: 'operator',
    participantData: 'recorded',
    tag: 'desk',
    summary:
      'Reach out: open a ticket to the participant with a message and optional evidence (a log query the server runs); the participant is mailed and sees it in the portal',
    successStatus: 201,
    params: z.object({ participantId: uuidParam }),
    body: z.object({
      subject: z.string().trim().min(1, 'a subject').max(200),
      category: z.enum(TICKET_CATEGORIES).default('security_question'),
      body: z.string().trim().min(1, 'the message to the participant').max(20_000),
      evidence: z
        .object({
          query: z.string().max(4000).default(''),
          from: instant,
          to: instant,
          deviceId: uuidParam.optional(),
          limit: z.coerce.number().int().min(1).max(EVIDENCE_MAX_ROWS).default(100),
          markQuery: z.string().max(4000).optional(),
        })
        .optional(),
    }),
    async handler(c, { params, body, recordAccess }) {
      if (body.evidence && body.evidence.to <= body.evidence.from)
        throw new ApiError(400, 'invalid_request', 'The range ends before it starts.', [
          { path: 'body.evidence.to', message: 'The range ends before it starts.' },
        ]);
      await recordAccess([params.participantId]);
      const ticket = await reachOut(parts, {
        participantId: params.participantId,
        subject: body.subject,
        category: body.category,
        body: body.body,
        evidence: body.evidence,
        operator: actorOf(callerOf(c)),
      });
      return parts.views.detail(ticket, 'operator');
    },
  });
}
