import { api, query } from '../../api/api-client.js';

/** The desk's calls to the REST API and their types (the desk contract, issue 8). Times are ISO UTC. */
export const CATEGORIES = ['installation', 'software_fault', 'service_usage', 'security_question', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const STATUSES = ['new', 'open', 'awaiting_participant', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export type Channel = 'portal' | 'email' | 'phone';

export interface SlaClock {
  /** Business minutes. */
  targetMinutes: number;
  elapsedMinutes: number;
  /** Negative once breached. */
  remainingMinutes: number;
  /** When it will be breached if it keeps running; null while paused or met. */
  dueAt: string | null;
  state: 'running' | 'warning' | 'paused' | 'met' | 'breached';
  metAt: string | null;
  breachedAt: string | null;
}

export interface TicketSummary {
  ticketId: string;
  participantId: string;
  participantName: string;
  reference: string;
  subject: string;
  category: Category;
  status: Status;
  channel: Channel;
  requesterName: string;
  requesterEmail: string;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: string;
  updatedAt: string;
  sla: { firstResponse: SlaClock; resolution: SlaClock };
}

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
  /** Why it was held, a code (`unknown_sender`, `ambiguous_sender: …`). */
  reason: string;
  /** Not sent by the server yet (asked for): the operator's reason, once dismissed. */
  dismissReason?: string;
  status: 'held' | 'assigned' | 'dismissed';
  /** The ticket it went to, once assigned. */
  ticketId?: string | null;
  /** Not sent by the server: the desk remembers whom it assigned the mail to. */
  participantId?: string | null;
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

export async function fetchParticipantTickets(participantId: string, status?: string): Promise<TicketSummary[]> {
  const { tickets } = await api<{ tickets: TicketSummary[] }>('GET', `/api/v1/participants/${participantId}/tickets${query({ status })}`);
  return tickets;
}

export interface PhoneCall {
  subject: string;
  category: Category;
  caller: string;
  /** ISO instant. */
  calledAt: string;
  durationMinutes: number;
  summary: string;
}

export function logPhoneCall(participantId: string, call: PhoneCall): Promise<TicketSummary> {
  return api<TicketSummary>('POST', `/api/v1/admin/participants/${participantId}/tickets`, { channel: 'phone', ...call });
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

export function ticketPath(participantId: string, ticketId: string): string {
  return `/participants/${participantId}/tickets/${ticketId}`;
}
