import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { nameBasedUuid } from '../ingest/credentials.js';
import { fromClickHouseTime, toClickHouseTime } from '../common/clickhouse-time.js';
import { sqlQuery } from '../sql/query-files.js';
import { selectRows } from '../sql/select-rows.js';
import { isRetryableMailError, type MailSender } from './mail/mail-sender.js';
import { outgoingMessageId, threadedSubject } from './rules/mail-threading.js';

/**
 * The desk's outgoing mail. A mail is first written to the outbox (outbound_mail), with an id derived
 * from what it is about, so a retried request cannot queue it twice; then handed to the relay. A failed
 * hand-over is recorded and retried by the desk job; a permanent refusal (5xx) is recorded and shown.
 */
export interface OutboxMail {
  /** What the mail is about, e.g. "reply:<messageId>": the same key never queues a second mail. */
  key: string;
  kind: 'reply' | 'status' | 'received' | 'sla_alert';
  ticket: { ticket_id: string; participant_id: string; reference: string; subject: string };
  recipients: string[];
  text: string;
}

/** A mail about no ticket, with files: the deletion certificate sent to a participant's registered address. */
export interface OutboxDocumentMail {
  key: string;
  kind: 'deletion_certificate' | 'notice';
  participantId: string;
  recipients: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * What became of one hand-over to the relay. For "sent", `at` is the moment the relay's 250 came
 * back: the notice centre takes it as the time an e-mail notice was delivered (terms art. 21 (2)).
 */
export interface OutboxOutcome {
  mailId: string;
  kind: string;
  outcome: 'sent' | 'failed_retryable' | 'failed_permanent' | 'not_configured';
  at: Date;
  response: string;
  attempts: number;
  maxAttempts: number;
}

const NO_TICKET = '00000000-0000-0000-0000-000000000000';

interface PendingRow {
  mail_id: string;
  participant_id: string;
  ticket_id: string;
  kind: string;
  message_id: string;
  in_reply_to: string;
  reference_ids: string[];
  recipients: string[];
  subject: string;
  text: string;
  attachments: { filename: string; content_type: string; content_base64: string }[];
  attempts: string | number;
}

export const MAX_SEND_ATTEMPTS = 20;

/**
 * Claims one mail's hand-over across gateways (the process passes a lease kept in ClickHouse; on the
 * embedded engine every claim is granted, one process owning the database). Undefined: another gateway
 * is handing it over now.
 */
export type DeliveryClaim = (mailId: string) => Promise<{ release(): Promise<void> } | undefined>;

const grantEveryClaim: DeliveryClaim = () => Promise.resolve({ release: () => Promise.resolve() });

export class MailOutbox {
  /** Mails being handed over now: the immediate send and the job never send one mail twice at once. */
  private readonly inFlight = new Set<string>();
  private readonly outcomeListeners: ((outcome: OutboxOutcome) => Promise<void>)[] = [];

  constructor(
    private readonly client: ClickHouseClient,
    private readonly sender: MailSender,
    private readonly from: string,
    private readonly domain: string,
    private readonly logger: Logger,
    private readonly claim: DeliveryClaim = grantEveryClaim,
  ) {}

  /** Whether a relay is configured: without one, mail waits in the outbox. */
  get configured(): boolean {
    return this.sender.configured;
  }

  /** The id a mail with this key has (or will have) in the outbox. */
  mailIdOf(key: string): string {
    return nameBasedUuid(`yorozu-outbox:${key}`);
  }

  /** Told after every hand-over is recorded, with the relay's acceptance time for a sent mail. */
  onOutcome(listener: (outcome: OutboxOutcome) => Promise<void>): void {
    this.outcomeListeners.push(listener);
  }

