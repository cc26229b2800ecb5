import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../../api/route-table.js';
import type { DeskParts } from '../desk-parts.js';

/** Mail the desk could not put on a ticket by itself: an operator assigns it or dismisses it (it is kept either way). */
export function heldMailRoutes(routes: RouteTable, parts: DeskParts): void {
  const { inbound, directory } = parts;
  const tag = 'desk';
  const mailPath = z.object({ mailId: uuidParam });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/mail/held',
    scope: 'operator',
    tag,
    summary: 'Mail held for an operator (unknown senders, auto-replies, …), newest first, with what became of it',
    async handler(c) {
      return c.json({ mails: await inbound.held() });
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/mail/held/:mailId/assign',
    scope: 'operator',
    tag,
    readsParticipantData: true,
    summary: 'Put a held mail on a participant\'s ticket, or open a ticket with it',
    params: mailPath,
    body: z.object({ participantId: uuidParam, ticketId: uuidParam.optional() }),
    async handler(c, { params, body, recordAccess }) {
      const caller = callerOf(c);
      if (!(await directory.participant(body.participantId))) throw new ApiError(404, 'not_found', 'No such participant.');
      await recordAccess([body.participantId]);
      return c.json(await inbound.assign(params.mailId, body.participantId, body.ticketId, caller.displayName || caller.loginName));
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/mail/held/:mailId/dismiss',
    scope: 'operator',
    tag,
    summary: 'Dismiss a held mail (it is kept, marked dismissed with the reason)',
    params: mailPath,
    body: z.object({ reason: z.string().trim().min(1, 'say why').max(500) }),
    async handler(c, { params, body }) {
      const caller = callerOf(c);
      await inbound.dismiss(params.mailId, body.reason, caller.displayName || caller.loginName);
      return c.json({ ok: true });
    },
  });
}
