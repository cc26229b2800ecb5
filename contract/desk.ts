import { z } from 'zod';
import { count, localised, time, uuid } from './common.js';

/** Consultation tickets, their SLA clocks, evidence, diagnostics requests and held mail. Times are ISO 8601 UTC. */
export const TICKET_CATEGORIES = [
  'installation',
  'software_fault',
  'service_usage',
  'security_question',
  'other',
] as const;
export const TICKET_STATUSES = ['new', 'open', 'awaiting_participant', 'resolved', 'closed'] as const;
// 'desk': opened by an operator to reach out to the participant (issue 19).
export const TICKET_CHANNELS = ['portal', 'email', 'phone', 'desk'] as const;
export const SLA_STATES = ['running', 'warning', 'paused', 'met', 'breached'] as const;
export const MESSAGE_KINDS = [
  'participant_message',
  'operator_reply',
  'internal_note',
  'phone_call',
  'diagnostics_answer',
] as const;
export const DIAGNOSTICS_ITEMS = ['agent_log', 'buffer_state', 'system_info', 'network'] as const;
export type Category = (typeof TICKET_CATEGORIES)[number];
export type Status = (typeof TICKET_STATUSES)[number];
export type Channel = (typeof TICKET_CHANNELS)[number];
export type SlaState = (typeof SLA_STATES)[number];
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type DiagnosticsItem = (typeof DIAGNOSTICS_ITEMS)[number];

export const slaClock = z.object({
  /** Business minutes. */
  targetMinutes: z.number(),
  elapsedMinutes: z.number(),
  /** Negative once breached. */
  remainingMinutes: z.number(),
  /** When it will be breached if it keeps running (breached: when it did); null while paused or met. */
  dueAt: time.nullable(),
  state: z.enum(SLA_STATES),
  metAt: time.nullable(),
  breachedAt: time.nullable(),
});
export type SlaClock = z.infer<typeof slaClock>;

export const ticketSummary = z.object({
  ticketId: uuid,
  participantId: uuid,
  participantName: z.string(),
  reference: z.string(),
  subject: z.string(),
  category: z.enum(TICKET_CATEGORIES),
  status: z.enum(TICKET_STATUSES),
  channel: z.enum(TICKET_CHANNELS),
  requesterName: z.string(),
  requesterEmail: z.string(),
  assigneeId: uuid.nullable(),
  assigneeName: z.string().nullable(),
  createdAt: time,
  updatedAt: time,
  sla: z.object({ firstResponse: slaClock, resolution: slaClock }),
});
export type TicketSummary = z.infer<typeof ticketSummary>;
export const ticketList = z.object({ tickets: z.array(ticketSummary) });

export const evidenceSummary = z.object({
  evidenceId: uuid,
  query: z.string(),
  from: time,
  to: time,
  deviceId: uuid.nullable(),
  rowCount: z.number(),
  sha256: z.string(),
  createdAt: time,
  createdBy: z.string(),
  integrity: z.enum(['intact', 'altered']),
  /** The query that marked the rows answering the question ('' when no row is marked). */
  markQuery: z.string(),
  markedCount: z.number(),
});
export type EvidenceSummary = z.infer<typeof evidenceSummary>;
/** A snapshot row: the event's columns as the query returned them (each value a JSON value). */
export const snapshotRow = z.record(z.string(), z.unknown());
export type SnapshotRow = z.infer<typeof snapshotRow>;
export const evidenceDetail = evidenceSummary.extend({
  columns: z.array(z.string()),
  rows: z.array(snapshotRow),
  /** Positions in `rows` (0-based) of the rows marked as answering the question; covered by the SHA-256. */
  markedRows: z.array(z.number().int().nonnegative()),
  computedSha256: z.string(),
});
export type EvidenceDetail = z.infer<typeof evidenceDetail>;
export const evidenceRerun = z.object({
  rows: z.array(snapshotRow),
  columns: z.array(z.string()),
  rowCount: z.number(),
  sameAsSnapshot: z.boolean(),
  ranAt: time,
});
export type EvidenceRerun = z.infer<typeof evidenceRerun>;

export const attachment = z.object({
  attachmentId: uuid,
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedAt: time,
});
export type Attachment = z.infer<typeof attachment>;
export const ticketMessage = z.object({
  messageId: uuid,
  kind: z.enum(MESSAGE_KINDS),
  via: z.enum(['portal', 'email', 'phone', 'dashboard']),
  authorName: z.string(),
  createdAt: time,
  body: z.string(),
  phone: z.object({ caller: z.string(), calledAt: time.nullable(), durationMinutes: z.number() }).optional(),
  attachments: z.array(attachment),
  evidence: z.array(evidenceSummary),
  diagnosticsRequestId: uuid.optional(),
  /** Operators, mail only: what the MX said of the sender ("dmarc=pass spf=pass dkim=pass"; "" when nothing). */
  mailAuthentication: z.string().optional(),
});
export type TicketMessage = z.infer<typeof ticketMessage>;

