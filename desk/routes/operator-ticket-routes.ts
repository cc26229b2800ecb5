import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { callerOf, uuidParam, type HandlerResult, type RouteTable } from '../../api/route-table.js';
import type { DeskParts } from '../desk-parts.js';
import { EVIDENCE_MAX_ROWS } from '../evidence-ledger.js';
import { slaStateRank } from '../rules/sla.js';
import {
  statusAfterAssignment,
  statusAfterReply,
  statusChangeByOperator,
  TICKET_CATEGORIES,
  TICKET_STATUSES,
} from '../rules/ticket-rules.js';
import { actorOf } from './participant-ticket-routes.js';
import { SEARCH_TEXT_MAX } from '../rules/ticket-search.js';
import { ticketsMatching } from '../ticket-search.js';
import { filesField, filesOf, messageBody } from './ticket-files.js';
import * as contract from '../../contract/index.js';

/**
 * The operators' side of the desk: the queue across participants, SLA breaches and the monthly
 * summary, answers with evidence, internal notes, phone calls, status, assignment, category and
 * diagnostics requests (the SLA report: sla-routes.ts). Each route that shows or changes a participant's ticket records the access.
 */
const participantPath = z.object({ participantId: uuidParam });
const ticketPath = participantPath.extend({ ticketId: uuidParam });
const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 time with its offset, e.g. 2026-11-24T10:30:00+09:00' })
  .transform((text) => new Date(text));
const phoneCall = z.object({
  caller: z.string().trim().min(1, 'who called').max(200),
  calledAt: instant,
  durationMinutes: z.coerce.number().int().min(0).max(600),
  summary: z.string().trim().min(1, 'what was said').max(20_000),
});

