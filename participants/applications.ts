import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../api/errors.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { NOTICE_TEXTS } from '../notices/notice-texts.js';
import {
  applicantTokenHash,
  EMPTY_PARTICIPANT,
  type ParticipantRecord,
  type ParticipantState,
} from './participant-store.js';
import type { ParticipantUpdates } from './participant-updates.js';
import { formatJst, jstDateOf } from '../common/jst-time.js';
import { deadlineOnLeaving } from './rules/participation-dates.js';
import { REJECTION_REASONS, type RejectionReason } from './rules/reason-codes.js';
import { TERMS_IN_FORCE, type TermsInForce } from './terms.js';
import type { ApplicationForApplicant } from '../contract/participants.js';
import { startDateProblem } from './rules/trial-dates.js';

/**
 * Terms art. 3: application after agreeing to the terms, the operator's queue, approval or
 * rejection with one of six reasons, "awaiting the applicant's answer" with a deadline, and the
 * start date once the service is set up. Art. 20 (7): registered details change with history.
 */
export interface RegisteredDetails {
  organisation: string;
  representative: string;
  address: string;
  phone: string;
  contactName: string;
  contactEmail: string;
}

export class Applications {
  constructor(
    private readonly updates: ParticipantUpdates,
    /** Art. 16: days after leaving by which an applicant's data is deleted, unless agreed otherwise. */
    private readonly retentionDays: number,
    /** Art. 2: the terms version in force today (notices/terms); an application agrees to exactly it. */
    readonly termsInForce: () => Promise<TermsInForce> = () => Promise.resolve(TERMS_IN_FORCE),
    /**
     * Art. 3 (3)(5): the surveys or interviews the applicant declined or left unanswered past their
     * deadline (notices/surveys), in Japanese; a rejection on that ground cites them and needs one.
     */
    private readonly surveyRefusals: (participantId: string) => Promise<string[]> = () => Promise.resolve([]),
  ) {}

  /** The application an applicant's token opens (404 otherwise): its surveys are answered with the same token. */
  async applicant(applicationId: string, applicantToken: string): Promise<ParticipantRecord> {
    return this.checkApplicant(applicationId, applicantToken);
  }

  /** The public form. Returns the applicant's token: with it the applicant follows and answers the application. */
  async submit(
    details: RegisteredDetails,
    termsVersion: string,
  ): Promise<{ applicationId: string; applicantToken: string }> {
    const inForce = (await this.termsInForce()).version;
    if (termsVersion !== inForce) {
      throw new ApiError(
        409,
        'terms_outdated',
        `The application agrees to terms version ${termsVersion}; the version in force is ${inForce}. Read it and agree again.`,
      );
    }
    const applicationId = randomUUID();
    const applicantToken = `yap1.${randomBytes(24).toString('base64url')}`;
    const written = await this.updates.store.writeParticipant(
      applicationId,
      1,
      {
        ...EMPTY_PARTICIPANT,
        ...stateOf(details),
        status: 'applied',
        terms_version: termsVersion,
        applicant_token_hash: applicantTokenHash(applicantToken),
      },
      'applied',
      `applicant:${details.contactEmail}`,
    );
    if (!written) throw new ApiError(409, 'conflict', 'The application could not be recorded; send it again.');
    const participant = await this.updates.require(applicationId);
    await this.updates.notify(
      participant,
      'application_received',
      NOTICE_TEXTS.application_received({ organisation: details.organisation }),
      'system',
    );
    return { applicationId, applicantToken };
  }

  /** What the applicant may see of its own application, given its token. */
  async forApplicant(applicationId: string, applicantToken: string): Promise<ApplicationForApplicant> {
    const participant = await this.checkApplicant(applicationId, applicantToken);
    return {
      applicationId,
      organisation: participant.name,
      status: participant.status,
      question: participant.status === 'awaiting_applicant' ? participant.note : null,
      answerDeadline: participant.status === 'awaiting_applicant' ? participant.answer_deadline : null,
      reasonCode: participant.reason_code || null,
      reason:
        participant.reason_code in REJECTION_REASONS
          ? REJECTION_REASONS[participant.reason_code as RejectionReason]
          : null,
      startDate: participant.start_date,
      // Art. 16: what the applicant gave is deleted by this date once the application was refused or lapsed.
      deletionDeadline:
        participant.status === 'rejected' || participant.status === 'lapsed' ? participant.deletion_deadline : null,
    };
  }

  async answer(applicationId: string, applicantToken: string, answer: string): Promise<ParticipantRecord> {
    await this.checkApplicant(applicationId, applicantToken);
    return this.updates.apply(applicationId, 'applicant_answer', 'applicant', (state) => ({
      ...state,
      status: 'applied',
      note: answer,
      answer_deadline: null,
    }));
  }

  async requestAnswer(participantId: string, question: string, deadline: Date, by: string): Promise<ParticipantRecord> {
    if (deadline.getTime() <= Date.now()) throw new ApiError(400, 'invalid_request', 'deadline must be in the future.');
    return this.updates.apply(
      participantId,
      'request_answer',
      by,
      (state) => ({
        ...state,
        status: 'awaiting_applicant',
        note: question,
        answer_deadline: toClickHouseTime(deadline.getTime()),
      }),
      {
        kind: 'answer_requested',
        text: NOTICE_TEXTS.answer_requested({ question, deadline: `${formatJst(deadline)} (JST)` }),
      },
    );
  }

