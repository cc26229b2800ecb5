import { api } from '../../api/api-client.js';
import type {
  DocumentFiled,
  DocumentList,
  EndDateSet,
  EndingPreview,
  EndingSummary,
  ParticipantAnswer,
  ParticipantHistory,
  ParticipantUsers,
  RevocationResult,
  SuccessionList,
  SuccessionRecorded,
  TermsInForce,
  WithdrawalRequested,
} from '../../api/contract.js';

/**
 * A participant's records as both sides use them: registered details and their history (art. 20 (7)),
 * documents, successions (art. 4), and the endings (art. 6, 7, 9) with what they will do.
 */
export type Participant = ParticipantAnswer['participant'];
export type ParticipantVersion = ParticipantHistory['history'][number];
export type ParticipantDocument = DocumentList['documents'][number];
export type Succession = SuccessionList['successions'][number];
export type PortalUser = ParticipantUsers['accounts'][number];
export type { EndingPreview };

/** The registered details a participant may change (the body of PUT …/details). */
export interface DetailsChange {
  organisation?: string;
  representative?: string;
  address?: string;
  phone?: string;
  contactName?: string;
  contactEmail?: string;
}

const base = (participantId: string) => `/api/v1/participants/${participantId}`;
const admin = (participantId: string) => `/api/v1/admin/participants/${participantId}`;

export async function fetchParticipant(participantId: string): Promise<Participant> {
  return (await api<ParticipantAnswer>('GET', base(participantId))).participant;
}

export async function fetchHistory(participantId: string): Promise<ParticipantVersion[]> {
  return (await api<ParticipantHistory>('GET', `${base(participantId)}/history`)).history;
}

export async function updateDetails(participantId: string, change: DetailsChange): Promise<Participant> {
  return (await api<ParticipantAnswer>('PUT', `${base(participantId)}/details`, change)).participant;
}

export async function fetchDocuments(participantId: string): Promise<ParticipantDocument[]> {
  return (await api<DocumentList>('GET', `${base(participantId)}/documents`)).documents;
}

export const documentAddress = (participantId: string, documentId: string): string =>
  `${base(participantId)}/documents/${documentId}`;

export function fileDocument(participantId: string, form: FormData): Promise<DocumentFiled> {
  return api<DocumentFiled>('POST', `${admin(participantId)}/documents`, form);
}

export async function fetchSuccessions(participantId: string): Promise<Succession[]> {
  return (await api<SuccessionList>('GET', `${base(participantId)}/successions`)).successions;
}

/** `form`: kind, effectiveOn, note, successorId or successorOrganisation (+ successorContactEmail), documents. */
export function recordSuccession(participantId: string, form: FormData): Promise<SuccessionRecorded> {
  return api<SuccessionRecorded>('POST', `${admin(participantId)}/succession`, form);
}

export async function fetchUsers(participantId: string): Promise<PortalUser[]> {
  return (await api<ParticipantUsers>('GET', `${base(participantId)}/users`)).accounts;
}

export function fetchEndingPreview(participantId: string): Promise<EndingPreview> {
  return api<EndingPreview>('GET', `${base(participantId)}/withdrawal-preview`);
}

export function requestWithdrawal(participantId: string, reason: string): Promise<WithdrawalRequested> {
  return api<WithdrawalRequested>('POST', `${base(participantId)}/withdrawal`, { reason });
}

export function completeWithdrawal(participantId: string): Promise<EndingSummary> {
  return api<EndingSummary>('POST', `${admin(participantId)}/complete-withdrawal`, {});
}

export interface Revocation {
  reasonCode: string;
  withNotice: boolean;
  /** ISO instant, with notice only. */
  effectiveAt?: string;
  note: string;
}

export function revoke(participantId: string, revocation: Revocation): Promise<RevocationResult> {
  return api<RevocationResult>('POST', `${admin(participantId)}/revoke`, revocation);
}

export function setEndDate(participantId: string, endDate: string | null): Promise<EndDateSet> {
  return api<EndDateSet>('PUT', `${admin(participantId)}/end-date`, { endDate });
}

export async function fetchRevocationReasons(): Promise<TermsInForce['revocationReasons']> {
  return (await api<TermsInForce>('GET', '/api/v1/terms')).revocationReasons;
}
