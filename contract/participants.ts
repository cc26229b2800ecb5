import { z } from 'zod';
import { account } from './auth.js';
import { day, localised, time, uint64, uuid } from './common.js';

/** Participants and their lifecycle (terms art. 3-9, 12, 19, 20), as operators and participants see them. */
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
export const participantStatus = z.enum(PARTICIPANT_STATUSES);
export type ParticipantStatus = z.infer<typeof participantStatus>;

/** A participant's current version; the applicant's token hash is not part of it. */
export const participant = z.object({
  participant_id: uuid,
  current_version: z.number(),
  change_kind: z.string(),
  name: z.string(),
  status: participantStatus,
  reason_code: z.string(),
  note: z.string(),
  representative: z.string(),
  address: z.string(),
  phone: z.string(),
  contact_name: z.string(),
  contact_email: z.string(),
  terms_version: z.string(),
  answer_deadline: time.nullable(),
  approved_at: time.nullable(),
  start_date: day.nullable(),
  end_date: day.nullable(),
  pending_revocation_at: time.nullable(),
  pending_revocation_reason: z.string(),
  withdrawal_requested_at: time.nullable(),
  deletion_deadline: day.nullable(),
  /** Art. 16: 'default' (end + retention days) or 'agreed' (with deletion_agreed_with, at deletion_agreed_at). */
  deletion_basis: z.string().default(''),
  deletion_agreed_with: z.string().default(''),
  deletion_agreed_at: time.nullable().default(null),
  successor_id: uuid.nullable(),
  created_at: time,
  last_changed_at: time,
});
export type Participant = z.infer<typeof participant>;

export const participantList = z.object({ participants: z.array(participant) });
export const participantAnswer = z.object({ participant });

/** One version of a participant: what changed, who changed it, when and why. */
export const participantVersion = participant
  .pick({
    status: true,
    change_kind: true,
    reason_code: true,
    note: true,
    name: true,
    representative: true,
    address: true,
    phone: true,
    contact_name: true,
    contact_email: true,
    terms_version: true,
    answer_deadline: true,
    start_date: true,
    end_date: true,
    pending_revocation_at: true,
    deletion_deadline: true,
    successor_id: true,
  })
  .extend({ version: z.number(), changed_at: time, changed_by: z.string() });
export type ParticipantVersion = z.infer<typeof participantVersion>;
export const participantHistory = z.object({ history: z.array(participantVersion) });

/** What ending a participation did (withdrawal completed, revocation at once). */
export const endingSummary = z.object({
  participant,
  devicesRevoked: z.number(),
  secretsRevoked: z.number(),
  accountsSuspended: z.number(),
});
/** A revocation with notice answers the participant (it ends later); one at once, what it did. */
export const revocationResult = z.union([endingSummary, participant]);

/** What completing a withdrawal today would do (art. 6, 16): shown before the request and before completion. */
export const endingPreview = z.object({
  participantId: uuid,
  status: participantStatus,
  endDate: day,
  devicesToUninstall: z.number(),
  accountsToStop: z.number(),
  deletionDeadline: day,
  deletionBasis: z.enum(['default', 'agreed']),
  retentionDays: z.number(),
  noticeTo: z.string(),
});

export const registered = z.object({ participantId: uuid, name: z.string() });
export const endDateSet = z.object({ participantId: uuid, endDate: day.nullable() });
export const withdrawalRequested = z.object({ participantId: uuid, status: participantStatus });

export const succession = z.object({
  succession_id: uuid,
  predecessor_id: uuid,
  successor_id: uuid,
  kind: z.enum(['merger', 'split']),
  effective_on: day,
  note: z.string(),
  recorded_at: time,
  recorded_by: z.string(),
});
export type Succession = z.infer<typeof succession>;
export const successionList = z.object({ successions: z.array(succession) });
export const successionRecorded = z.object({
  successionId: uuid,
  successorId: uuid,
  devicesMoved: z.number(),
  documents: z.array(z.object({ documentId: uuid, sha256: z.string(), filename: z.string(), sizeBytes: z.number() })),
});

export const document = z.object({
  document_id: uuid,
  participant_id: uuid,
  subject: z.string(),
  subject_id: z.string(),
  filename: z.string(),
  content_type: z.string(),
  size_bytes: uint64,
  sha256: z.string(),
  uploaded_at: time,
  uploaded_by: z.string(),
});
export type ParticipantDocument = z.infer<typeof document>;
export const documentList = z.object({ documents: z.array(document) });
/** A document the desk filed (its content stays on the server; download it by its id). */
export const documentFiled = z.object({ document });

// Notices moved to contract/notices.ts (channels and deliveries, art. 21).

