import { api, query } from '../../api/api-client.js';

/** What the "attach as evidence" dialog needs of the desk API (the desk contract, issue 8). */
export interface EvidenceTicket {
  ticketId: string;
  participantId: string;
  reference: string;
  subject: string;
  status: 'new' | 'open' | 'awaiting_participant' | 'resolved' | 'closed';
  updatedAt: string;
}

export interface CreatedEvidence {
  evidenceId: string;
  query: string;
  from: string;
  to: string;
  deviceId: string | null;
  rowCount: number;
  sha256: string;
  createdAt: string;
}

export interface EvidenceRequest {
  query: string;
  /** ISO instants. */
  from: string;
  to: string;
  deviceId?: string;
  /** 1-500. */
  limit: number;
}

/** The participant's tickets that are not closed, newest first. */
export async function fetchOpenTickets(participantId: string): Promise<EvidenceTicket[]> {
  const { tickets } = await api<{ tickets: EvidenceTicket[] }>('GET', `/api/v1/participants/${participantId}/tickets${query({ status: 'new,open,awaiting_participant,resolved' })}`);
  return tickets.filter((ticket) => ticket.status !== 'closed');
}

export function attachEvidence(participantId: string, ticketId: string, request: EvidenceRequest): Promise<CreatedEvidence> {
  return api<CreatedEvidence>('POST', `/api/v1/admin/participants/${participantId}/tickets/${ticketId}/evidence`, request);
}

export function ticketHref(participantId: string, ticketId: string): string {
  return `/participants/${participantId}/tickets/${ticketId}`;
}
