import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow, toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import type { SchemaTable } from './deletion-plan.js';

/** The retention domain's own SQL: the schema, who is due, runs and certificates. */
export type RunStep =
  'started' | 'table_deleted' | 'files_deleted' | 'verification_failed' | 'verified' | 'certified' | 'failed';

export interface ParticipantFacts {
  participant_id: string;
  name: string;
  status: string;
  contact_email: string;
  deletion_deadline: string | null;
  deletion_basis: string;
  deletion_agreed_with: string;
  deletion_agreed_at: string | null;
}

export interface RunStepRow {
  run_id: string;
  participant_id: string;
  step: RunStep;
  table_name: string;
  organisation: string;
  contact_email: string;
  deadline: string;
  deadline_basis: string;
  agreed_with: string;
  agreed_at: string | null;
  counts: Record<string, string | number>;
  files: string | number;
  detail: string;
  at: string;
  by: string;
}

export interface StoredCertificate {
  certificate_id: string;
  run_id: string;
  participant_id: string;
  issued_at: string;
  json: string;
  sha256: string;
  pdf: string;
  mail_id: string | null;
}

export class DeletionStore {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly clustered: boolean,
  ) {}

  async schema(): Promise<SchemaTable[]> {
    const rows = await selectRows<SchemaTable>(this.client, 'retention/schema-tables');
    if (!this.clustered) return rows;
    // On a cluster the MergeTree tables are the replicated <name>_local ones; the deletion names the logical table.
    return rows
      .filter((row) => row.table.endsWith('_local'))
      .map((row) => ({ ...row, table: row.table.slice(0, -'_local'.length) }));
  }

  async dueParticipants(today: string): Promise<string[]> {
    return (await selectRows<{ participant_id: string }>(this.client, 'retention/participants-due', { today })).map(
      (row) => row.participant_id,
    );
  }

  async unfinishedRuns(): Promise<{ participant_id: string; run_id: string }[]> {
    return selectRows(this.client, 'retention/unfinished-runs');
  }

  async facts(participantId: string): Promise<ParticipantFacts | undefined> {
    const [row] = await selectRows<ParticipantFacts>(this.client, 'retention/participant-facts', { participantId });
    return row;
  }

  steps(participantId: string): Promise<RunStepRow[]> {
    return selectRows<RunStepRow>(this.client, 'retention/run-steps', { participantId });
  }

  calendar(): Promise<Record<string, unknown>[]> {
    return selectRows(this.client, 'retention/calendar');
  }

  async recordStep(
    row: Omit<Partial<RunStepRow>, 'at' | 'counts' | 'files'> & {
      run_id: string;
      participant_id: string;
      step: RunStep;
      by: string;
      counts?: Record<string, number>;
      files?: number;
    },
  ): Promise<void> {
    await this.client.insert({
      table: 'deletion_runs',
      values: [{ counts: {}, files: 0, ...row, at: changeTimeNow() }],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `retention:step:${row.step}` },
    });
  }

  async certificate(participantId: string, runId?: string): Promise<StoredCertificate | undefined> {
    const [row] = await selectRows<StoredCertificate>(this.client, 'retention/certificate', {
      participantId,
      runId: runId ?? null,
    });
    return row;
  }

  async saveCertificate(certificate: Omit<StoredCertificate, 'issued_at'> & { issuedAt: Date }): Promise<void> {
    const { issuedAt, ...rest } = certificate;
    await this.client.insert({
      table: 'deletion_certificates',
      values: [{ ...rest, issued_at: toClickHouseTime(issuedAt.getTime()) }],
      format: 'JSONEachRow',
      // One certificate per run, even when a resumed run issues it again.
      clickhouse_settings: {
        insert_deduplicate: 1,
        insert_deduplication_token: `deletion_certificates:${certificate.run_id}`,
        log_comment: 'retention:certificate',
      },
    });
  }
}