export const diagnosticsRequest = z.object({
  requestId: uuid,
  via: z.enum(['agent', 'form']),
  deviceId: uuid.nullable(),
  hostname: z.string().nullable(),
  include: z.array(z.string()),
  instructions: z.string(),
  status: z.enum(['waiting_for_device', 'sent', 'received', 'awaiting_answer', 'answered']),
  requestedAt: time,
  requestedBy: z.string(),
  receivedAt: time.nullable(),
});
export type DiagnosticsRequest = z.infer<typeof diagnosticsRequest>;
export const historyEntry = z.object({
  at: time,
  by: z.string(),
  change: z.string(),
  detail: z.record(z.string(), z.string()),
  /** What happened, in both languages (from the change code and its detail: desk/rules/history-text.ts). */
  text: localised,
});
export type HistoryEntry = z.infer<typeof historyEntry>;
export const MAIL_OUTCOMES = ['queued', 'sent', 'not_configured', 'failed_retryable', 'failed_permanent'] as const;
/** A mail the desk sent (or tried to send) about the ticket, and what the relay last said. Operators only. */
export const ticketMail = z.object({
  kind: z.string(),
  recipients: z.array(z.string()),
  subject: z.string(),
  createdAt: time,
  outcome: z.string(),
  response: z.string(),
});
export type TicketMail = z.infer<typeof ticketMail>;

export const ticketDetail = ticketSummary.extend({
  messages: z.array(ticketMessage),
  pendingEvidence: z.array(evidenceSummary),
  diagnostics: z.array(diagnosticsRequest),
  history: z.array(historyEntry),
  /** Operators only; an empty array for participant users. */
  mails: z.array(ticketMail),
  disclaimer: localised,
});
export type TicketDetail = z.infer<typeof ticketDetail>;

export const diagnosticsBundle = z.object({ requestId: uuid, deviceId: uuid, receivedAt: time, content: z.unknown() });
export type DiagnosticsBundle = z.infer<typeof diagnosticsBundle>;

export const operatorAccount = z.object({ accountId: uuid, loginName: z.string(), displayName: z.string() });
export type OperatorAccount = z.infer<typeof operatorAccount>;
export const operatorList = z.object({ operators: z.array(operatorAccount) });

export const slaSummaryRow = z.object({
  participantId: uuid,
  participantName: z.string(),
  opened: count,
  firstResponseMet: count,
  firstResponseBreached: count,
  resolutionMet: count,
  resolutionBreached: count,
  medianFirstResponseMinutes: z.number().nullable(),
});
export type SlaSummaryRow = z.infer<typeof slaSummaryRow>;
export const slaReport = z.object({
  month: z.string(),
  breaches: z.array(ticketSummary),
  warnings: z.array(ticketSummary),
  summary: z.array(slaSummaryRow),
  targets: z.object({ firstResponseMinutes: z.number(), resolutionMinutes: z.number(), warningShare: z.number() }),
});
export type SlaReport = z.infer<typeof slaReport>;

export const heldMail = z.object({
  mailId: uuid,
  receivedAt: time,
  from: z.string(),
  subject: z.string(),
  /** The first 2,000 characters. */
  text: z.string(),
  /** What the MX said of the sender ("dmarc=pass spf=pass dkim=pass"), "" when it said nothing. */
  authentication: z.string(),
  /** Why it was held, a code (`unknown_sender`, `ambiguous_sender: …`). */
  reason: z.string(),
  status: z.enum(['held', 'assigned', 'dismissed']),
  /** Where an operator put it (assigned). */
  participantId: uuid.nullable(),
  ticketId: uuid.nullable(),
  /** The operator's reason, once dismissed. */
  dismissReason: z.string().nullable(),
});
export type HeldMail = z.infer<typeof heldMail>;
export const heldMailList = z.object({ mails: z.array(heldMail) });
export const heldMailAssigned = z.object({ ticketId: uuid, participantId: uuid });

/** The answers as types (what the dashboard and the tests read). */
export type TicketList = z.infer<typeof ticketList>;
export type OperatorList = z.infer<typeof operatorList>;
export type HeldMailList = z.infer<typeof heldMailList>;
export type HeldMailAssigned = z.infer<typeof heldMailAssigned>;

/** An answer template (定型文) as stored: its title and body in both languages. */
export const replyTemplate = z.object({
  templateId: uuid,
  title: localised,
  body: localised,
  changedAt: time,
  changedBy: z.string(),
});
export type ReplyTemplate = z.infer<typeof replyTemplate>;
export const replyTemplateList = z.object({ templates: z.array(replyTemplate) });
export type ReplyTemplateList = z.infer<typeof replyTemplateList>;

/** The templates offered on one ticket: in the ticket's language, placeholders filled from the ticket. */
export const ticketTemplates = z.object({
  language: z.enum(['ja', 'en']),
  templates: z.array(z.object({ templateId: uuid, title: z.string(), body: z.string() })),
});
export type TicketTemplates = z.infer<typeof ticketTemplates>;
