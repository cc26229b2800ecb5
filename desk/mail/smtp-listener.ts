import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message as it came over SMTP: the raw bytes are the record, everything else is derived. */
export interface ReceivedMail {
  raw: Buffer;
  /** MAIL FROM; '' for the null sender "<>" (bounces, auto-replies). */
  envelopeFrom: string;
  envelopeTo: string[];
  remoteAddress: string;
  receivedAt: Date;
}

export interface SmtpListenerOptions {
  host: string;
  /** 0 = any free port. */
  port: number;
  /** Name in the banner and the EHLO reply. */
  hostname: string;
  maxMessageBytes: number;
}

// RFC 5321 4.5.3.1.8: a server must accept at least 100 recipients; more is never a desk mail.
const MAX_RECIPIENTS = 100;
const MAX_CLIENTS = 50;
const SOCKET_TIMEOUT_MS = 60_000;
// stop() gives a client in the middle of a transaction this long before it gets 421 and is cut off.
const CLOSE_TIMEOUT_MS = 10_000;

/** Smtp-server sends err.responseCode as the reply code. */
class SmtpReplyError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Receives the desk's inbound mail and answers 250 only once `onMail` has stored it; if storing fails the
 * reply is 451, so the sending MX keeps the message and retries: nothing is lost silently.
 */
export class SmtpListener {
  private readonly server: SMTPServer;
  private readonly deliveries = new Set<Promise<void>>();
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly options: SmtpListenerOptions,
    private readonly onMail: (mail: ReceivedMail) => Promise<void>,
    private readonly logger: Logger,
  ) {
    this.server = new SMTPServer({
      name: options.hostname,
      banner: 'Yorozu consultation desk',
      size: options.maxMessageBytes,
      // No AUTH: the only client is the MX in front. No STARTTLS: that hop is loopback or the internal
      // network, and smtp-server's built-in certificate is a published test key, which would be TLS in name only.
      disabledCommands: ['AUTH', 'STARTTLS'],
      maxRecipients: MAX_RECIPIENTS,
      maxClients: MAX_CLIENTS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      closeTimeout: CLOSE_TIMEOUT_MS,
      disableReverseLookup: true,
      logger: false,
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    this.server.on('error', (error) => this.logger.warn({ err: error }, 'smtp connection error'));
  }

  /** Starts listening; resolves with the port actually bound (useful with port 0). */
  async start(): Promise<{ port: number }> {
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error): void => reject(error);
      this.server.server.once('error', failed);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.server.off('error', failed);
        resolve();
      });
    });
    const port = (this.server.server.address() as AddressInfo).port;
    this.logger.info({ host: this.options.host, port }, 'smtp listener started');
    return { port };
  }

  /** Stops accepting, lets open transactions finish (up to 10 s) and waits for mails being stored. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.server.server.listening) await new Promise<void>((resolve) => this.server.close(resolve));
      await Promise.allSettled([...this.deliveries]);
      this.logger.info('smtp listener stopped');
    })();
    return this.stopping;
  }

  private receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    smtpCallback: (error?: Error | null, message?: string) => void,
  ): void {
    let replied = false;
    // A stream error may still be followed by 'end'; the client must get exactly one reply.
    const callback = (error: Error | null, message?: string): void => {
      if (replied) return;
      replied = true;
      smtpCallback(error, message);
    };
    const chunks: Buffer[] = [];
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      // Past the limit the rest is only counted, never buffered: the message is refused anyway.
      if (bytes <= this.options.maxMessageBytes) chunks.push(chunk);
    });
    stream.once('error', (error) => callback(new SmtpReplyError(451, `Temporary failure: ${error.message}`)));
    stream.once('end', () => {
      const mail: ReceivedMail = {
        raw: Buffer.concat(chunks),
        envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
        remoteAddress: session.remoteAddress,
        receivedAt: new Date(),
      };
      const summary = { bytes, from: mail.envelopeFrom, to: mail.envelopeTo, remoteAddress: mail.remoteAddress };
      if (stream.sizeExceeded) {
        this.logger.warn({ ...summary, limit: this.options.maxMessageBytes }, 'smtp mail refused: too large');
        callback(
          new SmtpReplyError(
            552,
            `Message too large: ${bytes} bytes, this desk accepts at most ${this.options.maxMessageBytes} bytes`,
          ),
        );
        return;
      }
      this.deliver(mail).then(
        () => {
          this.logger.info(summary, 'smtp mail received');
          callback(null, 'OK: message stored');
        },
        (error: unknown) => {
          this.logger.error({ ...summary, err: error }, 'smtp mail not stored, sender told to retry');
          callback(new SmtpReplyError(451, 'Temporary failure storing the message, please try again later'));
        },
      );
    });
  }

  // Tracked so that stop() returns only after every accepted transaction has finished storing.
  private deliver(mail: ReceivedMail): Promise<void> {
    const delivery = Promise.resolve().then(() => this.onMail(mail));
    const tracked = delivery.then(
      () => undefined,
      () => undefined,
    );
    this.deliveries.add(tracked);
    void tracked.finally(() => this.deliveries.delete(tracked));
    return delivery;
  }
}
