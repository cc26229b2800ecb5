import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../../api/route-table.js';
import type { DeskParts } from '../desk-parts.js';
import * as contract from '../../contract/index.js';

/** Mail the desk could not put on a ticket by itself: an operator assigns it or dismisses it (it is kept either way). */
export function heldMailRoutes(routes: RouteTable, parts: DeskParts): void {
  const { inbound, directory } = parts;
  const tag = 'desk';
  const mailPath = z.object({ mailId: uuidParam });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/mail/held',
    response: contract.heldMailList,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'held mail',
    tag,
    summary: 'Mail held for an operator (unknown senders, auto-replies, …), newest first, with what became of it',
    async handler(c, { recordAccess }) {
      const mails = await inbound.held();
      // Whose mail it is: the participant it was put on, or those whose registered address sent it.
      const senders = await Promise.all(
        [...new Set(mails.map((mail) => mail.from))].map((address) => directory.sendersOf(address)),
      );
      const assigned = mails.map((mail) => mail.participantId).filter((id): id is string => id !== null);
      await recordAccess([...new Set([...assigned, ...senders.flat().map((sender) => sender.participantId)])]);
      return { mails };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/mail/held/:mailId/assign',
    response: contract.heldMailAssigned,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary: "Put a held mail on a participant's ticket, or open a ticket with it",
    params: mailPath,
    body: z.object({ participantId: uuidParam, ticketId: uuidParam.optional() }),
    async handler(c, { params, body, recordAccess }) {
      const caller = callerOf(c);
      if (!(await directory.participant(body.participantId)))
        throw new ApiError(404, 'not_found', 'No such participant.');
      await recordAccess([body.participantId]);
      return await inbound.assign(
        params.mailId,
        body.participantId,
        body.ticketId,
        caller.displayName || caller.loginName,
      );
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/mail/held/:mailId/dismiss',
    response: contract.ok,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Dismiss a held mail (it is kept, marked dismissed with the reason)',
    params: mailPath,
    body: z.object({ reason: z.string().trim().min(1, 'say why').max(500) }),
    async handler(c, { params, body }) {
      const caller = callerOf(c);
      await inbound.dismiss(params.mailId, body.reason, caller.displayName || caller.loginName);
      return { ok: true };
    },
  });
}
