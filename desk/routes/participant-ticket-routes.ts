import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { fileDownload } from '../../api/file-download.js';
import { callerOf, rawResponse, uuidParam, type RouteTable } from '../../api/route-table.js';
import type { Caller } from '../../api/caller.js';
import type { DeskParts } from '../desk-parts.js';
import {
  statusAfterParticipantMessage,
  statusAfterParticipantResolves,
  TICKET_CATEGORIES,
  TICKET_STATUSES,
} from '../rules/ticket-rules.js';
import { filesField, filesOf, messageBody } from './ticket-files.js';
import { SEARCH_TEXT_MAX } from '../rules/ticket-search.js';
import { ticketsMatching } from '../ticket-search.js';
import * as contract from '../../contract/index.js';

/**
 * The participant's side of the desk: its users open tickets, write, resolve, read answers and their
 * evidence. The routes are participant-scoped: another participant's user is refused before the
 * handler runs, and an operator (with an access purpose) may read them, which is recorded.
 */
const participantPath = z.object({ participantId: uuidParam });
const ticketPath = participantPath.extend({ ticketId: uuidParam });

export const viewerOf = (caller: Caller) =>
  (caller.role === 'operator' ? 'operator' : 'participant_user') as 'operator' | 'participant_user';
export const actorOf = (caller: Caller) => ({
  accountId: caller.accountId,
  name: caller.displayName || caller.loginName,
});