export function operatorTicketRoutes(routes: RouteTable, parts: DeskParts): void {
  const { desk, views, store, evidence, diagnostics, directory, maxAttachmentBytes } = parts;
  const tag = 'desk';
  const maxBodyBytes = parts.maxMessageBytes;
  const ticketDetail = async (participantId: string, ticketId: string) =>
    views.detail(await desk.find(participantId, ticketId), 'operator');

  routes.add({
    method: 'get',
    path: '/api/v1/admin/tickets',
    response: contract.ticketList,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary:
      "The desk's queue: tickets of every participant, breached and nearest due first; q searches reference, subject, participant, requester and messages (every status unless status is given)",
    query: z.object({
      status: z.string().max(200).optional(),
      participantId: uuidParam.optional(),
      assignee: z.union([z.enum(['me', 'none']), uuidParam]).optional(),
      category: z.enum(TICKET_CATEGORIES).optional(),
      sla: z.enum(['warning', 'breached']).optional(),
      q: z.string().trim().max(SEARCH_TEXT_MAX, `search text of at most ${SEARCH_TEXT_MAX} characters`).optional(),
    }),
    async handler(c, { query, recordAccess }) {
      const caller = callerOf(c);
      const statuses = query.status
        ? query.status
            .split(',')
            .map((status) => status.trim())
            .filter(Boolean)
        : // A search looks through every status (an old answer is often what is sought); the queue shows the open ones.
          query.q
          ? []
          : ['new', 'open', 'awaiting_participant'];
      const unknown = statuses.filter((status) => !(TICKET_STATUSES as readonly string[]).includes(status));
      if (unknown.length > 0)
        throw new ApiError(
          400,
          'invalid_request',
          `Unknown status: ${unknown.join(', ')} (one of ${TICKET_STATUSES.join(', ')}).`,
        );
      const scope = query.participantId ? await directory.lineageOf(query.participantId) : [];
      let tickets = await store.tickets(scope, statuses);
      if (query.assignee)
        tickets = tickets.filter(
          (ticket) =>
            ticket.assignee_id ===
            (query.assignee === 'me' ? caller.accountId : query.assignee === 'none' ? '' : query.assignee),
        );
      if (query.category) tickets = tickets.filter((ticket) => ticket.category === query.category);
      let summaries = await ticketsMatching(
        store,
        await views.summaries(tickets, 'operator'),
        scope,
        query.q,
        'operator',
      );
      if (query.sla)
        summaries = summaries.filter(
          (ticket) => ticket.sla.firstResponse.state === query.sla || ticket.sla.resolution.state === query.sla,
        );
      const rank = (ticket: (typeof summaries)[number]) =>
        Math.min(slaStateRank(ticket.sla.firstResponse as never), slaStateRank(ticket.sla.resolution as never));
      const due = (ticket: (typeof summaries)[number]) =>
        Math.min(
          ...[ticket.sla.firstResponse.dueAt, ticket.sla.resolution.dueAt]
            .filter((at): at is string => at !== null)
            .map((at) => Date.parse(at)),
          Number.MAX_SAFE_INTEGER,
        );
      summaries.sort((a, b) => rank(a) - rank(b) || due(a) - due(b));
      await recordAccess([...new Set(summaries.map((ticket) => ticket.participantId))]);
      return { tickets: summaries };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/operators',
    response: contract.operatorList,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: "The desk's operators (to assign tickets)",
    async handler() {
      return {
        operators: (await directory.operators()).map(({ accountId, loginName, displayName }) => ({
          accountId,
          loginName,
          displayName,
        })),
      };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/tickets',
    response: contract.ticketDetail,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary: 'Log a phone call as a ticket (art. 13); the call is its first response',
    successStatus: 201,
    params: participantPath,
    body: phoneCall.extend({
      channel: z.literal('phone').default('phone'),
      subject: z.string().trim().min(1).max(200),
      category: z.enum(TICKET_CATEGORIES),
    }),
    async handler(c, { params, body, recordAccess }) {
      const caller = callerOf(c);
      const participant = await directory.participant(params.participantId);
      if (!participant) throw new ApiError(404, 'not_found', 'No such participant.');
      await recordAccess([params.participantId]);
      const ticket = await desk.open({
        participantId: params.participantId,
        subject: body.subject,
        category: body.category,
        channel: 'phone',
        requester: { accountId: '', name: body.caller, email: participant.contactEmail },
        body: body.summary,
        files: [],
        via: 'phone',
        messageKind: 'phone_call',
        phone: { caller: body.caller, calledAt: body.calledAt, durationMinutes: body.durationMinutes },
        openedBy: actorOf(caller),
      });
      return await views.detail(ticket, 'operator');
    },
  });

  /** Every route below acts on one ticket of the participant in the path. */
  const onTicket = <B extends z.ZodType, R extends z.ZodType = typeof contract.ticketDetail>(route: {
    method: 'post' | 'put' | 'get';
    suffix: string;
    summary: string;
    body?: B;
    multipart?: boolean;
    /** The ticket as it now is, unless the route answers something else. */
    response?: R;
    run: (input: {
      participantId: string;
      ticketId: string;
      requestId: string;
      body: z.infer<B>;
      caller: ReturnType<typeof callerOf>;
    }) => Promise<z.input<R>>;
  }) => {
    routes.add({
      method: route.method,
      path: `/api/v1/admin/participants/:participantId/tickets/:ticketId${route.suffix}`,
      response: (route.response ?? contract.ticketDetail) as R,
      scope: 'operator',
      participantData: 'recorded',
      tag,
      summary: route.summary,
      successStatus: route.method === 'post' ? 201 : 200,
      params: ticketPath.extend(route.suffix.includes(':requestId') ? { requestId: uuidParam } : {}),
      ...(route.body ? { body: route.body } : {}),
      ...(route.multipart ? { bodyKind: 'multipart' as const, maxBodyBytes } : {}),
      async handler(c, { params, body, recordAccess }) {
        await recordAccess([params.participantId]);
        const caller = callerOf(c);
        const { requestId = '' } = params as { requestId?: string };
        return route.run({
          participantId: params.participantId,
          ticketId: params.ticketId,
          requestId,
          body: body as z.infer<B>,
          caller,
        }) as Promise<HandlerResult<R>>;
      },
    });
  };

  onTicket({
    method: 'post',
    suffix: '/replies',
    summary:
      'Answer the participant (multipart: body, evidenceIds, statusAfter, files); the answer is mailed, threaded',
    multipart: true,
    body: z.object({
      body: messageBody,
      evidenceIds: z
        .string()
        .max(4000)
        .default('')
        .transform((text) =>
          text
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
        )
        .pipe(z.array(uuidParam).max(20)),
      statusAfter: z.enum(['awaiting_participant', 'resolved', 'open']).default('awaiting_participant'),
      files: filesField,
    }),
    async run({ participantId, ticketId, body, caller }) {
      const ticket = await desk.find(participantId, ticketId);
      const files = filesOf(body.files, maxAttachmentBytes);
      await desk.reply(ticket, {
        operator: actorOf(caller),
        body: body.body,
        files,
        evidenceIds: body.evidenceIds,
        statusAfter: statusAfterReply(ticket.status, body.statusAfter),
      });
      return ticketDetail(participantId, ticketId);
    },
  });

  onTicket({
    method: 'post',
    suffix: '/notes',
    summary: 'An internal note (operators only; never shown or sent to the participant)',
    multipart: true,
    body: z.object({ body: messageBody, files: filesField }),
    async run({ participantId, ticketId, body, caller }) {
      const ticket = await desk.find(participantId, ticketId);
      await desk.note(ticket, {
        operator: actorOf(caller),
        body: body.body,
        files: filesOf(body.files, maxAttachmentBytes),
      });
      return ticketDetail(participantId, ticketId);
    },
  });

  onTicket({
    method: 'post',
    suffix: '/calls',
    summary: 'Log a later phone call on the ticket',
    body: phoneCall,
    async run({ participantId, ticketId, body, caller }) {
      const ticket = await desk.find(participantId, ticketId);
      await desk.logCall(ticket, { operator: actorOf(caller), ...body });
      return ticketDetail(participantId, ticketId);
    },
  });

  onTicket({
    method: 'put',
    suffix: '/status',
    summary: 'Change the status (the participant is mailed when it is resolved, closed or reopened)',
    body: z.object({ status: z.enum(TICKET_STATUSES) }),
    async run({ participantId, ticketId, body, caller }) {
      const ticket = await desk.find(participantId, ticketId);
      await desk.setStatus(ticket, actorOf(caller), statusChangeByOperator(ticket.status, body.status), 'operator');
      return ticketDetail(participantId, ticketId);
    },
  });

  onTicket({
    method: 'put',
    suffix: '/assignee',
    summary: 'Assign the ticket to an operator (null: nobody); a new ticket becomes open',
    body: z.object({ assigneeId: uuidParam.nullable() }),
    async run({ participantId, ticketId, body, caller }) {
      const ticket = await desk.find(participantId, ticketId);
      const assigneeId = body.assigneeId ?? '';
      if (assigneeId && !(await directory.operators()).some((operator) => operator.accountId === assigneeId))
        throw new ApiError(400, 'invalid_request', 'The assignee must be an active operator account.');
      await desk.assign(ticket, actorOf(caller), assigneeId, statusAfterAssignment(ticket.status, assigneeId));
      return ticketDetail(participantId, ticketId);
    },
  });

  onTicket({
    method: 'put',
    suffix: '/category',
    summary: 'Set the category',
    body: z.object({ category: z.enum(TICKET_CATEGORIES) }),
    async run({ participantId, ticketId, body, caller }) {
      const ticket = await desk.find(participantId, ticketId);
      await desk.setCategory(ticket, actorOf(caller), body.category);
      return ticketDetail(participantId, ticketId);
    },
  });

  onTicket({
    method: 'post',
    suffix: '/evidence',
    response: contract.evidenceDetail,
    summary:
      "Capture evidence: the server runs the log query over the participant's data and keeps the query and a hashed snapshot of its rows",
    body: z.object({
      query: z.string().max(4000).default(''),
      from: instant,
      to: instant,
      deviceId: uuidParam.optional(),
      limit: z.coerce.number().int().min(1).max(EVIDENCE_MAX_ROWS).default(100),
      markQuery: z.string().max(4000).optional(),
    }),
    async run({ participantId, ticketId, body, caller }) {
      if (body.to <= body.from) throw new ApiError(400, 'invalid_request', 'The range ends before it starts.');
      const ticket = await desk.find(participantId, ticketId);
      if (ticket.status === 'closed')
        throw new ApiError(409, 'ticket_closed', 'This ticket is closed; reopen it before adding evidence.');
      return evidence.capture(
        ticket,
        {
          query: body.query,
          from: body.from,
          to: body.to,
          deviceId: body.deviceId,
          limit: body.limit,
          markQuery: body.markQuery,
        },
        caller.displayName || caller.loginName,
      );
    },
  });

  onTicket({
    method: 'post',
    suffix: '/diagnostics',
    summary:
      "Request diagnostic information: from the participant's agent (a request_diagnostics command) or from the participant (a form)",
    body: z.discriminatedUnion('via', [
      z.object({
        via: z.literal('agent'),
        deviceId: uuidParam,
        include: z
          .array(z.enum(['agent_log', 'buffer_state', 'system_info', 'network']))
          .min(1)
          .default(['agent_log', 'buffer_state']),
      }),
      z.object({
        via: z.literal('form'),
        instructions: z.string().trim().min(1, 'say what the participant should send').max(5000),
      }),
    ]),
    async run({ participantId, ticketId, body, caller }) {
      const ticket = await desk.find(participantId, ticketId);
      const by = caller.displayName || caller.loginName;
      if (body.via === 'agent') await diagnostics.requestFromAgent(ticket, body.deviceId, body.include, by);
      else await diagnostics.requestFromParticipant(ticket, body.instructions, by);
      return ticketDetail(participantId, ticketId);
    },
  });

  onTicket({
    method: 'get',
    suffix: '/diagnostics/:requestId',
    response: contract.diagnosticsBundle,
    summary: 'The diagnostics bundle an agent sent for a request of this ticket',
    async run({ participantId, ticketId, requestId }) {
      const ticket = await desk.find(participantId, ticketId);
      return diagnostics.bundle(ticket, requestId);
    },
  });
}
