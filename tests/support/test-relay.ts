import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseInboundMail, type InboundMail } from '../../desk/mail/inbound-mail.js';

/**
 * A real SMTP relay on loopback standing in for the desk's outgoing relay, with two controls a
 * test needs: `hold()` keeps the 250 back until `release()` (so acceptance happens when the test
 * says), and recipients whose address starts with "bounce" are refused with 550 (a permanent failure).
 */
export interface RelayedMail extends InboundMail {
  /** Just before the relay answered 250. */
  acceptedAt: number;
}

export class TestRelay {
  readonly mails: RelayedMail[] = [];
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  private readonly server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onRcptTo: (address, _session, callback) => {
      if (address.address.startsWith('bounce')) {
        callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('end', () => {
        void (async () => {
          await this.gate;
          const mail = await parseInboundMail(
            Buffer.concat(chunks),
            session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          );
          this.mails.push({ ...mail, acceptedAt: Date.now() });
          callback();
        })();
      });
    },
  });

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  async stop(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