export function participantTicketRoutes(routes: RouteTable, parts: DeskParts): void {
  const { desk, views, store, evidence, diagnostics, directory, maxAttachmentBytes } = parts;
  const tag = 'desk';
  const maxBodyBytes = parts.maxMessageBytes;

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/tickets',
    response: contract.ticketList,
    scope: 'participant',
    tag,
    summary:
      "The participant's tickets, newest first, with their SLA clocks; q searches reference, subject and the messages it can read",
    audit: 'tickets',
    params: participantPath,
    query: z.object({
      status: z.string().max(200).optional(),
      q: z.string().trim().max(SEARCH_TEXT_MAX, `search text of at most ${SEARCH_TEXT_MAX} characters`).optional(),
    }),
    async handler(c, { params, query, caller }) {
      const statuses = query.status
        ? query.status
            .split(',')
            .map((status) => status.trim())
            .filter(Boolean)
        : [];
      const unknown = statuses.filter((status) => !(TICKET_STATUSES as readonly string[]).includes(status));
      if (unknown.length > 0)
        throw new ApiError(
          400,
          'invalid_request',
          `Unknown status: ${unknown.join(', ')} (one of ${TICKET_STATUSES.join(', ')}).`,
        );
      const scope = await directory.lineageOf(params.participantId);
      const viewer = viewerOf(callerOf(c) ?? caller);
      const tickets = await store.tickets(scope, statuses);
      return { tickets: await ticketsMatching(store, await views.summaries(tickets, viewer), scope, query.q, viewer) };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/participants/:participantId/tickets',
    response: contract.ticketDetail,
    scope: 'participant',
    tag,
    summary: 'Open a ticket from the portal (multipart: subject, category, body, files)',
    successStatus: 201,
    params: participantPath,
    bodyKind: 'multipart',
    maxBodyBytes,
    body: z.object({
      subject: z.string().trim().min(1, 'write a subject (1-200 characters)').max(200),
      category: z.enum(TICKET_CATEGORIES),
      body: messageBody,
      files: filesField,
    }),
    async handler(c, { params, body }) {
      const caller = callerOf(c);
      if (caller.role === 'operator')
        throw new ApiError(
          403,
          'participant_only',
          "Operators record a ticket taken by phone with POST /api/v1/admin/participants/:participantId/tickets; this route is the participant's portal.",
        );
      const files = filesOf(body.files, maxAttachmentBytes);
      const account = await parts.accountEmail(caller.accountId);
      const ticket = await desk.open({
        participantId: params.participantId,
        subject: body.subject,
        category: body.category,
        channel: 'portal',
        requester: { accountId: caller.accountId, name: caller.displayName, email: account },
        body: body.body,
        files,
        via: 'portal',
        messageKind: 'participant_message',
        openedBy: actorOf(caller),
      });
      return await views.detail(ticket, viewerOf(caller));
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/tickets/:ticketId',
    response: contract.ticketDetail,
    scope: 'participant',
    tag,
    summary: 'One ticket: its messages, evidence, diagnostics requests, history and SLA clocks',
    audit: 'ticket',
    params: ticketPath,
    async handler(c, { params }) {
      const ticket = await desk.find(params.participantId, params.ticketId);
      return await views.detail(ticket, viewerOf(callerOf(c)));
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/participants/:participantId/tickets/:ticketId/messages',
    response: contract.ticketDetail,
    scope: 'participant',
    tag,
    summary:
      'The participant writes on its ticket (multipart: body, files); a waiting or resolved ticket is open again',
    successStatus: 201,
    params: ticketPath,
    bodyKind: 'multipart',
    maxBodyBytes,
    body: z.object({ body: messageBody, files: filesField }),
    async handler(c, { params, body }) {
      const caller = callerOf(c);
      if (caller.role === 'operator')
        throw new ApiError(
          403,
          'participant_only',
          'Operators answer with POST /api/v1/admin/participants/:participantId/tickets/:ticketId/replies (or /notes).',
        );
      const ticket = await desk.find(params.participantId, params.ticketId);
      const files = filesOf(body.files, maxAttachmentBytes);
      await desk.participantMessage(
        ticket,
        { author: actorOf(caller), body: body.body, files, via: 'portal' },
        statusAfterParticipantMessage,
      );
      return await views.detail(await desk.find(params.participantId, params.ticketId), 'participant_user');
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/participants/:participantId/tickets/:ticketId/resolve',
    response: contract.ticketDetail,
    scope: 'participant',
    tag,
    summary: 'The participant says its question is answered (status resolved)',
    params: ticketPath,
    body: z.object({}).default({}),
    async handler(c, { params }) {
      const caller = callerOf(c);
      const ticket = await desk.find(params.participantId, params.ticketId);
      await desk.setStatus(
        ticket,
        actorOf(caller),
        statusAfterParticipantResolves(ticket.status),
        'participant_resolved',
      );
      return await views.detail(await desk.find(params.participantId, params.ticketId), viewerOf(caller));
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/tickets/:ticketId/attachments/:attachmentId',
    response: rawResponse('The file, with its SHA-256 in X-Content-SHA256', 'application/octet-stream'),
    scope: 'participant',
    tag,
    summary: 'A file of the ticket (the bytes, with their SHA-256 in X-Content-SHA256)',
    audit: 'ticket attachment',
    params: ticketPath.extend({ attachmentId: uuidParam }),
    async handler(c, { params }) {
      const caller = callerOf(c);
      const ticket = await desk.find(params.participantId, params.ticketId);
      const file = await store.attachmentContent(ticket.participant_id, ticket.ticket_id, params.attachmentId);
      if (!file) throw new ApiError(404, 'not_found', 'No such file on this ticket.');
      if (caller.role !== 'operator') {
        const messages = await store.messages(ticket.participant_id, ticket.ticket_id);
        const internal = messages.some(
          (message) => message.kind === 'internal_note' && message.attachment_ids.includes(params.attachmentId),
        );
        if (internal) throw new ApiError(404, 'not_found', 'No such file on this ticket.');
      }
      return fileDownload(c, {
        filename: file.filename,
        contentType: file.content_type,
        sha256: file.sha256,
        sizeBytes: Number(file.size_bytes),
        body: file.body,
      });
    },
  });

  /** A participant's user sees only evidence that an operator sent in a reply. */
  const sentEvidence = async (participantId: string, ticketId: string, evidenceId: string, caller: Caller) => {
    const ticket = await desk.find(participantId, ticketId);
    const messages = await store.messages(ticket.participant_id, ticket.ticket_id);
    const reply = messages.find(
      (message) => message.kind === 'operator_reply' && message.evidence_ids.includes(evidenceId),
    );
    if (!reply && caller.role !== 'operator') throw new ApiError(404, 'not_found', 'No such evidence on this ticket.');
    const sentHash = reply ? reply.evidence_sha256[reply.evidence_ids.indexOf(evidenceId)] : undefined;
    return { ticket, sentHash };
  };

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/tickets/:ticketId/evidence/:evidenceId',
    response: contract.evidenceDetail,
    scope: 'participant',
    tag,
    summary:
      'Evidence of an answer: the saved query, the snapshot rows and whether they still match their SHA-256 (intact / altered)',
    audit: 'ticket evidence',
    params: ticketPath.extend({ evidenceId: uuidParam }),
    async handler(c, { params }) {
      const { ticket, sentHash } = await sentEvidence(
        params.participantId,
        params.ticketId,
        params.evidenceId,
        callerOf(c),
      );
      return await evidence.detail(ticket, params.evidenceId, sentHash);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/tickets/:ticketId/evidence/:evidenceId/rerun',
    response: contract.evidenceRerun,
    scope: 'participant',
    tag,
    summary: "Runs the evidence's query again over the same range and says whether it returns the snapshot's rows",
    audit: 'ticket evidence re-run',
    params: ticketPath.extend({ evidenceId: uuidParam }),
    async handler(c, { params }) {
      const { ticket } = await sentEvidence(params.participantId, params.ticketId, params.evidenceId, callerOf(c));
      return await evidence.rerun(ticket, params.evidenceId);
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/participants/:participantId/tickets/:ticketId/diagnostics/:requestId/answer',
    response: contract.ticketDetail,
    scope: 'participant',
    tag,
    summary: 'The participant answers a diagnostics request of the desk (multipart: body, files)',
    successStatus: 201,
    params: ticketPath.extend({ requestId: uuidParam }),
    bodyKind: 'multipart',
    maxBodyBytes,
    body: z.object({ body: messageBody, files: filesField }),
    async handler(c, { params, body }) {
      const caller = callerOf(c);
      if (caller.role === 'operator')
        throw new ApiError(403, 'participant_only', 'Only the participant answers its diagnostics requests.');
      const ticket = await desk.find(params.participantId, params.ticketId);
      const files = filesOf(body.files, maxAttachmentBytes);
      await diagnostics.markAnswered(ticket, params.requestId);
      await desk.participantMessage(
        ticket,
        {
          author: actorOf(caller),
          body: body.body,
          files,
          via: 'portal',
          kind: 'diagnostics_answer',
          diagnosticsRequestId: params.requestId,
        },
        statusAfterParticipantMessage,
      );
      return await views.detail(await desk.find(params.participantId, params.ticketId), 'participant_user');
    },
  });
}
