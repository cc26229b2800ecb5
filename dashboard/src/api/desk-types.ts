/**
 * The shapes of the REST API's desk routes that more than one page or component reads (the desk contract,
 * issue 8). Times are ISO 8601 UTC; the pages show them in JST. The server is the source: desk/ticket-views.ts
 * (ticket summaries, their SLA clocks from desk/rules/sla.ts), desk/evidence-ledger.ts (evidence),
 * desk/rules/ticket-rules.ts (categories, statuses, channels). The answers only one page reads are typed beside
 * it: the SLA report (desk/rules/sla-report.ts) and held mail (desk/inbound-mail-desk.ts) in
 * pages/desk/desk-api.ts, the full ticket in pages/tickets/tickets-api.ts.
 */
export type Localised = { ja: string; en: string };
export const CATEGORIES = ['installation', 'software_fault', 'service_usage', 'security_question', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const STATUSES = ['new', 'open', 'awaiting_participant', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export type Channel = 'portal' | 'email' | 'phone';
export type SlaState = 'running' | 'warning' | 'paused' | 'met' | 'breached';

export interface SlaClock {
  /** Business minutes. */
  targetMinutes: number;
  elapsedMinutes: number;
  /** Negative once breached. */
  remainingMinutes: number;
  /** When it will be breached if it keeps running; null while paused or met. */
  dueAt: string | null;
  state: SlaState;
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

export interface EvidenceSummary {
  evidenceId: string;
  query: string;
  from: string;
  to: string;
  deviceId: string | null;
  rowCount: number;
  sha256: string;
  createdAt: string;
  createdBy: string;
  integrity: 'intact' | 'altered';
}

/** A phone call an operator logs: on a ticket, or as a new ticket (with its subject and category). */
export interface PhoneCall {
  caller: string;
  /** ISO instant. */
  calledAt: string;
  durationMinutes: number;
  summary: string;
}
