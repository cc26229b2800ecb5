import { api } from '../../api/api-client.js';

/** The deletion routes of retention/ (terms art. 16), as the dashboard calls them. */
export interface CalendarEntry {
  participant_id: string;
  organisation: string;
  /** '' once the participant's data (its record too) is gone. */
  status: string;
  deadline: string | null;
  deadline_basis: string;
  agreed_with: string;
  agreed_at: string | null;
  run_id: string | null;
  last_step: string | null;
  last_detail: string | null;
  last_at: string | null;
}

export interface DeletionPreview {
  participantId: string;
  organisation: string;
  status: string;
  deadline: string | null;
  tables: { table: string; kind: string; rows: number; statement: string | null }[];
  files: number;
  confirmation: string;
}

export type RunOutcome =
  | { outcome: 'certified'; runId: string; certificateId: string; sha256: string }
  | { outcome: 'already_deleted'; runId: string }
  | { outcome: 'failed'; runId: string; remaining: Record<string, number>; filesLeft: number };

export const fetchCalendar = () =>
  api<{ defaultRetentionDays: number; entries: CalendarEntry[] }>('GET', '/api/v1/admin/deletions');
export const dryRun = (participantId: string) =>
  api<DeletionPreview>('POST', `/api/v1/admin/participants/${participantId}/deletion/dry-run`);
export const runDeletion = (participantId: string, confirmation: string) =>
  api<RunOutcome>('POST', `/api/v1/admin/participants/${participantId}/deletion/run`, { confirmation });
export const setAgreedDeadline = (
  participantId: string,
  agreed: { date: string; agreedWith: string; agreedAt: string } | null,
) =>
  api<{ deletionDeadline: string | null }>('PUT', `/api/v1/admin/participants/${participantId}/deletion-deadline`, {
    agreed,
  });
export const certificatePath = (participantId: string, format: 'json' | 'pdf') =>
  `/api/v1/admin/participants/${participantId}/deletion/certificate?format=${format}`;
