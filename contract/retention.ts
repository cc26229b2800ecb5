import { z } from 'zod';
import { count, time, uuid } from './common.js';

/** The deletion of a participant's data (terms art. 16): the calendar, the dry run, a run, its steps. */
const maybeText = z.string().nullable();
export const deletionCalendar = z.object({
  defaultRetentionDays: z.number(),
  entries: z.array(
    z.object({
      participant_id: uuid,
      organisation: maybeText,
      status: maybeText,
      deadline: maybeText,
      deadline_basis: maybeText,
      agreed_with: maybeText,
      agreed_at: time.nullable(),
      run_id: z.string().nullable(),
      last_step: maybeText,
      last_detail: maybeText,
      last_at: time.nullable(),
      started_at: time.nullable(),
    }),
  ),
});
export type DeletionCalendar = z.infer<typeof deletionCalendar>;
export const deletionPreview = z.object({
  participantId: uuid,
  organisation: z.string(),
  status: z.string(),
  deadline: z.string().nullable(),
  tables: z.array(z.object({ table: z.string(), kind: z.string(), rows: count, statement: z.string().nullable() })),
  files: count,
  /** Echo it to run the deletion: proof that the operator saw this plan first. */
  confirmation: z.string(),
});
export type DeletionPreview = z.infer<typeof deletionPreview>;
export const deletionOutcome = z.union([
  z.object({ outcome: z.literal('certified'), runId: z.string(), certificateId: z.string(), sha256: z.string() }),
  z.object({ outcome: z.literal('already_deleted'), runId: z.string() }),
  z.object({
    outcome: z.literal('failed'),
    runId: z.string(),
    remaining: z.record(z.string(), count),
    filesLeft: count,
  }),
]);
export type DeletionOutcome = z.infer<typeof deletionOutcome>;
export const deletionSteps = z.object({
  steps: z.array(
    z.object({
      run_id: z.string(),
      participant_id: uuid,
      step: z.string(),
      table_name: z.string(),
      organisation: z.string(),
      contact_email: z.string(),
      deadline: z.string(),
      deadline_basis: z.string(),
      agreed_with: z.string(),
      agreed_at: time.nullable(),
      counts: z.record(z.string(), count),
      files: count,
      detail: z.string(),
      at: time,
    }),
  ),
  certificate: z
    .object({
      certificateId: z.string(),
      runId: z.string(),
      issuedAt: time,
      sha256: z.string(),
      hasPdf: z.boolean(),
      mailId: z.string().nullable(),
    })
    .nullable(),
});
export type DeletionSteps = z.infer<typeof deletionSteps>;
export const deletionDeadlineSet = z.object({
  participantId: uuid,
  deletionDeadline: z.string().nullable(),
  basis: z.string().nullable(),
  agreedWith: z.string(),
  agreedAt: time.nullable(),
});
export type DeletionDeadlineSet = z.infer<typeof deletionDeadlineSet>;
