import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ApiError } from '../api/errors.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import type { DeskDirectory } from './desk-directory.js';
import type { EvidenceLedger } from './evidence-ledger.js';
import type { MailOutbox } from './mail-outbox.js';
import { receivedMailText, replyMailText, statusMailText } from './mail/ticket-mail-text.js';
import { ticketReferenceOf } from './rules/mail-threading.js';
import type { TicketStatus } from './rules/sla.js';
import { isRefusal, type TicketCategory, type TicketChannel, type TicketRefusal } from './rules/ticket-rules.js';
import type { FileInput, MessageRow, TicketRecord, TicketState, TicketStore } from './ticket-store.js';

/**
 * What people do with tickets. Every change of a ticket's state is a new version written by
 * compare-and-swap (two operators at once cannot lose a change), every message is kept, and the
 * participant is mailed about replies and status changes, threaded to the ticket's earlier mail.
 */
export interface Actor {
  accountId: string;
  name: string;
}

export interface NewTicket {
  participantId: string;
  subject: string;
  category: TicketCategory;
  channel: TicketChannel;
  requester: { accountId: string; name: string; email: string };
  /** The first message; a ticket the desk opens (channel `desk`) has none: its first message is the operator's reply. */
  body: string;
  files: FileInput[];
  via: MessageRow['via'];
  messageKind: 'participant_message' | 'phone_call';
  /** Chosen beforehand when something (evidence) is captured for the ticket before it is written. */
  ticketId?: string;
  phone?: { caller: string; calledAt: Date; durationMinutes: number };
  mail?: InboundReference;
  openedBy: Actor;
}

/** The mail a message came in: its Message-ID, its record, and what the MX said of its sender. */
export interface InboundReference {
  messageId: string;
  inboundMailId: string;
  authentication: string;
}

export const DISCLAIMER = {
  ja: '本サービスの回答は、参加者のセキュリティ対策を支援するための情報提供であり、リスクそのものを取り除くものではありません。回答の内容に基づく対策の実施は参加者の責任において行ってください。回答に誤りが含まれる可能性があり、当方はその正確性・完全性を保証せず、インシデントの復旧等は行いません（規約 第1条・第17条・第18条）。',
  en: "The desk's answers are information to support the participant's own security measures; they do not remove the risks themselves. Acting on them is the participant's responsibility. Answers may contain mistakes; their accuracy and completeness are not warranted, and the desk does not recover incidents (terms art. 1, 17, 18).",
};

export class TicketDesk {
  constructor(
    private readonly store: TicketStore,
    private readonly directory: DeskDirectory,
    private readonly outbox: MailOutbox,
    private readonly evidence: EvidenceLedger,
    private readonly options: { publicUrl: () => string; logger: Logger },
  ) {}

  ticketUrl(ticket: { participant_id: string; ticket_id: string }): string {
    return `${this.options.publicUrl()}/participants/${ticket.participant_id}/tickets/${ticket.ticket_id}`;
  }

  /** The ticket within the caller's participants, or 404 (the same answer whether it exists elsewhere or not). */
  async find(participantId: string, ticketId: string): Promise<TicketRecord> {
    const scope = await this.directory.lineageOf(participantId);
    const ticket = await this.store.ticket(scope, ticketId);
    if (!ticket) throw new ApiError(404, 'not_found', 'No such ticket for this participant.');
    return ticket;
  }

