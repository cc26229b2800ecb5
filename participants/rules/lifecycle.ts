/**
 * Which lifecycle action is allowed from which participant status (terms art. 3-9, 19).
 * Pure rules: the service reads the current status, asks here, then writes the next version.
 */
export const PARTICIPANT_STATUSES = [
  'applied',
  'awaiting_applicant',
  'rejected',
  'lapsed',
  'approved',
  'active',
  'withdrawal_requested',
  'withdrawn',
  'revoked',
  'ended',
  'succeeded',
] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export type LifecycleAction =
  | 'request_answer'
  | 'applicant_answer'
  | 'approve'
  | 'reject'
  | 'lapse'
  | 'start'
  | 'request_withdrawal'
  | 'complete_withdrawal'
  | 'revoke'
  | 'end_use'
  | 'succeed'
  | 'update_details'
  | 'set_end_date'
  | 'set_deletion_deadline';

/** Participants that take part (from approval, art. 3) until they leave. */
const TAKING_PART: ParticipantStatus[] = ['approved', 'active', 'withdrawal_requested'];

const ALLOWED_FROM: Record<LifecycleAction, readonly ParticipantStatus[]> = {
  request_answer: ['applied', 'awaiting_applicant'],
  applicant_answer: ['awaiting_applicant'],
  approve: ['applied', 'awaiting_applicant'],
  reject: ['applied', 'awaiting_applicant'],
  lapse: ['awaiting_applicant'],
  start: ['approved'],
  request_withdrawal: ['approved', 'active'],
  complete_withdrawal: ['withdrawal_requested'],
  revoke: TAKING_PART,
  end_use: TAKING_PART,
  succeed: TAKING_PART,
  update_details: ['applied', 'awaiting_applicant', ...TAKING_PART],
  set_end_date: TAKING_PART,
  // Art. 16: an agreed date can be recorded at any time before the data is deleted, also in advance.
  // A succeeded participant's data lives on under its successor (art. 4), so it has no deadline of its own.
  set_deletion_deadline: PARTICIPANT_STATUSES.filter((s) => s !== 'succeeded'),
};

export function transitionProblem(status: ParticipantStatus, action: LifecycleAction): string | undefined {
  if (ALLOWED_FROM[action].includes(status)) return undefined;
  return `The participant is "${status}"; "${action}" is possible only from ${ALLOWED_FROM[action].map((s) => `"${s}"`).join(', ')}.`;
}

/** Participant users may sign in and agents may send while the participant takes part. */
export function participantHasAccess(status: ParticipantStatus): boolean {
  return TAKING_PART.includes(status);
}

/** New agents may enroll only once approved and until the participant asks to leave. */
export function participantMayEnrollDevices(status: ParticipantStatus): boolean {
  return status === 'approved' || status === 'active';
}

/** Statuses that end participation: agents are revoked and told to uninstall, accounts suspended, deletion scheduled. */
export const ENDED_STATUSES: readonly ParticipantStatus[] = ['withdrawn', 'revoked', 'ended', 'succeeded'];
