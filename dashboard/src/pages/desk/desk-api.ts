import { api, query } from '../../api/api-client.js';
import type { TicketSummary } from '../../api/desk-types.js';

/**
 * The desk page's own calls to the REST API and the types only it reads (the desk contract, issue 8; the shared
 * ones: api/desk-types.ts, api/desk-api.ts). Times are ISO UTC.
 */
export interface SlaSummaryRow {
  participantId: string;
  participantName: string;
  opened: number;
  firstResponseMet: number;
  firstResponseBreached: number;
  resolutionMet: number;
  resolutionBreached: number;
  medianFirstResponseMinutes: number | null;
}

export interface SlaReport {
  month: string;
  breaches: TicketSummary[];
  warnings: TicketSummary[];
  summary: SlaSummaryRow[];
  targets: { firstResponseMinutes: number; resolutionMinutes: number; warningShare: number };
}

export interface HeldMail {
  mailId: string;
  receivedAt: string;
  from: string;
  subject: string;
  /** The first 2,000 characters. */
  text: string;
  /** What the MX said of the sender ("dmarc=pass spf=pass dkim=pass"), "" when it said nothing. */
  authentication: string;
  /** Why it was held, a code (`unknown_sender`, `ambiguous_sender: …`). */
  reason: string;
  /** The operator's reason, once dismissed. */
  dismissReason: string | null;
  status: 'held' | 'assigned' | 'dismissed';
  /** The ticket it went to, once assigned. */
  ticketId: string | null;
  /** The participant an operator assigned it to. */
  participantId: string | null;
}

/** The queue's filters as the API takes them. */
export interface QueueFilters {
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
  const { participants } = await api<{ participants: { participant_id: string; name: string; status: string }[] }>('GET', '/api/v1/admin/participants');
  return participants
    .filter((p) => !NEVER_PARTICIPATED.has(p.status))
    .map((p) => ({ participantId: p.participant_id, name: p.name || p.participant_id, status: p.status }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

export async function fetchQueue(filters: QueueFilters): Promise<TicketSummary[]> {
  const { tickets } = await api<{ tickets: TicketSummary[] }>('GET', `/api/v1/admin/tickets${query({ ...filters })}`);
  return tickets;
}

export function fetchSlaReport(month: string): Promise<SlaReport> {
  return api<SlaReport>('GET', `/api/v1/admin/tickets/sla${query({ month })}`);
}

export async function fetchHeldMail(): Promise<HeldMail[]> {
  const { mails } = await api<{ mails: HeldMail[] }>('GET', '/api/v1/admin/mail/held');
  return mails;
}

export function assignHeldMail(mailId: string, participantId: string, ticketId?: string): Promise<{ ticketId: string; participantId: string }> {
  return api('POST', `/api/v1/admin/mail/held/${mailId}/assign`, { participantId, ...(ticketId ? { ticketId } : {}) });
}

export function dismissHeldMail(mailId: string, reason: string): Promise<{ ok: true }> {
  return api('POST', `/api/v1/admin/mail/held/${mailId}/dismiss`, { reason });
}