  async open(input: NewTicket): Promise<TicketRecord> {
    let ticketId = input.ticketId ?? randomUUID();
    // References are 40 bits of the id: a clash is rare, but a reference must name one ticket.
    while (await this.store.byReference(ticketReferenceOf(ticketId))) {
      if (input.ticketId) throw new ApiError(409, 'conflict', 'The ticket could not be created; try again.');
      ticketId = randomUUID();
    }
    const byDesk = input.channel === 'desk';
    const createdAt = toClickHouseTime(input.phone?.calledAt.getTime() ?? Date.now());
    const state: TicketState = {
      participant_id: input.participantId,
      reference: ticketReferenceOf(ticketId),
      subject: input.subject,
      category: input.category,
      // A logged phone call was answered on the phone: that is the first response.
      status: input.channel === 'phone' || byDesk ? 'open' : 'new',
      channel: input.channel,
      requester_account_id: input.requester.accountId,
      requester_name: input.requester.name,
      requester_email: input.requester.email,
      // The operator who calls or reaches out owns the ticket.
      assignee_id: input.channel === 'phone' || byDesk ? input.openedBy.accountId : '',
      created_at: createdAt,
      first_response_at: input.channel === 'phone' ? createdAt : null,
    };
    const written = await this.store.writeVersion(ticketId, 1, state, {
      kind: 'created',
      detail: { channel: input.channel, category: input.category },
      by: input.openedBy.name,
    });
    if (!written) throw new ApiError(409, 'conflict', 'The ticket could not be created; try again.');
    const ticket = { ...state, ticket_id: ticketId };
    if (byDesk) return this.find(input.participantId, ticketId);
    await this.addMessage(ticket, {
      kind: input.messageKind,
      via: input.via,
      author:
        input.messageKind === 'phone_call'
          ? input.openedBy
          : { accountId: input.requester.accountId, name: input.requester.name },
      body: input.body,
      files: input.files,
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.mail ? { mail: input.mail } : {}),
      createdAt,
    });
    if (input.channel !== 'phone') {
      const participant = await this.directory.participant(input.participantId);
      await this.outbox.queue({
        key: `received:${ticketId}`,
        kind: 'received',
        ticket: { ...ticket, subject: input.subject },
        recipients: [input.requester.email || participant?.contactEmail || ''],
        text: receivedMailText({
          reference: state.reference,
          subject: input.subject,
          ticketUrl: this.ticketUrl(ticket),
        }),
      });
    }
    return this.find(input.participantId, ticketId);
  }

  /** The participant writes (portal, mail or a diagnostics answer); a waiting or resolved ticket is open again. */
  async participantMessage(
    ticket: TicketRecord,
    input: {
      author: Actor;
      body: string;
      files: FileInput[];
      via: MessageRow['via'];
      kind?: 'participant_message' | 'diagnostics_answer';
      diagnosticsRequestId?: string;
      mail?: InboundReference;
    },
    next: (status: TicketStatus) => TicketStatus | TicketRefusal,
  ): Promise<void> {
    const status = refuseOr(next(ticket.status));
    await this.addMessage(ticket, {
      kind: input.kind ?? 'participant_message',
      via: input.via,
      author: input.author,
      body: input.body,
      files: input.files,
      ...(input.diagnosticsRequestId ? { diagnosticsRequestId: input.diagnosticsRequestId } : {}),
      ...(input.mail ? { mail: input.mail } : {}),
    });
    if (status !== ticket.status)
      await this.change(ticket, input.author.name, (state) => ({ ...state, status }), 'status', {
        from: ticket.status,
        to: status,
        why: 'participant_message',
      });
  }

  /** An operator's public answer, with evidence; the participant is mailed the answer and the evidence's hashes. */
  async reply(
    ticket: TicketRecord,
    input: {
      operator: Actor;
      body: string;
      files: FileInput[];
      evidenceIds: string[];
      statusAfter: TicketStatus | TicketRefusal;
    },
  ): Promise<void> {
    const status = refuseOr(input.statusAfter);
    const evidence = await this.evidence.forReply(ticket, input.evidenceIds);
    const messageId = await this.addMessage(ticket, {
      kind: 'operator_reply',
      via: 'dashboard',
      author: input.operator,
      body: input.body,
      files: input.files,
      evidence: evidence.map((item) => ({ id: item.evidenceId, sha256: item.sha256 })),
    });
    const firstResponse = ticket.first_response_at ?? toClickHouseTime(Date.now());
    await this.change(
      ticket,
      input.operator.name,
      (state) => ({ ...state, status, first_response_at: state.first_response_at ?? firstResponse }),
      'reply',
      { from: ticket.status, to: status },
    );
    const participant = await this.directory.participant(ticket.participant_id);
    await this.outbox.queue({
      key: `reply:${messageId}`,
      kind: 'reply',
      ticket,
      recipients: [ticket.requester_email || participant?.contactEmail || ''],
      text: replyMailText({
        reference: ticket.reference,
        organisation: participant?.name ?? '',
        body: input.body,
        evidence: evidence.map((item) => ({
          query: item.query,
          from: new Date(item.from),
          to: new Date(item.to),
          rowCount: item.rowCount,
          sha256: item.sha256,
        })),
        ticketUrl: this.ticketUrl(ticket),
        disclaimer: DISCLAIMER,
      }),
    });
  }

  async note(ticket: TicketRecord, input: { operator: Actor; body: string; files: FileInput[] }): Promise<void> {
    await this.addMessage(ticket, {
      kind: 'internal_note',
      via: 'dashboard',
      author: input.operator,
      body: input.body,
      files: input.files,
    });
  }

  async logCall(
    ticket: TicketRecord,
    input: { operator: Actor; caller: string; calledAt: Date; durationMinutes: number; summary: string },
  ): Promise<void> {
    await this.addMessage(ticket, {
      kind: 'phone_call',
      via: 'phone',
      author: input.operator,
      body: input.summary,
      files: [],
      phone: { caller: input.caller, calledAt: input.calledAt, durationMinutes: input.durationMinutes },
    });
    if (!ticket.first_response_at)
      await this.change(
        ticket,
        input.operator.name,
        (state) => ({
          ...state,
          first_response_at: state.first_response_at ?? toClickHouseTime(input.calledAt.getTime()),
        }),
        'first_response',
        { via: 'phone' },
      );
  }

  /** A status change by an operator or the participant; the participant is told by mail. */
  async setStatus(
    ticket: TicketRecord,
    actor: Actor,
    status: TicketStatus | TicketRefusal,
    why: string,
  ): Promise<void> {
    const next = refuseOr(status);
    await this.change(ticket, actor.name, (state) => ({ ...state, status: next }), 'status', {
      from: ticket.status,
      to: next,
      why,
    });
    if (
      next === 'resolved' ||
      next === 'closed' ||
      (next === 'open' && (ticket.status === 'resolved' || ticket.status === 'closed'))
    ) {
      const participant = await this.directory.participant(ticket.participant_id);
      await this.outbox.queue({
        key: `status:${ticket.ticket_id}:${ticket.current_version + 1}`,
        kind: 'status',
        ticket,
        recipients: [ticket.requester_email || participant?.contactEmail || ''],
        text: statusMailText({
          reference: ticket.reference,
          organisation: participant?.name ?? '',
          status: next,
          ticketUrl: this.ticketUrl(ticket),
        }),
      });
    }
  }

  async assign(ticket: TicketRecord, actor: Actor, assigneeId: string, status: TicketStatus): Promise<void> {
    await this.change(ticket, actor.name, (state) => ({ ...state, assignee_id: assigneeId, status }), 'assignment', {
      from: ticket.assignee_id,
      to: assigneeId,
    });
  }

  async setCategory(ticket: TicketRecord, actor: Actor, category: TicketCategory): Promise<void> {
    if (category === ticket.category) return;
    await this.change(ticket, actor.name, (state) => ({ ...state, category }), 'category', {
      from: ticket.category,
      to: category,
    });
  }

  /** Writes a message and its files; returns the message id. */
  private async addMessage(
    ticket: { ticket_id: string; participant_id: string },
    input: {
      kind: MessageRow['kind'];
      via: MessageRow['via'];
      author: Actor;
      body: string;
      files: FileInput[];
      phone?: { caller: string; calledAt: Date; durationMinutes: number };
      evidence?: { id: string; sha256: string }[];
      diagnosticsRequestId?: string;
      mail?: InboundReference;
      createdAt?: string;
    },
  ): Promise<string> {
    const messageId = randomUUID();
    const attachmentIds = await this.store.addAttachments(ticket, messageId, input.files, input.author.name);
    await this.store.addMessage(ticket, {
      message_id: messageId,
      kind: input.kind,
      via: input.via,
      author_account_id: input.author.accountId,
      author_name: input.author.name,
      body: input.body,
      ...(input.createdAt ? { created_at: input.createdAt } : {}),
      phone_caller: input.phone?.caller ?? '',
      phone_called_at: input.phone ? toClickHouseTime(input.phone.calledAt.getTime()) : null,
      phone_duration_minutes: input.phone?.durationMinutes ?? 0,
      attachment_ids: attachmentIds,
      evidence_ids: input.evidence?.map((item) => item.id) ?? [],
      evidence_sha256: input.evidence?.map((item) => item.sha256) ?? [],
      diagnostics_request_id: input.diagnosticsRequestId ?? '',
      mail_message_id: input.mail?.messageId ?? '',
      mail_authentication: input.mail?.authentication ?? '',
      inbound_mail_id: input.mail?.inboundMailId ?? '',
    });
    return messageId;
  }

  /** Compare-and-swap on the ticket's version: re-reads and re-applies the change when another writer came first. */
  private async change(
    ticket: TicketRecord,
    by: string,
    apply: (state: TicketState) => TicketState,
    kind: string,
    detail: Record<string, string>,
  ): Promise<void> {
    let current: TicketRecord = ticket;
    for (let attempt = 0; attempt < 8; attempt += 1) {
      if (attempt > 0) {
        const reread = await this.store.ticket([ticket.participant_id], ticket.ticket_id);
        if (!reread) throw new ApiError(404, 'not_found', 'No such ticket for this participant.');
        current = reread;
      }
      const { ticket_id: _id, current_version: version, updated_at: _updated, ...state } = current;
      if (await this.store.writeVersion(ticket.ticket_id, Number(version) + 1, apply(state), { kind, detail, by }))
        return;
    }
    throw new ApiError(
      409,
      'conflict',
      'The ticket kept changing while this change was written; reload it and try again.',
    );
  }
}

function refuseOr(value: TicketStatus | TicketRefusal): TicketStatus {
  if (isRefusal(value)) throw new ApiError(409, value.code, value.message);
  return value;
}
