import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow, toClickHouseTime } from '../common/clickhouse-time.js';
import type { ParticipantDocument, ParticipantVersion, Succession } from '../contract/participants.js';
import { selectRows } from '../sql/select-rows.js';
import { writeVersion } from '../sql/versioned-state.js';
import type { ParticipantStatus } from './rules/lifecycle.js';
import { sha256Hex } from '../common/hashes.js';

/** Participants (with their lifecycle), successions, documents, the trial period and service suspensions: the only place running their SQL. */
export interface ParticipantState {
  name: string;
  status: ParticipantStatus;
  reason_code: string;
  note: string;
  representative: string;
  address: string;
  phone: string;
  contact_name: string;
  contact_email: string;
  terms_version: string;
  applicant_token_hash: string;
  answer_deadline: string | null;
  approved_at: string | null;
  start_date: string | null;
  end_date: string | null;
  pending_revocation_at: string | null;
  pending_revocation_reason: string;
  withdrawal_requested_at: string | null;
  deletion_deadline: string | null;
  /** Art. 16: 'default' (end + retention days) or 'agreed' (with deletion_agreed_with, at deletion_agreed_at). */
  deletion_basis: string;
  deletion_agreed_with: string;
  deletion_agreed_at: string | null;
  successor_id: string | null;
}

export interface ParticipantRecord extends ParticipantState {
  participant_id: string;
  current_version: number;
  change_kind: string;
  created_at: string;
  last_changed_at: string;
}

export interface TrialPeriod {
  starts_on: string;
  ends_on: string | null;
  note: string;
  changed_at: string;
  changed_by: string;
}

export interface ServiceSuspension {
  suspension_id: string;
  scope: 'all' | 'participant';
  participant_id: string | null;
  reason_code: string;
  note: string;
  starts_at: string;
  ends_at: string | null;
  urgent: boolean;
  status: 'scheduled' | 'in_effect' | 'ended' | 'cancelled';
}

export interface DocumentInput {
  participantId: string;
  subject: string;
  subjectId: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
  uploadedBy: string;
}

export const EMPTY_PARTICIPANT: ParticipantState = {
  name: '',
  status: 'applied',
  reason_code: '',
  note: '',
  representative: '',
  address: '',
  phone: '',
  contact_name: '',
  contact_email: '',
  terms_version: '',
  applicant_token_hash: '',
  answer_deadline: null,
  approved_at: null,
  start_date: null,
  end_date: null,
  pending_revocation_at: null,
  pending_revocation_reason: '',
  withdrawal_requested_at: null,
  deletion_deadline: null,
  deletion_basis: '',
  deletion_agreed_with: '',
  deletion_agreed_at: null,
  successor_id: null,
};

export class ParticipantStore {
  constructor(private readonly client: ClickHouseClient) {}

  private rows<T>(name: `${string}/${string}`, params: Record<string, unknown> = {}): Promise<T[]> {
    return selectRows<T>(this.client, name, params);
  }

  async findParticipant(participantId: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.rows<ParticipantRecord>('participants/current-participant', { participantId });
    return row ? { ...row, current_version: Number(row.current_version) } : undefined;
  }

  async listParticipants(statuses: readonly ParticipantStatus[] = []): Promise<ParticipantRecord[]> {
    const rows = await this.rows<ParticipantRecord>('participants/list-participants', { statuses });
    return rows.map((row) => ({ ...row, current_version: Number(row.current_version) }));
  }

  history(participantId: string): Promise<ParticipantVersion[]> {
    return this.rows('participants/participant-history', { participantId });
  }

  /** Writes version `version`; false when another request wrote that version first. */
  writeParticipant(
    participantId: string,
    version: number,
    state: ParticipantState,
    changeKind: string,
    changedBy: string,
  ): Promise<boolean> {
    return writeVersion(
      this.client,
      'participants',
      participantId,
      version,
      { ...state, change_kind: changeKind, changed_at: changeTimeNow(), changed_by: changedBy },
      `participants:${changeKind}`,
    );
  }

  async idsWhere(query: 'lapsed-applications' | 'due-revocations', now: Date): Promise<string[]> {
    const rows = await this.rows<{ participant_id: string }>(`participants/${query}`, {
      now: toClickHouseTime(now.getTime()),
    });
    return rows.map((row) => row.participant_id);
  }

