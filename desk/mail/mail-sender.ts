import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';

export interface OutgoingMail {
  /** Sent exactly as given, "<…@…>": replies find their ticket through it. */
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
  /**
   * RFC 3834 marking for mail no person wrote (acknowledgements, status changes), so that the
   * participant's vacation responder does not answer it and start a loop. Omit for operators' replies.
   */
  autoSubmitted?: 'auto-replied' | 'auto-generated';
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface MailSendResult {
  accepted: string[];
  rejected: string[];
  response: string;
}

/** Thrown by send() when no relay is configured; the caller shows "mail is not set up", it never retries. */
export class MailNotConfiguredError extends Error {
  override readonly name = 'MailNotConfiguredError';
  constructor() {
    super('no SMTP relay is configured for outgoing mail');
  }
}

// Nodemailer's codes for a relay that could not be reached or went away mid-conversation.
const CONNECTION_ERROR_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Whether sending the same mail later may succeed: a 4xx reply or a connection failure. A 5xx reply
 * is permanent, except 503 (bad sequence of commands), which says the session was confused rather
 * than that the mail was refused. Anything else (bad configuration, invalid mail) is not retried.
 */
export function isRetryableMailError(error: unknown): boolean {
  if (error instanceof MailNotConfiguredError || typeof error !== 'object' || error === null) return false;
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') {
    return (responseCode >= 400 && responseCode < 500) || responseCode === 503;
  }
  return typeof code === 'string' && CONNECTION_ERROR_CODES.has(code);
}

const OUR_MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;
const ANY_MESSAGE_ID = /^<[^<>\s]+>$/;

/** Sends the desk's mail through the configured SMTP relay (nodemailer, pooled). */
export class MailSender {
  readonly configured: boolean;
  private readonly transport: Transporter | undefined;

  constructor(
    relayUrl: string | undefined,
    private readonly logger: Logger,
  ) {
    this.configured = relayUrl !== undefined && relayUrl.trim() !== '';
    this.transport = this.configured
      ? nodemailer.createTransport({
          url: relayUrl,
          pool: true,
          maxConnections: 2,
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
          socketTimeout: 60_000,
          // Attachments are Buffers from our own storage; a path or URL in one must never be followed.
          disableFileAccess: true,
          disableUrlAccess: true,
        })
      : undefined;
  }

  /** Throws MailNotConfiguredError without a relay; otherwise nodemailer's error (with its responseCode), see isRetryableMailError. */
  async send(mail: OutgoingMail): Promise<MailSendResult> {
    if (!this.transport) throw new MailNotConfiguredError();
    // Nodemailer would add missing brackets or drop control characters; an id it has to repair would
    // not match what we stored. Ids of others only need the form parseInboundMail gives them.
    if (!OUR_MESSAGE_ID.test(mail.messageId)) throw new Error(`not a Message-ID: ${mail.messageId}`);
    for (const id of [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...(mail.references ?? [])]) {
      if (!ANY_MESSAGE_ID.test(id)) throw new Error(`not a Message-ID: ${id}`);
    }
    const summary = { messageId: mail.messageId, to: mail.to };
    try {
      const info = (await this.transport.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        textEncoding: 'base64',
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references?.length ? { references: mail.references } : {}),
        ...(mail.autoSubmitted ? { headers: { 'Auto-Submitted': mail.autoSubmitted } } : {}),
        attachments: (mail.attachments ?? []).map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: attachment.content,
        })),
      })) as { accepted?: unknown[]; rejected?: unknown[]; response?: string };
      const result: MailSendResult = {
        accepted: addressesOf(info.accepted),
        rejected: addressesOf(info.rejected),
        response: info.response ?? '',
      };
      this.logger.info({ ...summary, ...result }, 'mail sent');
      return result;
    } catch (error) {
      this.logger.warn({ ...summary, err: error, retryable: isRetryableMailError(error) }, 'mail not sent');
      throw error;
    }
  }

  /** Closes the pooled connections to the relay. */
  async close(): Promise<void> {
    this.transport?.close();
  }
}

function addressesOf(list: unknown[] | undefined): string[] {
  return (list ?? []).map((entry) =>
    typeof entry === 'string' ? entry : String((entry as { address?: string }).address ?? ''),
  );
}
