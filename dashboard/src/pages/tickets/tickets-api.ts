import { api } from '../../api/api-client.js';
import type { Category, PhoneCall, Status } from '../../api/desk-types.js';
import type {
  DeviceList,
  DiagnosticsBundle,
  DiagnosticsItem,
  EvidenceDetail,
  EvidenceRerun,
  Localised,
  OperatorList,
  SnapshotRow,
  TicketDetail,
} from '../../api/contract.js';
import type { Device } from '../../api/contract.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { language } from '../../i18n/i18n.js';

/**
 * The ticket pages' calls to the REST API (the desk contract, issue 8) and the types only they read (the shared
 * ones: api/desk-types.ts). Times are ISO 8601 UTC; the pages show them in JST. The routes that take files get
 * a FormData (multipart; a 413 `attachment_too_large` names the file and the limit), the others JSON, both
 * through `api()`.
 */

/** Not yet resolved or closed: the list shows these by default. */
export const OPEN_STATUSES: readonly Status[] = ['new', 'open', 'awaiting_participant'];
export const DONE_STATUSES: readonly Status[] = ['resolved', 'closed'];
export type { MessageKind } from '../../api/contract.js';
export const STATUS_AFTER_REPLY = ['awaiting_participant', 'resolved', 'open'] as const;
export type StatusAfterReply = (typeof STATUS_AFTER_REPLY)[number];
export const DIAGNOSTICS_ITEMS = [
  'agent_log',
  'buffer_state',
  'system_info',
  'network',
] as const satisfies readonly DiagnosticsItem[];
export type { DiagnosticsItem };

/** Each file at most this (the server's default `maxAttachmentBytes`), at most this many a message. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

export type {
  Attachment,
  DiagnosticsBundle,
  DiagnosticsRequest,
  EvidenceDetail,
  EvidenceRerun,
  HistoryEntry,
  OperatorAccount,
  TicketDetail,
  TicketMail,
  TicketMessage,
} from '../../api/contract.js';
/** A cell of an evidence snapshot (a JSON value of the event's column). */
export type EvidenceCell = SnapshotRow[string];
/** A device of the participant, as the diagnostics form lists them. */
export type ParticipantDevice = Pick<Device, 'device_id' | 'hostname' | 'status' | 'connected'>;

/** The mails' kinds and outcomes the page names (another one is shown as its code). */
export type MailKind = 'reply' | 'status' | 'received' | 'sla_alert';
export type MailOutcome = 'queued' | 'sent' | 'not_configured' | 'failed_retryable' | 'failed_permanent';

const ticketsPath = (participantId: string) => `/api/v1/participants/${participantId}/tickets`;
const ticketPath = (participantId: string, ticketId: string) => `${ticketsPath(participantId)}/${ticketId}`;
const adminTicketPath = (participantId: string, ticketId: string) =>
  `/api/v1/admin/participants/${participantId}/tickets/${ticketId}`;

export const attachmentUrl = (participantId: string, ticketId: string, attachmentId: string) =>
  `${ticketPath(participantId, ticketId)}/attachments/${attachmentId}`;
export const localised = (text: Localised): string => (language() === 'en' && text.en ? text.en : text.ja);

function formOf(fields: Record<string, string | undefined>, files: File[] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
  for (const file of files) form.append('files', file, file.name);
  return form;
}

export function fetchTicket(participantId: string, ticketId: string): Promise<TicketDetail> {
  return api<TicketDetail>('GET', ticketPath(participantId, ticketId));
}

export function createTicket(
  participantId: string,
  fields: { subject: string; category: Category; body: string },
  files: File[],
): Promise<TicketDetail> {
  return api<TicketDetail>('POST', ticketsPath(participantId), formOf(fields, files));
}

export function postMessage(
  participantId: string,
  ticketId: string,
  body: string,
  files: File[],
): Promise<TicketDetail> {
  return api<TicketDetail>('POST', `${ticketPath(participantId, ticketId)}/messages`, formOf({ body }, files));
}