  async useEnded(today: string, trialEndsOn: string | null): Promise<string[]> {
    const rows = await this.rows<{ participant_id: string }>('participants/use-ended', { today, trialEndsOn });
    return rows.map((row) => row.participant_id);
  }

  /** The participant and every predecessor it succeeded (art. 4), transitively. */
  async lineageOf(participantId: string): Promise<string[]> {
    const lineage = [participantId];
    let frontier = [participantId];
    for (let depth = 0; depth < 16 && frontier.length > 0; depth++) {
      const rows = await this.rows<{ predecessor_id: string }>('participants/predecessors', { successorIds: frontier });
      frontier = rows.map((row) => row.predecessor_id).filter((id) => !lineage.includes(id));
      lineage.push(...frontier);
    }
    return lineage;
  }

  async recordSuccession(entry: {
    predecessorId: string;
    successorId: string;
    kind: 'merger' | 'split';
    effectiveOn: string;
    note: string;
    recordedBy: string;
  }): Promise<string> {
    const successionId = randomUUID();
    await this.client.insert({
      table: 'successions',
      values: [
        {
          succession_id: successionId,
          predecessor_id: entry.predecessorId,
          successor_id: entry.successorId,
          kind: entry.kind,
          effective_on: entry.effectiveOn,
          note: entry.note,
          recorded_at: toClickHouseTime(Date.now()),
          recorded_by: entry.recordedBy,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'participants:record-succession' },
    });
    return successionId;
  }

  successionsOf(participantIds: readonly string[]): Promise<Succession[]> {
    return this.rows('participants/successions-of', { participantIds });
  }

  async addDocument(input: DocumentInput): Promise<{ documentId: string; sha256: string }> {
    const documentId = randomUUID();
    const sha256 = sha256Hex(input.bytes);
    await this.client.insert({
      table: 'participant_documents',
      values: [
        {
          document_id: documentId,
          participant_id: input.participantId,
          subject: input.subject,
          subject_id: input.subjectId,
          filename: input.filename,
          content_type: input.contentType,
          size_bytes: input.bytes.length,
          sha256,
          // Stored as base64 text so that any file survives the JSON insert format unchanged.
          content: input.bytes.toString('base64'),
          uploaded_at: toClickHouseTime(Date.now()),
          uploaded_by: input.uploadedBy,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'participants:add-document' },
    });
    return { documentId, sha256 };
  }

  documentsOf(participantIds: readonly string[]): Promise<ParticipantDocument[]> {
    return this.rows('participants/documents-of', { participantIds });
  }

  async documentContent(
    participantIds: readonly string[],
    documentId: string,
  ): Promise<{ filename: string; contentType: string; sha256: string; bytes: Buffer } | undefined> {
    const [row] = await this.rows<{ filename: string; content_type: string; sha256: string; content: string }>(
      'participants/document-content',
      { participantIds, documentId },
    );
    return row
      ? {
          filename: row.filename,
          contentType: row.content_type,
          sha256: row.sha256,
          bytes: Buffer.from(row.content, 'base64'),
        }
      : undefined;
  }

  async currentTrial(): Promise<TrialPeriod | undefined> {
    const [row] = await this.rows<TrialPeriod>('participants/current-trial');
    return row;
  }

  async writeTrial(startsOn: string, endsOn: string | null, note: string, changedBy: string): Promise<void> {
    await this.client.insert({
      table: 'trial_period',
      values: [{ starts_on: startsOn, ends_on: endsOn, note, changed_at: changeTimeNow(), changed_by: changedBy }],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'participants:write-trial' },
    });
  }

  async writeSuspension(suspension: ServiceSuspension, changedBy: string): Promise<void> {
    await this.client.insert({
      table: 'service_suspensions',
      values: [{ ...suspension, changed_at: changeTimeNow(), changed_by: changedBy }],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'participants:write-suspension' },
    });
  }

  async suspensions(statuses: readonly ServiceSuspension['status'][] = []): Promise<ServiceSuspension[]> {
    const rows = await this.rows<ServiceSuspension>('participants/current-suspensions', { statuses });
    return rows.map((row) => ({ ...row, urgent: Boolean(row.urgent) }));
  }
}

export function applicantTokenHash(token: string): string {
  return sha256Hex(`applicant:${token}`);
}
