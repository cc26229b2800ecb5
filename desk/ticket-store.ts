import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../common/hashes.js';
import { Readable } from 'node:stream';
import { SpooledUpload } from '../api/multipart-spool.js';
import type { AttachmentChunks, FileContent } from './attachment-chunks.js';
import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow, toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import { writeVersion } from '../sql/versioned-state.js';
import type { TicketStatus } from './rules/sla.js';
import type { TicketCategory, TicketChannel } from './rules/ticket-rules.js';

/** Tickets, their messages and attachments: the only place running their SQL. */
export interface TicketState {
  participant_id: string;
  reference: string;
  subject: string;
  category: TicketCategory;
  status: TicketStatus;
  channel: TicketChannel;
  requester_account_id: string;
  requester_name: string;
  requester_email: string;
  assignee_id: string;
  created_at: string;
  first_response_at: string | null;
}

export interface TicketRecord extends TicketState {
  ticket_id: string;
  current_version: number;
  updated_at: string;
}

export interface TicketVersion {
  ticket_id: string;
  version: number;
  status: TicketStatus;
  assignee_id: string;
  category: string;
  subject: string;
  change_kind: string;
  change_detail: string;
  changed_at: string;
  changed_by: string;
}

export interface MessageRow {
  message_id: string;
  kind: 'participant_message' | 'operator_reply' | 'internal_note' | 'phone_call' | 'diagnostics_answer';
  via: 'portal' | 'email' | 'phone' | 'dashboard';
  author_account_id: string;
  author_name: string;
  body: string;
  created_at: string;
  phone_caller: string;
  phone_called_at: string | null;
  phone_duration_minutes: number;
  attachment_ids: string[];
  evidence_ids: string[];
  evidence_sha256: string[];
  diagnostics_request_id: string;
  mail_message_id: string;
  /** What the MX said of a mail's sender ("dmarc=pass spf=pass"), for messages that came by mail. */
  mail_authentication: string;
}

export interface AttachmentRow {
  attachment_id: string;
  message_id: string;
  filename: string;
  content_type: string;
  size_bytes: string | number;
  sha256: string;
  uploaded_at: string;
}

/** A file to attach: bytes in hand (a mail's attachment, a diagnostics bundle) or an upload spooled to disk. */
export interface FileInput {
  filename: string;
  contentType: string;
  content: FileContent;
}

/** A stored file, ready to be streamed out. */
export interface AttachmentContent extends AttachmentRow {
  body: Readable;
}

