import { randomUUID } from 'node:crypto';
import { ApiError } from '../api/errors.js';
import { fromClickHouseTime } from '../common/clickhouse-time.js';
import type { EvidenceRow, EvidenceStore } from './evidence-store.js';
import {
  canonicalJson,
  evidenceSha256,
  markedPositions,
  projectRow,
  snapshotOf,
  type SnapshotRow,
} from './rules/evidence-snapshot.js';

/**
 * Evidence: an operator's log query over one participant's data, run by the server itself (never rows
 * sent by a browser), kept as the query and an immutable, hashed snapshot of what it returned. Reading
 * it recomputes the hash: "intact" when the stored rows still give the recorded hash (and the hash the
 * reply carried), "altered" otherwise.
 */
export type EventQuery = (
  participantId: string,
  query: string,
  range: { from: Date; to: Date },
  limit: number,
) => Promise<Record<string, unknown>[]>;

export interface EvidenceView {
  evidenceId: string;
  query: string;
  from: string;
  to: string;
  deviceId: string | null;
  rowCount: number;
  sha256: string;
  createdAt: string;
  createdBy: string;
  integrity: 'intact' | 'altered';
  /** The query that marked the rows answering the question ('' when none are marked). */
  markQuery: string;
  markedCount: number;
}

export interface EvidenceDetailView extends EvidenceView {
  columns: string[];
  rows: SnapshotRow[];
  /** Positions in `rows` (0-based) of the marked rows. */
  markedRows: number[];
  computedSha256: string;
}

export interface EvidenceCapture {
  query: string;
  from: Date;
  to: Date;
  deviceId?: string | undefined;
  limit: number;
  /** A second query: the snapshot rows it also matches are marked as the ones answering the question. */
  markQuery?: string | undefined;
}

type TicketRef = { ticket_id: string; participant_id: string };

/** Evidence from a device timeline keeps the device's id apart from the query; it is added as a query term (values stay parameters). */
function withDevice(query: string, deviceId: string | null | undefined): string {
  if (!deviceId) return query;
  return query.trim() ? `device_id:"${deviceId}" AND (${query})` : `device_id:"${deviceId}"`;
}

export const EVIDENCE_MAX_ROWS = 500;

export class EvidenceLedger {
  constructor(
    private readonly store: EvidenceStore,
    private readonly runQuery: EventQuery,
  ) {}

  async capture(ticket: TicketRef, input: EvidenceCapture, createdBy: string): Promise<EvidenceDetailView> {
    const effective = withDevice(input.query, input.deviceId);
    const events = await this.runQuery(
      ticket.participant_id,
      effective,
      { from: input.from, to: input.to },
      input.limit,
    );
    const { columns, rows } = snapshotOf(events);
    const markQuery = input.markQuery?.trim() ?? '';
    const markedRows = markQuery ? await this.markedRowsOf(ticket, effective, markQuery, input, events) : [];
    const record = {
      participantId: ticket.participant_id,
      query: input.query,
      from: input.from.toISOString(),
      to: input.to.toISOString(),
      deviceId: input.deviceId ?? '',
      columns,
      rows,
      markQuery,
      markedRows,
    };
    const sha256 = evidenceSha256(record);
    const evidenceId = randomUUID();
    await this.store.add({
      evidenceId,
      ticketId: ticket.ticket_id,
      participantId: ticket.participant_id,
      query: input.query,
      from: input.from,
      to: input.to,
      deviceId: input.deviceId ?? '',
      columns,
      rowsJson: canonicalJson(rows),
      rowCount: rows.length,
      sha256,
      createdBy,
      markQuery,
      markedRows,
    });
    return this.detail(ticket, evidenceId);
  }

  /**
   * The snapshot's rows that the mark query also matches: the evidence query AND the mark query over the same
   * range. The snapshot is the newest `limit` rows of the evidence query, so its rows that the mark query matches
   * are among the newest `limit` rows of the two together. Marks that match nothing would send evidence that says
   * less than the operator meant: refused, before anything is stored.
   */
  private async markedRowsOf(
    ticket: TicketRef,
    effective: string,
    markQuery: string,
    input: EvidenceCapture,
    events: readonly Record<string, unknown>[],
  ): Promise<number[]> {
    const both = effective.trim() ? `(${effective}) AND (${markQuery})` : markQuery;
    const marked = await this.runQuery(ticket.participant_id, both, { from: input.from, to: input.to }, input.limit);
    const positions = markedPositions(events, marked);
    if (positions.length === 0)
      throw new ApiError(400, 'invalid_request', 'The mark query matches none of the evidence rows.', [
        { path: 'body.markQuery', message: 'The mark query matches none of the evidence rows.' },
      ]);
    return positions;
  }

