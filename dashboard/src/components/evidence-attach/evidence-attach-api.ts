import { api } from '../../api/api-client.js';
import type { EvidenceDetail, TicketSummary } from '../../api/contract.js';

/** What the "attach as evidence" dialog needs of the desk API beyond api/desk-api.ts (the desk contract, issue 8). */
export type EvidenceTicket = Pick<
  TicketSummary,
  'ticketId' | 'participantId' | 'reference' | 'subject' | 'status' | 'updatedAt'
>;

export interface EvidenceRequest {
  query: string;
  /** ISO instants. */
  from: string;
  to: string;
  deviceId?: string;
  /** 1-500. */
  limit: number;
  /** The rows this query also matches are marked as answering the question. */
  markQuery?: string;
}

export function attachEvidence(
  participantId: string,
  ticketId: string,
  request: EvidenceRequest,
): Promise<EvidenceDetail> {
  return api<EvidenceDetail>(
    'POST',
    `/api/v1/admin/participants/${participantId}/tickets/${ticketId}/evidence`,
    request,
  );
}
