import { api } from '../../api/api-client.js';

import type { DeletionCalendar, DeletionDeadlineSet, DeletionOutcome, DeletionPreview } from '../../api/contract.js';

/** The deletion routes of retention/ (terms art. 16), as the dashboard calls them; the types are the contract's. */
export type CalendarEntry = DeletionCalendar['entries'][number];
export type { DeletionPreview };
export type RunOutcome = DeletionOutcome;

export const fetchCalendar = () => api<DeletionCalendar>('GET', '/api/v1/admin/deletions');
export const dryRun = (participantId: string) =>
  api<DeletionPreview>('POST', `/api/v1/admin/participants/${participantId}/deletion/dry-run`);
export const runDeletion = (participantId: string, confirmation: string) =>
  api<RunOutcome>('POST', `/api/v1/admin/participants/${participantId}/deletion/run`, { confirmation });
export const setAgreedDeadline = (
  participantId: string,
  agreed: { date: string; agreedWith: string; agreedAt: string } | null,
) =>
  api<DeletionDeadlineSet>('PUT', `/api/v1/admin/participants/${participantId}/deletion-deadline`, {
    agreed,
  });
export const certificatePath = (participantId: string, format: 'json' | 'pdf') =>
  `/api/v1/admin/participants/${participantId}/deletion/certificate?format=${format}`;
