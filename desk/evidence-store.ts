import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';

/** Evidence snapshots: the only place running their SQL. Rows are inserted once and never updated. */
export interface EvidenceRow {
  evidence_id: string;
  query: string;
  range_from: string;
  range_to: string;
  device_id: string;
  columns: string[];
  row_count: number;
  sha256: string;
  created_at: string;
  created_by: string;
  rows_json: string;
  mark_query: string;
  marked_rows: number[];
}

export interface NewEvidence {
  evidenceId: string;
  ticketId: string;
  participantId: string;
  query: string;
  from: Date;
  to: Date;
  deviceId: string;
  columns: string[];
  rowsJson: string;
  rowCount: number;
  sha256: string;
  createdBy: string;
  markQuery: string;
  markedRows: number[];
}

export class EvidenceStore {
  constructor(private readonly client: ClickHouseClient) {}

  async add(evidence: NewEvidence): Promise<void> {
    await this.client.insert({
      table: 'ticket_evidence',
      values: [
        {
          evidence_id: evidence.evidenceId,
          ticket_id: evidence.ticketId,
          participant_id: evidence.participantId,
          query: evidence.query,
          range_from: toClickHouseTime(evidence.from.getTime()),
          range_to: toClickHouseTime(evidence.to.getTime()),
          device_id: evidence.deviceId,
          columns: evidence.columns,
          rows_json: evidence.rowsJson,
          row_count: evidence.rowCount,
          sha256: evidence.sha256,
          created_at: toClickHouseTime(Date.now()),
          created_by: evidence.createdBy,
          mark_query: evidence.markQuery,
          marked_rows: evidence.markedRows,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'desk:evidence' },
    });
  }

  /** The ticket's evidence (all of it when evidenceIds is empty); the snapshot rows only when asked. */
  ofTicket(
    participantId: string,
    ticketId: string,
    evidenceIds: readonly string[] = [],
    withRows = false,
  ): Promise<EvidenceRow[]> {
    return selectRows<EvidenceRow>(this.client, 'desk/ticket-evidence', {
      participantId,
      ticketId,
      evidenceIds,
      withRows,
    });
  }
}