export const accessLogEntry = z.object({
  at: time,
  login_name: z.string(),
  display_name: z.string(),
  purpose: z.string(),
  purpose_note: z.string(),
  route: z.string(),
  what: z.string(),
  target: z.string(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntry>;
export const accessLog = z.object({ accessLog: z.array(accessLogEntry) });

export const participantUsers = z.object({ accounts: z.array(account) });
export const userIssued = z.object({ account, initialPassword: z.string(), note: z.string() });
export const enrollmentSecret = z.object({ secretId: uuid, secret: z.string(), note: z.string() });

/** The public side of art. 3. */
const reasonTexts = z.record(z.string(), localised);
export const termsInForce = z.object({
  terms: z.object({ version: z.string(), effectiveFrom: day, title_ja: z.string(), title_en: z.string() }),
  /** The operator's privacy policy (art. 23; YOROZU_PRIVACY_POLICY_URL), '' when not configured. */
  privacyPolicyUrl: z.string().default(''),
  rejectionReasons: reasonTexts,
  revocationReasons: reasonTexts,
  serviceSuspensionReasons: reasonTexts,
});
export const applicationSubmitted = z.object({ applicationId: uuid, applicantToken: z.string(), note: z.string() });
export const applicationForApplicant = z.object({
  applicationId: uuid,
  organisation: z.string(),
  status: participantStatus,
  question: z.string().nullable(),
  answerDeadline: time.nullable(),
  reasonCode: z.string().nullable(),
  reason: localised.nullable(),
  startDate: day.nullable(),
  /** Art. 16: once refused or lapsed, what the applicant gave is deleted by this date. */
  deletionDeadline: day.nullable(),
});
export type ApplicationForApplicant = z.infer<typeof applicationForApplicant>;
export const applicationAnswered = z.object({ applicationId: uuid, status: participantStatus });

/** The trial period (art. 1, 19), service suspensions (art. 8) and the scheduled jobs. */
export const trialPeriod = z.object({
  starts_on: day,
  ends_on: day.nullable(),
  note: z.string(),
  changed_at: time,
  changed_by: z.string(),
});
export const trialAnswer = z.object({ trial: trialPeriod.nullable() });
export const serviceSuspension = z.object({
  suspension_id: uuid,
  scope: z.enum(['all', 'participant']),
  participant_id: uuid.nullable(),
  reason_code: z.string(),
  note: z.string(),
  starts_at: time,
  ends_at: time.nullable(),
  urgent: z.boolean(),
  status: z.enum(['scheduled', 'in_effect', 'ended', 'cancelled']),
});
export const suspensionAnswer = z.object({ suspension: serviceSuspension });
export const suspensionList = z.object({ suspensions: z.array(serviceSuspension) });
/** Art. 8 (2): the lead time of a planned suspension, in business days of the Japanese calendar. */
export const suspensionLeadTime = z.object({
  leadBusinessDays: z.number(),
  earliestPlannedStart: time,
  urgentGrounds: z.array(z.string()),
});
export type SuspensionLeadTime = z.infer<typeof suspensionLeadTime>;
export const jobRun = z.object({
  startedAt: time,
  finishedAt: time,
  result: z.record(z.string(), z.number()).optional(),
  error: z.string().optional(),
});
export const jobList = z.object({
  jobs: z.array(
    z.object({
      name: z.string(),
      cron: z.string(),
      timezone: z.string(),
      description: z.string(),
      running: z.boolean(),
      lastRun: jobRun.nullable(),
    }),
  ),
});
export const jobRunAnswer = z.object({ job: z.string(), run: jobRun });

/** The answers as types (what the dashboard and the tests read). */
export type ParticipantList = z.infer<typeof participantList>;
export type ParticipantAnswer = z.infer<typeof participantAnswer>;
export type ParticipantHistory = z.infer<typeof participantHistory>;
export type EndingSummary = z.infer<typeof endingSummary>;
export type RevocationResult = z.infer<typeof revocationResult>;
export type EndingPreview = z.infer<typeof endingPreview>;
export type DocumentFiled = z.infer<typeof documentFiled>;
export type Registered = z.infer<typeof registered>;
export type EndDateSet = z.infer<typeof endDateSet>;
export type WithdrawalRequested = z.infer<typeof withdrawalRequested>;
export type SuccessionList = z.infer<typeof successionList>;
export type SuccessionRecorded = z.infer<typeof successionRecorded>;
export type DocumentList = z.infer<typeof documentList>;
export type AccessLog = z.infer<typeof accessLog>;
export type ParticipantUsers = z.infer<typeof participantUsers>;
export type UserIssued = z.infer<typeof userIssued>;
export type EnrollmentSecret = z.infer<typeof enrollmentSecret>;
export type TermsInForce = z.infer<typeof termsInForce>;
export type ApplicationSubmitted = z.infer<typeof applicationSubmitted>;
export type ApplicationAnswered = z.infer<typeof applicationAnswered>;
export type TrialPeriod = z.infer<typeof trialPeriod>;
export type TrialAnswer = z.infer<typeof trialAnswer>;
export type ServiceSuspension = z.infer<typeof serviceSuspension>;
export type SuspensionAnswer = z.infer<typeof suspensionAnswer>;
export type SuspensionList = z.infer<typeof suspensionList>;
export type JobRun = z.infer<typeof jobRun>;
export type JobList = z.infer<typeof jobList>;
export type JobRunAnswer = z.infer<typeof jobRunAnswer>;