export function resolveTicket(participantId: string, ticketId: string): Promise<TicketDetail> {
  return api<TicketDetail>('POST', `${ticketPath(participantId, ticketId)}/resolve`, {});
}

export function fetchEvidence(participantId: string, ticketId: string, evidenceId: string): Promise<EvidenceDetail> {
  return api<EvidenceDetail>('GET', `${ticketPath(participantId, ticketId)}/evidence/${evidenceId}`);
}

export function rerunEvidence(participantId: string, ticketId: string, evidenceId: string): Promise<EvidenceRerun> {
  return api<EvidenceRerun>('GET', `${ticketPath(participantId, ticketId)}/evidence/${evidenceId}/rerun`);
}

export function answerDiagnostics(
  participantId: string,
  ticketId: string,
  requestId: string,
  body: string,
  files: File[],
): Promise<TicketDetail> {
  return api<TicketDetail>(
    'POST',
    `${ticketPath(participantId, ticketId)}/diagnostics/${requestId}/answer`,
    formOf({ body }, files),
  );
}

// Operators

export function postReply(
  participantId: string,
  ticketId: string,
  fields: { body: string; evidenceIds: string[]; statusAfter: StatusAfterReply },
  files: File[],
): Promise<TicketDetail> {
  const evidenceIds = fields.evidenceIds.length ? fields.evidenceIds.join(',') : undefined;
  return api<TicketDetail>(
    'POST',
    `${adminTicketPath(participantId, ticketId)}/replies`,
    formOf({ body: fields.body, evidenceIds, statusAfter: fields.statusAfter }, files),
  );
}

export function postNote(participantId: string, ticketId: string, body: string, files: File[]): Promise<TicketDetail> {
  return api<TicketDetail>('POST', `${adminTicketPath(participantId, ticketId)}/notes`, formOf({ body }, files));
}

/** The contract says only "201"; the server answers the ticket (TicketDetail), and the form reloads it otherwise. */
export function logCall(
  participantId: string,
  ticketId: string,
  call: PhoneCall,
): Promise<Partial<TicketDetail> | undefined> {
  return api<Partial<TicketDetail> | undefined>('POST', `${adminTicketPath(participantId, ticketId)}/calls`, call);
}

export function setStatus(participantId: string, ticketId: string, status: Status): Promise<TicketDetail> {
  return api<TicketDetail>('PUT', `${adminTicketPath(participantId, ticketId)}/status`, { status });
}

export function setAssignee(participantId: string, ticketId: string, assigneeId: string | null): Promise<TicketDetail> {
  return api<TicketDetail>('PUT', `${adminTicketPath(participantId, ticketId)}/assignee`, { assigneeId });
}

export function setCategory(participantId: string, ticketId: string, category: Category): Promise<TicketDetail> {
  return api<TicketDetail>('PUT', `${adminTicketPath(participantId, ticketId)}/category`, { category });
}

export function requestDiagnostics(
  participantId: string,
  ticketId: string,
  request: { via: 'agent'; deviceId: string; include: DiagnosticsItem[] } | { via: 'form'; instructions: string },
): Promise<TicketDetail> {
  return api<TicketDetail>('POST', `${adminTicketPath(participantId, ticketId)}/diagnostics`, request);
}

export function fetchDiagnosticsBundle(
  participantId: string,
  ticketId: string,
  requestId: string,
): Promise<DiagnosticsBundle> {
  return api<DiagnosticsBundle>('GET', `${adminTicketPath(participantId, ticketId)}/diagnostics/${requestId}`);
}

export async function fetchOperators(): Promise<OperatorList['operators']> {
  const { operators } = await api<OperatorList>('GET', '/api/v1/admin/operators');
  return operators;
}

export async function fetchDevices(participantId: string): Promise<ParticipantDevice[]> {
  const { devices } = await api<DeviceList>('GET', `/api/v1/participants/${participantId}/devices`);
  return [...devices].sort((a, b) => a.hostname.localeCompare(b.hostname));
}

/** A failure in the reader's language (the catalogue of the API's codes, never the server's English), with its fields. */
export function failureText(error: unknown): string {
  return apiErrorText(error);
}