  approve(participantId: string, note: string, by: string): Promise<ParticipantRecord> {
    return this.updates.apply(
      participantId,
      'approve',
      by,
      (state) => ({
        ...state,
        status: 'approved',
        reason_code: '',
        note,
        answer_deadline: null,
        approved_at: toClickHouseTime(Date.now()),
      }),
      { kind: 'application_approved', text: NOTICE_TEXTS.application_approved() },
    );
  }

  async reject(
    participantId: string,
    reasonCode: RejectionReason,
    note: string,
    by: string,
  ): Promise<ParticipantRecord> {
    const before = await this.updates.require(participantId);
    if (reasonCode === 'refused_survey') {
      const evidence = await this.surveyRefusals(participantId);
      if (evidence.length === 0)
        throw new ApiError(
          409,
          'no_survey_refusal',
          'Reason 5 (art. 3 (3)(5)) needs a survey or interview this applicant declined or did not answer by its deadline; none is on record.',
        );
      note = [note, ...evidence.map((line) => `根拠: ${line}`)].filter(Boolean).join('\n');
    }
    return this.updates.apply(
      participantId,
      'reject',
      by,
      (state) => ({
        ...state,
        status: 'rejected',
        reason_code: reasonCode,
        note,
        answer_deadline: null,
        ...this.deletionOnLeaving(state),
      }),
      {
        kind: 'application_rejected',
        text: NOTICE_TEXTS.application_rejected({
          reason: REJECTION_REASONS[reasonCode],
          note,
          deletionDeadline: this.deletionOnLeaving(before).deletion_deadline ?? undefined,
        }),
      },
    );
  }

  /** Art. 3 (4): no answer by the deadline. Run by the scheduled job. */
  async lapse(participantId: string, by: string): Promise<ParticipantRecord> {
    const before = await this.updates.require(participantId);
    return this.updates.apply(
      participantId,
      'lapse',
      by,
      (state) => ({
        ...state,
        status: 'lapsed',
        reason_code: 'no_answer_by_deadline',
        answer_deadline: null,
        ...this.deletionOnLeaving(state),
      }),
      {
        kind: 'application_rejected',
        text: NOTICE_TEXTS.application_rejected({
          reason: REJECTION_REASONS.no_answer_by_deadline,
          deletionDeadline: this.deletionOnLeaving(before).deletion_deadline ?? undefined,
        }),
      },
    );
  }

  /** After approval and set-up: the service starts; that day is the start date (利用開始日). */
  async start(participantId: string, startDate: string, by: string): Promise<ParticipantRecord> {
    const problem = startDateProblem(startDate, await this.updates.store.currentTrial());
    if (problem) throw new ApiError(400, 'outside_trial_period', problem);
    return this.updates.apply(
      participantId,
      'start',
      by,
      (state) => ({ ...state, status: 'active', start_date: startDate }),
      {
        kind: 'service_started',
        text: NOTICE_TEXTS.service_started({ startDate }),
      },
    );
  }

  /** A participant the operator registers directly (CLI, demo): approved and started today. */
  async registerDirectly(details: Partial<RegisteredDetails> & { organisation: string }, by: string): Promise<string> {
    const participantId = randomUUID();
    const now = Date.now();
    await this.updates.store.writeParticipant(
      participantId,
      1,
      {
        ...EMPTY_PARTICIPANT,
        ...stateOf({ representative: '', address: '', phone: '', contactName: '', contactEmail: '', ...details }),
        status: 'active',
        // Registered by an operator: it has not agreed to any version yet (art. 2) until it does.
        terms_version: '',
        approved_at: toClickHouseTime(now),
        start_date: jstDateOf(new Date(now)),
      },
      'registered_by_operator',
      by,
    );
    return participantId;
  }

  updateDetails(participantId: string, details: Partial<RegisteredDetails>, by: string): Promise<ParticipantRecord> {
    return this.updates.apply(participantId, 'update_details', by, (state) => ({
      ...state,
      ...Object.fromEntries(
        Object.entries(
          stateOf({
            organisation: state.name,
            representative: state.representative,
            address: state.address,
            phone: state.phone,
            contactName: state.contact_name,
            contactEmail: state.contact_email,
            ...details,
          }),
        ),
      ),
    }));
  }

  /** Art. 9: this participant's own end of use (null: until the trial ends). */
  setEndDate(participantId: string, endDate: string | null, by: string): Promise<ParticipantRecord> {
    return this.updates.apply(participantId, 'set_end_date', by, (state) => ({ ...state, end_date: endDate }));
  }

  /**
   * Art. 16: a rejected or lapsed applicant's data is deleted too (by an agreed date, else the default).
   * The day the application ended is its end date: the default deadline counts from it.
   */
  private deletionOnLeaving(
    state: Pick<ParticipantState, 'deletion_deadline' | 'deletion_basis'>,
  ): Pick<ParticipantState, 'deletion_deadline' | 'deletion_basis' | 'end_date'> {
    const today = jstDateOf(new Date());
    const { deadline, basis } = deadlineOnLeaving(state, today, this.retentionDays);
    return { deletion_deadline: deadline, deletion_basis: basis, end_date: today };
  }

  private async checkApplicant(applicationId: string, applicantToken: string): Promise<ParticipantRecord> {
    const participant = await this.updates.store.findParticipant(applicationId);
    const expected = Buffer.from(participant?.applicant_token_hash ?? '');
    const actual = Buffer.from(applicantTokenHash(applicantToken));
    if (!participant || expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw new ApiError(404, 'not_found', 'No application with this id and token.');
    }
    return participant;
  }
}

function stateOf(details: RegisteredDetails) {
  return {
    name: details.organisation,
    representative: details.representative,
    address: details.address,
    phone: details.phone,
    contact_name: details.contactName,
    contact_email: details.contactEmail,
  };
}