  /** Queues the mail threaded to the ticket's earlier mail, then tries to send it at once (not awaited by callers that must not wait). */
  async queue(mail: OutboxMail): Promise<string | undefined> {
    const recipients = [...new Set(mail.recipients.map((address) => address.trim()).filter(Boolean))];
    if (recipients.length === 0) return undefined;
    const mailId = nameBasedUuid(`yorozu-outbox:${mail.key}`);
    const thread = await selectRows<{ message_id: string }>(this.client, 'desk/mail-thread', {
      ticketId: mail.ticket.ticket_id,
      participantId: mail.ticket.participant_id,
    });
    const earlier = [...new Set(thread.map((row) => row.message_id))].filter((id) => id !== '');
    await this.client.insert({
      table: 'outbound_mail',
      values: [
        {
          mail_id: mailId,
          participant_id: mail.ticket.participant_id,
          ticket_id: mail.ticket.ticket_id,
          kind: mail.kind,
          message_id: outgoingMessageId(mail.ticket.reference, mailId, this.domain),
          in_reply_to: earlier.at(-1) ?? '',
          reference_ids: earlier.slice(-20),
          recipients,
          subject: threadedSubject(mail.ticket.reference, mail.ticket.subject),
          text: mail.text,
          created_at: toClickHouseTime(Date.now()),
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: {
        insert_deduplicate: 1,
        insert_deduplication_token: `outbound_mail:${mailId}`,
        log_comment: `desk:outbox:${mail.kind}`,
      },
    });
    void this.deliver(mailId).catch((error: unknown) =>
      this.logger.warn({ err: error, mailId }, 'outbox delivery failed; the desk job retries it'),
    );
    return mailId;
  }

  /** Queues a mail about no ticket (not threaded), with its files, then tries to send it at once. */
  async queueDocument(mail: OutboxDocumentMail): Promise<string | undefined> {
    const recipients = [...new Set(mail.recipients.map((address) => address.trim()).filter(Boolean))];
    if (recipients.length === 0) return undefined;
    const mailId = nameBasedUuid(`yorozu-outbox:${mail.key}`);
    await this.client.insert({
      table: 'outbound_mail',
      values: [
        {
          mail_id: mailId,
          participant_id: mail.participantId,
          ticket_id: NO_TICKET,
          kind: mail.kind,
          message_id: `<yz.${mail.kind.replace(/_/g, '-')}.${mailId}@${this.domain}>`,
          in_reply_to: '',
          reference_ids: [],
          recipients,
          subject: mail.subject,
          text: mail.text,
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            content_type: a.contentType,
            content_base64: a.content.toString('base64'),
          })),
          created_at: toClickHouseTime(Date.now()),
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: {
        insert_deduplicate: 1,
        insert_deduplication_token: `outbound_mail:${mailId}`,
        log_comment: `desk:outbox:${mail.kind}`,
      },
    });
    void this.deliver(mailId).catch((error: unknown) =>
      this.logger.warn({ err: error, mailId }, 'outbox delivery failed; the desk job retries it'),
    );
    return mailId;
  }

  /** Sends what is waiting (all of it, or one mail); returns how many were sent. */
  async deliver(mailId?: string): Promise<{ sent: number; failed: number }> {
    const pending = await selectRows<PendingRow>(this.client, 'desk/outbox-pending', {
      maxAttempts: MAX_SEND_ATTEMPTS,
      mailId: mailId ?? null,
      limit: 200,
    });
    let sent = 0;
    let failed = 0;
    for (const mail of pending) {
      if (this.inFlight.has(mail.mail_id)) continue;
      if (!this.sender.configured) {
        // Kept in the outbox: it is sent once a relay is configured (YOROZU_SMTP_RELAY_URL).
        if (Number(mail.attempts) === 0) {
          const at = Date.now();
          await this.recordAttempt(
            mail.mail_id,
            'not_configured',
            'no SMTP relay configured (YOROZU_SMTP_RELAY_URL)',
            at,
          );
          await this.report({
            mailId: mail.mail_id,
            kind: mail.kind,
            outcome: 'not_configured',
            at: new Date(at),
            response: 'no SMTP relay configured (YOROZU_SMTP_RELAY_URL)',
            attempts: 1,
            maxAttempts: MAX_SEND_ATTEMPTS,
          });
        }
        continue;
      }
      this.inFlight.add(mail.mail_id);
      let claimed: { release(): Promise<void> } | undefined;
      try {
        // Another gateway handing this mail over now holds its claim: leave it to that one.
        claimed = await this.claim(mail.mail_id);
        if (!claimed) continue;
        // The list may be stale: another delivery (here or on another gateway) may have sent this mail
        // since it was read. Read after the claim, so a delivery that released it has recorded its outcome.
        if (!(await this.stillPending(mail.mail_id))) continue;
        const result = await this.sender.send({
          messageId: mail.message_id,
          from: this.from,
          to: mail.recipients,
          subject: mail.subject,
          text: mail.text,
          ...(mail.in_reply_to ? { inReplyTo: mail.in_reply_to } : {}),
          ...(mail.reference_ids.length > 0 ? { references: mail.reference_ids } : {}),
          // Mail no person wrote says so, so that vacation replies do not answer it (mail loops).
          ...(mail.kind !== 'reply' ? { autoSubmitted: 'auto-generated' as const } : {}),
          ...(mail.attachments.length > 0
            ? {
                attachments: mail.attachments.map((a) => ({
                  filename: a.filename,
                  contentType: a.content_type,
                  content: Buffer.from(a.content_base64, 'base64'),
                })),
              }
            : {}),
        });
        // The relay's 250 has just come back: this is when the mail was sent (recorded as the attempt's time).
        const acceptedAt = Date.now();
        await this.recordAttempt(mail.mail_id, 'sent', result.response, acceptedAt);
        await this.report({
          mailId: mail.mail_id,
          kind: mail.kind,
          outcome: 'sent',
          at: new Date(acceptedAt),
          response: result.response,
          attempts: Number(mail.attempts) + 1,
          maxAttempts: MAX_SEND_ATTEMPTS,
        });
        sent += 1;
      } catch (error) {
        const retryable = isRetryableMailError(error);
        const at = Date.now();
        const response = error instanceof Error ? error.message : String(error);
        await this.recordAttempt(mail.mail_id, retryable ? 'failed_retryable' : 'failed_permanent', response, at);
        await this.report({
          mailId: mail.mail_id,
          kind: mail.kind,
          outcome: retryable ? 'failed_retryable' : 'failed_permanent',
          at: new Date(at),
          response,
          attempts: Number(mail.attempts) + 1,
          maxAttempts: MAX_SEND_ATTEMPTS,
        });
        this.logger.warn({ mailId: mail.mail_id, retryable, err: error }, 'mail not sent');
        failed += 1;
      } finally {
        this.inFlight.delete(mail.mail_id);
        await claimed
          ?.release()
          .catch((error: unknown) =>
            this.logger.warn({ err: error, mailId: mail.mail_id }, 'mail claim not released; it lapses'),
          );
      }
    }
    return { sent, failed };
  }

  ofTicket(
    participantId: string,
    ticketId: string,
  ): Promise<
    {
      mail_id: string;
      kind: string;
      message_id: string;
      recipients: string[];
      subject: string;
      created_at: string;
      last_outcome: string;
      last_response: string;
    }[]
  > {
    return selectRows(this.client, 'desk/outbox-of-ticket', { participantId, ticketId });
  }

  /**
   * A bounce that came back later as mail (a DSN): the relay had accepted the mail, the recipient's
   * server refused it afterwards. Reported as a permanent failure so that whoever sent it learns
   * (a notice is flagged undelivered); the outbox's own attempts are left as they were.
   */
  async bounced(originalMessageId: string, status: string, detail: string): Promise<boolean> {
    const [mail] = await selectRows<{ mail_id: string; kind: string }>(this.client, 'desk/outbox-by-message-id', {
      messageId: originalMessageId,
    });
    if (!mail) return false;
    await this.report({
      mailId: mail.mail_id,
      kind: mail.kind,
      outcome: 'failed_permanent',
      at: new Date(),
      response: `bounced later (delivery status notification ${status}): ${detail}`.trim(),
      attempts: MAX_SEND_ATTEMPTS,
      maxAttempts: MAX_SEND_ATTEMPTS,
    });
    return true;
  }

  /** The last attempt recorded for a mail (the relay's acceptance time for "sent"), for a report lost on the way. */
  async lastOutcome(mailId: string): Promise<Omit<OutboxOutcome, 'kind'> | undefined> {
    const [row] = await selectRows<{ last_outcome: string; last_at: string; last_response: string; attempts: string }>(
      this.client,
      'desk/outbox-last-attempt',
      { mailId },
    );
    if (!row || Number(row.attempts) === 0) return undefined;
    return {
      mailId,
      outcome: row.last_outcome as OutboxOutcome['outcome'],
      at: fromClickHouseTime(row.last_at),
      response: row.last_response,
      attempts: Number(row.attempts),
      maxAttempts: MAX_SEND_ATTEMPTS,
    };
  }

  private async stillPending(mailId: string): Promise<boolean> {
    const result = await this.client.query({
      query: sqlQuery('desk/outbox-pending'),
      query_params: { maxAttempts: MAX_SEND_ATTEMPTS, mailId, limit: 1 },
      format: 'JSONEachRow',
      // On a cluster: see the attempt another gateway recorded with a quorum, whichever replica answers.
      clickhouse_settings: { select_sequential_consistency: '1', log_comment: 'desk:outbox:still-pending' },
    });
    return (await result.json()).length > 0;
  }

  private async report(outcome: OutboxOutcome): Promise<void> {
    for (const listener of this.outcomeListeners) {
      await listener(outcome).catch((error: unknown) =>
        this.logger.warn({ err: error, mailId: outcome.mailId }, 'an outbox outcome listener failed'),
      );
    }
  }

  private async recordAttempt(
    mailId: string,
    outcome: 'sent' | 'failed_retryable' | 'failed_permanent' | 'not_configured',
    response: string,
    at: number,
  ): Promise<void> {
    await this.client.insert({
      table: 'outbound_mail_attempts',
      values: [{ mail_id: mailId, attempted_at: toClickHouseTime(at), outcome, response: response.slice(0, 2000) }],
      format: 'JSONEachRow',
      clickhouse_settings: { insert_quorum: 'auto', insert_quorum_parallel: 0, log_comment: 'desk:outbox:attempt' },
    });
  }
}
