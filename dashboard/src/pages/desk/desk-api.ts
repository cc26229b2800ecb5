import { api, query } from '../../api/api-client.js';
import type {
  HeldMail,
  HeldMailAssigned,
  HeldMailList,
  Ok,
  ParticipantList,
  SlaReport,
  TicketList,
  TicketSummary,
} from '../../api/contract.js';

/**
 * The desk page's own calls to the REST API and the types only it reads (the desk contract, issue 8; the shared
 * ones: api/desk-types.ts, api/desk-api.ts). Times are ISO UTC.
 */
export type { HeldMail, SlaReport, SlaSummaryRow } from '../../api/contract.js';

/** The queue's filters as the API takes them. */
export interface QueueFilters {
  /** Search text: reference, subject, participant, requester, messages. */
  q: string;
  status: string;
  participantId: string;
  assignee: string;
  category: string;
  sla: string;
}

export interface ParticipantOption {
  participantId: string;
  name: string;
  status: string;
}

/** Participants a ticket can belong to: those that were ever approved. */
const NEVER_PARTICIPATED = new Set(['applied', 'awaiting_applicant', 'rejected', 'lapsed']);

export async function fetchParticipants(): Promise<ParticipantOption[]> {
  const { participants } = await api<ParticipantList>('GET', '/api/v1/admin/participants');
  return participants
    .filter((p) => !NEVER_PARTICIPATED.has(p.status))
    .map((p) => ({ participantId: p.participant_id, name: p.name || p.participant_id, status: p.status }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

export async function fetchQueue(filters: QueueFilters): Promise<TicketSummary[]> {
  const { tickets } = await api<TicketList>('GET', `/api/v1/admin/tickets${query({ ...filters })}`);
  return tickets;
}

export function fetchSlaReport(month: string): Promise<SlaReport> {
  return api<SlaReport>('GET', `/api/v1/admin/tickets/sla${query({ month })}`);
}

/** The month's SLA as CSV (a download the browser fetches with the session cookie), headers in the UI's language. */
export function slaCsvUrl(month: string, table: 'tickets' | 'participants', lang: 'ja' | 'en'): string {
  return `/api/v1/admin/tickets/sla.csv${query({ month, table, lang })}`;
}

export async function fetchHeldMail(): Promise<HeldMail[]> {
  const { mails } = await api<HeldMailList>('GET', '/api/v1/admin/mail/held');
  return mails;
}

export function assignHeldMail(mailId: string, participantId: string, ticketId?: string): Promise<HeldMailAssigned> {
  return api('POST', `/api/v1/admin/mail/held/${mailId}/assign`, { participantId, ...(ticketId ? { ticketId } : {}) });
}

export function dismissHeldMail(mailId: string, reason: string): Promise<Ok> {
  return api('POST', `/api/v1/admin/mail/held/${mailId}/dismiss`, { reason });
}
