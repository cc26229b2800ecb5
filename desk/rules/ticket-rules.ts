import type { TicketStatus } from './sla.js';
import { TICKET_CATEGORIES, TICKET_CHANNELS, TICKET_STATUSES } from '../../contract/desk.js';

/**
 * What may happen to a ticket, by who does it. Art. 13: the desk answers inquiries about installing
 * the lent software, its faults and how to use the service; art. 1: security questions.
 */
// The vocabularies are the API contract's (the dashboard reads the same lists).
export { TICKET_CATEGORIES, TICKET_CHANNELS, TICKET_STATUSES };
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export type TicketRefusal = { code: 'ticket_closed' | 'invalid_transition'; message: string };

/** The status after the participant writes (portal, mail, or a diagnostics answer). */
export function statusAfterParticipantMessage(current: TicketStatus): TicketStatus | TicketRefusal {
  if (current === 'closed')
    return { code: 'ticket_closed', message: 'This ticket is closed; open a new one (you may mention its reference).' };
  // Nobody has answered a new ticket yet: it stays new. Otherwise the desk has something to do again.
  return current === 'new' ? 'new' : 'open';
}

/** The status after an operator's public reply. */
export function statusAfterReply(
  current: TicketStatus,
  requested: 'awaiting_participant' | 'resolved' | 'open',
): TicketStatus | TicketRefusal {
  if (current === 'closed')
    return { code: 'ticket_closed', message: 'This ticket is closed; reopen it (status "open") before replying.' };
  return requested;
}

/** An operator may set any status but the one the ticket has; reopening a closed ticket is "open". */
export function statusChangeByOperator(current: TicketStatus, requested: TicketStatus): TicketStatus | TicketRefusal {
  if (requested === current)
    return { code: 'invalid_transition', message: `The ticket already has the status "${current}".` };
  if (requested === 'new')
    return { code: 'invalid_transition', message: 'A ticket cannot become "new" again; use "open".' };
  return requested;
}

/** The participant says the question is answered. */
export function statusAfterParticipantResolves(current: TicketStatus): TicketStatus | TicketRefusal {
  if (current === 'closed') return { code: 'ticket_closed', message: 'This ticket is already closed.' };
  if (current === 'resolved') return { code: 'invalid_transition', message: 'This ticket is already resolved.' };
  return 'resolved';
}

/** Taking a new ticket means someone works on it. */
export function statusAfterAssignment(current: TicketStatus, assigneeId: string): TicketStatus {
  return current === 'new' && assigneeId ? 'open' : current;
}

/** Resolved tickets with no activity for this many days are closed by the desk job. */
export const AUTO_CLOSE_DAYS = 7;

export function isRefusal(value: TicketStatus | TicketRefusal): value is TicketRefusal {
  return typeof value === 'object';
}