  /** Summaries of the ticket's evidence, each with its integrity; `sentHashes` are the hashes replies carried. */
  async summaries(ticket: TicketRef, sentHashes: ReadonlyMap<string, string>): Promise<EvidenceView[]> {
    const rows = await this.store.ofTicket(ticket.participant_id, ticket.ticket_id, [], true);
    return rows.map((row) => this.view(ticket, row, sentHashes.get(row.evidence_id)).summary);
  }

  async detail(ticket: TicketRef, evidenceId: string, sentHash?: string): Promise<EvidenceDetailView> {
    const [row] = await this.store.ofTicket(ticket.participant_id, ticket.ticket_id, [evidenceId], true);
    if (!row) throw new ApiError(404, 'not_found', 'No such evidence on this ticket.');
    const { summary, rows, computedSha256 } = this.view(ticket, row, sentHash);
    return { ...summary, columns: row.columns, rows, markedRows: row.marked_rows.map(Number), computedSha256 };
  }

  /** The evidence a reply carries: it must belong to the ticket and be intact. */
  async forReply(ticket: TicketRef, evidenceIds: readonly string[]): Promise<EvidenceView[]> {
    if (evidenceIds.length === 0) return [];
    const rows = await this.store.ofTicket(ticket.participant_id, ticket.ticket_id, evidenceIds, true);
    const found = new Map(rows.map((row) => [row.evidence_id, row]));
    const missing = evidenceIds.filter((id) => !found.has(id));
    if (missing.length > 0)
      throw new ApiError(400, 'invalid_request', `No such evidence on this ticket: ${missing.join(', ')}.`);
    const views = evidenceIds.map((id) => this.view(ticket, found.get(id)!).summary);
    const altered = views.filter((view) => view.integrity === 'altered');
    if (altered.length > 0)
      throw new ApiError(
        409,
        'evidence_altered',
        `The evidence ${altered.map((view) => view.evidenceId).join(', ')} no longer matches its SHA-256; it cannot be sent.`,
      );
    return views;
  }

  /** The same query over the same range, now; whether it still returns the snapshot's rows. */
  async rerun(
    ticket: TicketRef,
    evidenceId: string,
  ): Promise<{ rows: SnapshotRow[]; columns: string[]; rowCount: number; sameAsSnapshot: boolean; ranAt: string }> {
    const evidence = await this.detail(ticket, evidenceId);
    const effective = withDevice(evidence.query, evidence.deviceId);
    const events = await this.runQuery(
      ticket.participant_id,
      effective,
      { from: new Date(evidence.from), to: new Date(evidence.to) },
      Math.max(evidence.rowCount + 1, 1),
    );
    // Compared on the snapshot's columns: the same rows, in the same order, with the same values.
    const rows = events.map((event) => projectRow(event, evidence.columns));
    return {
      rows,
      columns: evidence.columns,
      rowCount: rows.length,
      sameAsSnapshot: canonicalJson(rows) === canonicalJson(evidence.rows),
      ranAt: new Date().toISOString(),
    };
  }

  private view(
    ticket: TicketRef,
    row: EvidenceRow,
    sentHash?: string,
  ): { summary: EvidenceView; rows: SnapshotRow[]; computedSha256: string } {
    const from = fromClickHouseTime(row.range_from).toISOString();
    const to = fromClickHouseTime(row.range_to).toISOString();
    let rows: SnapshotRow[] = [];
    let computedSha256 = '';
    try {
      rows = JSON.parse(row.rows_json) as SnapshotRow[];
      computedSha256 = evidenceSha256({
        participantId: ticket.participant_id,
        query: row.query,
        from,
        to,
        deviceId: row.device_id,
        columns: row.columns,
        rows,
        markQuery: row.mark_query,
        markedRows: row.marked_rows.map(Number),
      });
    } catch {
      // Stored text that is no longer JSON is altered by definition.
    }
    const intact = computedSha256 === row.sha256 && (sentHash === undefined || sentHash === row.sha256);
    return {
      summary: {
        evidenceId: row.evidence_id,
        query: row.query,
        from,
        to,
        deviceId: row.device_id || null,
        rowCount: Number(row.row_count),
        sha256: row.sha256,
        createdAt: fromClickHouseTime(row.created_at).toISOString(),
        createdBy: row.created_by,
        integrity: intact ? 'intact' : 'altered',
        markQuery: row.mark_query,
        markedCount: row.marked_rows.length,
      },
      rows,
      computedSha256,
    };
  }
}
