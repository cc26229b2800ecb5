import { api } from '../../api/api-client.js';
import type { ParticipantList, TermsInForce } from '../../api/contract.js';

/** The operators' application queue (terms art. 3): the participants not yet in service, and the decisions. */
export type Application = ParticipantList['participants'][number];

/** Waiting for the desk, waiting for the applicant, lapsed, approved but not yet started. */
export const QUEUE_STATUSES = ['applied', 'awaiting_applicant', 'lapsed', 'approved'] as const;

export async function fetchApplications(): Promise<Application[]> {
  const { participants } = await api<ParticipantList>(
    'GET',
    `/api/v1/admin/participants?status=${QUEUE_STATUSES.join(',')}`,
  );
  return participants;
}

export function fetchReasons(): Promise<TermsInForce> {
  return api<TermsInForce>('GET', '/api/v1/terms');
}

const decide = (participantId: string, decision: string, body: Record<string, unknown>) =>
  api<Application>('POST', `/api/v1/admin/participants/${participantId}/${decision}`, body);

export const approve = (participantId: string, note: string) => decide(participantId, 'approve', { note });
export const reject = (participantId: string, reasonCode: string, note: string) =>
  decide(participantId, 'reject', { reasonCode, note });
/** `deadline`: an ISO instant. */
export const requestAnswer = (participantId: string, question: string, deadline: string) =>
  decide(participantId, 'request-answer', { question, deadline });
/** `startDate`: YYYY-MM-DD (JST), the 利用開始日. */
export const startService = (participantId: string, startDate: string) => decide(participantId, 'start', { startDate });
