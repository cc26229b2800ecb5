import { api, query } from './api-client.js';
import type { TicketDetail, TicketList, TicketSummary } from './contract.js';
import type { Category, PhoneCall, Status } from './desk-types.js';

/** The desk routes more than one page or component calls (their types: desk-types.ts). */

/** A participant's tickets, newest first; `statuses` null for all of them. */
export async function fetchParticipantTickets(
  participantId: string,
  statuses: readonly Status[] | null,
): Promise<TicketSummary[]> {
  const { tickets } = await api<TicketList>(
    'GET',
    `/api/v1/participants/${participantId}/tickets${query({ status: statuses?.join(',') })}`,
  );
  return tickets;
}

/** The participant's tickets that are not closed (those a mail or evidence can still go to), newest first. */
export async function fetchTicketsNotClosed(participantId: string): Promise<TicketSummary[]> {
  const tickets = await fetchParticipantTickets(participantId, ['new', 'open', 'awaiting_participant', 'resolved']);
  return tickets.filter((ticket) => ticket.status !== 'closed');
}

/** An operator logs a phone call as a new ticket (its first response is the call). */
export function createPhoneTicket(
  participantId: string,
  call: { subject: string; category: Category } & PhoneCall,
): Promise<TicketDetail> {
  return api<TicketDetail>('POST', `/api/v1/admin/participants/${participantId}/tickets`, {
    channel: 'phone',
    ...call,
  });
}

/** What the desk sends when it reaches out: a message, and optionally a search kept as evidence (ISO instants). */
export interface OutreachRequest {
  subject: string;
  category?: Category;
  body: string;
  evidence?: { query: string; from: string; to: string; deviceId?: string; limit: number };
}

/** An operator opens a ticket *to* the participant (issue 19); the participant is mailed and sees it in its portal. */
export function reachOut(participantId: string, request: OutreachRequest): Promise<TicketDetail> {
  return api<TicketDetail>('POST', `/api/v1/admin/participants/${participantId}/outreach`, request);
}
