import { bounceReportOf } from './mail/delivery-status.js';
import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { ApiError } from '../api/errors.js';
import { changeTimeNow, fromClickHouseTime, toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import type { DeskDirectory } from './desk-directory.js';
import { parseInboundMail, type InboundMail } from './mail/inbound-mail.js';
import type { ReceivedMail } from './mail/smtp-listener.js';
import {
  authenticationRefusal,
  mailAuthentication,
  unverifiedSender,
  type MailAuthentication,
} from './rules/mail-authentication.js';
import { ticketReferenceIn, ticketReferenceInMessageId } from './rules/mail-threading.js';
import { statusAfterParticipantMessage } from './rules/ticket-rules.js';
import type { TicketDesk } from './ticket-desk.js';
import type { FileInput, TicketStore } from './ticket-store.js';
import { sha256Hex } from '../common/hashes.js';

/**
 * Mail to the desk. Every mail is stored raw first (before the SMTP listener answers 250), then:
 * from a registered address of one participant, it adds to the ticket it answers (In-Reply-To /
 * References, or the [YZ-…] reference in the subject) or opens a ticket; anything else — unknown
 * senders, auto-replies, an address of several participants, a reference to another participant's
 * ticket, a mail that cannot be parsed — is held for an operator. Nothing is dropped.
 */
export type Disposition = 'ticket_opened' | 'ticket_updated' | 'held' | 'assigned' | 'dismissed';
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const NO_SUBJECT = '(件名なし / no subject)';

export interface HeldMailView {
  mailId: string;
  receivedAt: string;
  from: string;
  subject: string;
  text: string;
  /** What the MX said of the sender ("dmarc=fail spf=fail"), "" when it said nothing. */
  authentication: string;
  reason: string;
  status: 'held' | 'assigned' | 'dismissed';
  /** Where an operator put it (assigned), or why it was dismissed. */
  participantId: string | null;
  ticketId: string | null;
  dismissReason: string | null;
}

interface HeldMailRow {
  mail_id: string;
  received_at: string;
  from_address: string;
  subject: string;
  text_excerpt: string;
  authentication: string;
  disposition: string;
  reason: string;
  last_reason: string;
  ticket_id: string | null;
  participant_id: string | null;
}

export class InboundMailDesk {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly tickets: TicketStore,
    private readonly desk: TicketDesk,
    private readonly directory: DeskDirectory,
    private readonly options: {
      maxAttachmentBytes: number;
      mailDomain: string;
      authservId: string | undefined;
      logger: Logger;
      /** A later bounce of one of our own mails (a DSN): true when the outbox knew the mail. */
      bounced?: (originalMessageId: string, status: string, detail: string) => Promise<boolean>;
    },
  ) {}

  /** The SMTP listener's callback: resolves once the raw mail is stored (then the listener answers 250). */
  async receive(mail: ReceivedMail): Promise<void> {
    let parsed: InboundMail | undefined;
    try {
      parsed = await parseInboundMail(mail.raw, mail.envelopeFrom);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'inbound mail could not be parsed; held');
    }
    if (
      parsed &&
      (
        await selectRows(this.client, 'desk/inbound-mail-seen', {
          messageId: parsed.messageId,
          fromAddress: parsed.from.address,
        })
      ).length > 0
    ) {
      this.options.logger.info({ messageId: parsed.messageId }, 'inbound mail received again; already on record');
      return;
    }
    const senders = parsed?.from.address ? await this.directory.sendersOf(parsed.from.address) : [];
    const authentication = mailAuthentication(parsed?.authenticationResults ?? [], this.options.authservId);
    const mailId = randomUUID();
    await this.client.insert({
      table: 'inbound_mail',
      values: [
        {
          mail_id: mailId,
          participant_id: senders.length === 1 ? senders[0]!.participantId : NIL_UUID,
          received_at: toClickHouseTime(mail.receivedAt.getTime()),
          envelope_from: mail.envelopeFrom,
          envelope_to: mail.envelopeTo,
          remote_address: mail.remoteAddress,
          from_address: parsed?.from.address ?? '',
          subject: parsed?.subject ?? '',
          message_id: parsed?.messageId ?? '',
          size_bytes: mail.raw.length,
          sha256: sha256Hex(mail.raw),
          raw: mail.raw.toString('base64'),
          text_excerpt: parsed ? parsed.text.slice(0, 2000) : '(解析できないメール / the mail could not be parsed)',
          authentication: authentication.summary,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'desk:inbound-mail' },
    });
    // Stored: from here on a failure holds the mail for an operator rather than refusing it.
    try {
      if (!parsed) return await this.decide(mailId, 'held', 'unparseable');
      const bounce = bounceReportOf(mail.raw);
      if (bounce && (await this.options.bounced?.(bounce.originalMessageId, bounce.status, bounce.detail)))
        return await this.decide(mailId, 'held', `bounce_of_sent_mail: ${bounce.originalMessageId} ${bounce.status}`);
      await this.route(mailId, parsed, senders, authentication);
    } catch (error) {
      this.options.logger.error({ err: error, mailId }, 'inbound mail could not be put on a ticket; held');
      await this.decide(mailId, 'held', `processing_failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async route(
    mailId: string,
    mail: InboundMail,
    senders: Awaited<ReturnType<DeskDirectory['sendersOf']>>,
    authentication: MailAuthentication,
  ): Promise<void> {
    if (mail.autoSubmitted) return this.decide(mailId, 'held', 'auto_submitted');
    // The From address is only as good as the MX's checks: a failed DMARC check waits for an operator.
    const refusal = authenticationRefusal(authentication);
    if (refusal) return this.decide(mailId, 'held', refusal);
    if (senders.length === 0) return this.decide(mailId, 'held', 'unknown_sender');
    if (senders.length > 1)
      return this.decide(mailId, 'held', `ambiguous_sender: ${senders.map((sender) => sender.name).join(', ')}`);
    // A registered address is only the participant when the MX vouches for it (finding 2 of issue 15).
    const unverified = unverifiedSender(authentication, this.options.authservId, mail.from.address);
    if (unverified) return this.decide(mailId, 'held', unverified);
    const sender = senders[0]!;
    await this.putOnTicket(
      mailId,
      mail,
      sender.participantId,
      { accountId: sender.accountId, name: sender.person || mail.from.name || mail.from.address },
      undefined,
      'mail',
      authentication.summary,
    );
  }

  /** Adds the mail to the ticket it answers (or the one given), or opens one; records the disposition. */
  private async putOnTicket(
    mailId: string,
    mail: InboundMail,
    participantId: string,
    author: { accountId: string; name: string },
    chosenTicketId: string | undefined,
    by: string,
    authentication: string,
  ): Promise<string> {
    const scope = await this.directory.lineageOf(participantId);
    const answered = chosenTicketId
      ? { ticket_id: chosenTicketId, participant_id: participantId }
      : await this.answeredTicket(mail);
    if (answered && !scope.includes(answered.participant_id)) {
      await this.decide(mailId, 'held', 'ticket_of_other_participant');
      return '';
    }
    const ticket = answered ? await this.tickets.ticket(scope, answered.ticket_id) : undefined;
    if (chosenTicketId && !ticket) throw new ApiError(404, 'not_found', 'No such ticket for this participant.');
    const { files, note } = this.attachmentsOf(mail);
    const body = `${mail.replyText || mail.text}${note}`;
    const mailRef = { messageId: mail.messageId, inboundMailId: mailId, authentication };
    if (ticket && ticket.status !== 'closed') {
      await this.desk.participantMessage(
        ticket,
        { author, body, files, via: 'email', mail: mailRef },
        statusAfterParticipantMessage,
      );
      await this.decide(
        mailId,
        by === 'mail' ? 'ticket_updated' : 'assigned',
        '',
        ticket.participant_id,
        ticket.ticket_id,
        by,
      );
      return ticket.ticket_id;
    }
    // A mail answering a closed ticket opens a new one that names the old reference.
    const opened = await this.desk.open({
      participantId,
      subject: (mail.subject || NO_SUBJECT).slice(0, 200),
      category: 'other',
      channel: 'email',
      requester: { accountId: author.accountId, name: author.name, email: mail.from.address },
      body: ticket
        ? `(${ticket.reference} は完了済みのため新しい問い合わせとして受け付けました / ${ticket.reference} is closed: opened as a new ticket)\n\n${body}`
        : body,
      files,
      via: 'email',
      messageKind: 'participant_message',
      mail: mailRef,
      openedBy: { accountId: author.accountId, name: author.name },
    });
    await this.decide(
      mailId,
      by === 'mail' ? 'ticket_opened' : 'assigned',
      '',
      opened.participant_id,
      opened.ticket_id,
      by,
    );
    return opened.ticket_id;
  }

  /**
   * The ticket a mail answers: a Message-ID of its thread on record; else the reference our own
   * Message-IDs carry (mail sent before the outbox kept it, or quoted by another mailer); else the
   * reference in the subject.
   */
  private async answeredTicket(mail: InboundMail): Promise<{ ticket_id: string; participant_id: string } | undefined> {
    const quoted = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references];
    const byHeaders = await this.tickets.byMailMessageIds(quoted);
    if (byHeaders) return byHeaders;
    const reference =
      quoted.map((id) => ticketReferenceInMessageId(id, this.options.mailDomain)).find((found) => found !== null) ??
      ticketReferenceIn(mail.subject);
    return reference ? this.tickets.byReference(reference) : undefined;
  }

  /** Files within the per-file limit become attachments; larger ones stay in the stored raw mail, and the message says so. */
  private attachmentsOf(mail: InboundMail): { files: FileInput[]; note: string } {
    const files: FileInput[] = [];
    const kept: string[] = [];
    for (const attachment of mail.attachments) {
      if (attachment.content.length > this.options.maxAttachmentBytes)
        kept.push(`${attachment.filename} (${attachment.content.length} bytes)`);
      else
        files.push({ filename: attachment.filename, contentType: attachment.contentType, content: attachment.content });
    }
    const note =
      kept.length > 0
        ? `\n\n[添付ファイルが上限 ${this.options.maxAttachmentBytes} バイトを超えるため、受信したメールの原本にのみ保存しました / attachments over the ${this.options.maxAttachmentBytes}-byte limit are kept in the stored original mail only: ${kept.join(', ')}]`
        : '';
    return { files, note };
  }

  async held(statuses: readonly Disposition[] = ['held', 'assigned', 'dismissed']): Promise<HeldMailView[]> {
    const rows = await selectRows<HeldMailRow>(this.client, 'desk/held-mail', {
      dispositions: statuses,
      mailId: null,
      limit: 500,
    });
    return rows.map((row) => this.view(row));
  }

  /** An operator puts a held mail on a participant's ticket (or opens one for it). */
  async assign(
    mailId: string,
    participantId: string,
    ticketId: string | undefined,
    operator: string,
  ): Promise<{ ticketId: string; participantId: string }> {
    const { mail, authentication } = await this.heldMail(mailId);
    const known = (await this.directory.sendersOf(mail.from.address)).find(
      (sender) => sender.participantId === participantId,
    );
    const author = {
      accountId: known?.accountId ?? '',
      name: known?.person || mail.from.name || mail.from.address || operator,
    };
    const resultTicket = await this.putOnTicket(
      mailId,
      mail,
      participantId,
      author,
      ticketId,
      operator,
      authentication,
    );
    if (!resultTicket) throw new ApiError(403, 'other_participant', 'That ticket belongs to another participant.');
    return { ticketId: resultTicket, participantId };
  }

  async dismiss(mailId: string, reason: string, operator: string): Promise<void> {
    await this.heldMail(mailId);
    await this.decide(mailId, 'dismissed', reason, null, null, operator);
  }

  private async heldMail(mailId: string) {
    const [held] = await selectRows<HeldMailRow>(this.client, 'desk/held-mail', {
      dispositions: ['held'],
      mailId,
      limit: 1,
    });
    if (!held)
      throw new ApiError(
        404,
        'not_found',
        'No held mail with this id (it may have been assigned or dismissed already).',
      );
    const [stored] = await selectRows<{ raw: string }>(this.client, 'desk/inbound-mail-raw', { mailId });
    return { mail: await parseInboundMail(Buffer.from(stored!.raw, 'base64')), authentication: held.authentication };
  }

  private view(row: HeldMailRow): HeldMailView {
    return {
      mailId: row.mail_id,
      receivedAt: fromClickHouseTime(row.received_at).toISOString(),
      from: row.from_address,
      subject: row.subject,
      text: row.text_excerpt,
      authentication: row.authentication,
      reason: row.reason,
      status: row.disposition as HeldMailView['status'],
      participantId: row.participant_id,
      ticketId: row.ticket_id,
      dismissReason: row.disposition === 'dismissed' ? row.last_reason : null,
    };
  }

  private async decide(
    mailId: string,
    disposition: Disposition,
    reason: string,
    participantId: string | null = null,
    ticketId: string | null = null,
    by = 'mail',
  ): Promise<void> {
    await this.client.insert({
      table: 'inbound_mail_dispositions',
      values: [
        {
          mail_id: mailId,
          disposition,
          reason,
          participant_id: participantId,
          ticket_id: ticketId,
          decided_at: changeTimeNow(),
          decided_by: by,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `desk:inbound-mail:${disposition}` },
    });
  }
}