export class TicketStore {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly chunks: AttachmentChunks,
  ) {}

  async ticket(scope: readonly string[], ticketId: string): Promise<TicketRecord | undefined> {
    const [row] = await selectRows<TicketRecord>(this.client, 'desk/current-ticket', { scope, ticketId });
    return row;
  }

  /** Current tickets; an empty scope lists every participant's (the operators' queue). */
  tickets(scope: readonly string[], statuses: readonly string[] = [], limit = 5000): Promise<TicketRecord[]> {
    return selectRows<TicketRecord>(this.client, 'desk/list-tickets', { scope, statuses, limit });
  }

  /** Tickets in the scope (empty: every participant's) with a message containing the text, except messages of the hidden kinds. */
  async ticketsWithMessageText(
    scope: readonly string[],
    text: string,
    hiddenKinds: readonly MessageRow['kind'][],
  ): Promise<Set<string>> {
    const rows = await selectRows<{ ticket_id: string }>(this.client, 'desk/search-ticket-messages', {
      scope,
      text,
      hiddenKinds,
      limit: 5000,
    });
    return new Set(rows.map((row) => row.ticket_id));
  }

  versions(ticketIds: readonly string[]): Promise<TicketVersion[]> {
    if (ticketIds.length === 0) return Promise.resolve([]);
    return selectRows<TicketVersion>(this.client, 'desk/ticket-versions', { ticketIds });
  }

  async byReference(reference: string): Promise<{ ticket_id: string; participant_id: string } | undefined> {
    const [row] = await selectRows<{ ticket_id: string; participant_id: string }>(
      this.client,
      'desk/ticket-by-reference',
      { reference },
    );
    return row;
  }

  async byMailMessageIds(
    messageIds: readonly string[],
  ): Promise<{ ticket_id: string; participant_id: string } | undefined> {
    if (messageIds.length === 0) return undefined;
    const [row] = await selectRows<{ ticket_id: string; participant_id: string }>(
      this.client,
      'desk/ticket-by-mail-message-id',
      { messageIds },
    );
    return row;
  }

  /** Compare-and-swap: false when another change took this version first (re-read and retry). */
  writeVersion(
    ticketId: string,
    version: number,
    state: TicketState,
    change: { kind: string; detail: Record<string, string>; by: string },
  ): Promise<boolean> {
    return writeVersion(
      this.client,
      'tickets',
      ticketId,
      version,
      {
        ...state,
        change_kind: change.kind,
        change_detail: JSON.stringify(change.detail),
        changed_at: changeTimeNow(),
        changed_by: change.by,
      },
      `tickets:${change.kind}`,
    );
  }

  messages(participantId: string, ticketId: string): Promise<MessageRow[]> {
    return selectRows<MessageRow>(this.client, 'desk/ticket-messages', { participantId, ticketId });
  }

  async addMessage(
    ticket: { ticket_id: string; participant_id: string },
    message: Omit<MessageRow, 'created_at'> & { created_at?: string; inbound_mail_id?: string },
  ): Promise<void> {
    await this.client.insert({
      table: 'ticket_messages',
      values: [
        {
          inbound_mail_id: '',
          ...message,
          created_at: message.created_at ?? toClickHouseTime(Date.now()),
          ticket_id: ticket.ticket_id,
          participant_id: ticket.participant_id,
        },
      ],
      format: 'JSONEachRow',
      // A retried insert of the same message is dropped by the engine, not shown twice.
      clickhouse_settings: {
        insert_deduplicate: 1,
        insert_deduplication_token: `ticket_messages:${message.message_id}`,
        log_comment: `desk:message:${message.kind}`,
      },
    });
  }

  /**
   * Stores the files of one message; returns their ids in the given order. Each file's pieces are
   * written first, then its row: a row never points at bytes that are not there.
   */
  async addAttachments(
    ticket: { ticket_id: string; participant_id: string },
    messageId: string,
    files: readonly FileInput[],
    uploadedBy: string,
  ): Promise<string[]> {
    if (files.length === 0) return [];
    const now = toClickHouseTime(Date.now());
    const rows = [];
    for (const file of files) {
      const attachmentId = randomUUID();
      const chunkCount = await this.chunks.keep(
        { participantId: ticket.participant_id, ticketId: ticket.ticket_id, attachmentId },
        file.content,
      );
      const { content } = file;
      rows.push({
        attachment_id: attachmentId,
        ticket_id: ticket.ticket_id,
        participant_id: ticket.participant_id,
        message_id: messageId,
        filename: file.filename,
        content_type: file.contentType || 'application/octet-stream',
        size_bytes: content instanceof SpooledUpload ? content.size : content.length,
        sha256: content instanceof SpooledUpload ? content.sha256 : sha256Hex(content),
        content: '',
        chunk_count: chunkCount,
        uploaded_at: now,
        uploaded_by: uploadedBy,
      });
    }
    // Pieces without a row (a failure between) are never served, and go with the participant's data.
    await this.client.insert({
      table: 'ticket_attachments',
      values: rows,
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'desk:attachments' },
    });
    return rows.map((row) => row.attachment_id);
  }

  attachments(participantId: string, ticketId: string): Promise<AttachmentRow[]> {
    return selectRows<AttachmentRow>(this.client, 'desk/ticket-attachments', { participantId, ticketId });
  }

  async attachmentContent(
    participantId: string,
    ticketId: string,
    attachmentId: string,
  ): Promise<AttachmentContent | undefined> {
    const [row] = await selectRows<AttachmentRow & { content: string; chunk_count: number }>(
      this.client,
      'desk/attachment-content',
      { participantId, ticketId, attachmentId },
    );
    if (!row) return undefined;
    const { content, chunk_count: chunkCount, ...metadata } = row;
    // Files attached before the pieces table kept their bytes in the row (base64).
    const body =
      chunkCount > 0
        ? this.chunks.read({ participantId, ticketId, attachmentId }, chunkCount)
        : Readable.from([Buffer.from(content, 'base64')]);
    return { ...metadata, body };
  }
}
