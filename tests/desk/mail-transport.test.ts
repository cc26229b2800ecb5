import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseInboundMail } from '../../desk/mail/inbound-mail.js';
import { isRetryableMailError, MailNotConfiguredError, MailSender } from '../../desk/mail/mail-sender.js';
import { SmtpListener, type ReceivedMail } from '../../desk/mail/smtp-listener.js';
import {
  outgoingMessageId,
  threadedSubject,
  ticketReferenceIn,
  ticketReferenceInMessageId,
} from '../../desk/rules/mail-threading.js';

const logger = pino({ level: 'silent' });
const DOMAIN = 'desk.example.jp';
const MAX_MESSAGE_BYTES = 64 * 1024;

// ISO-2022-JP is 7-bit: these byte strings are what a Japanese mailer puts on the wire. The first test
// decodes them with the platform's TextDecoder, so what they say does not rest on the parser under test.
const JIS = {
  subject: '\x1b$B!Z;j5^![IT?3$J%m%0%$%s$K$D$$$F\x1b(B', // 【至急】不審なログインについて
  name: '\x1b$B;3ED\x1b(B \x1b$BB@O:\x1b(B', // 山田 太郎
  filename: '\x1b$B%m%00lMw\x1b(B.csv', // ログ一覧.csv
  body: [
    '\x1b$B$*@$OC$K$J$C$F$*$j$^$9!#\x1b(B', // お世話になっております。
    '\x1b$B4IM}<T%"%+%&%s%H$GIT?3$J%m%0%$%s$,$"$j$^$7$?!#\x1b(B', // 管理者アカウントで不審なログインがありました。
    '\x1b$BD4::$r$*4j$$$7$^$9!#\x1b(B', // 調査をお願いします。
  ],
};
const encodedWord = (jis: string): string => `=?ISO-2022-JP?B?${Buffer.from(jis, 'latin1').toString('base64')}?=`;

/** A client speaking SMTP line by line, as an MX does, to see the listener's exact replies. */
class RawSmtpClient {
  private buffer = '';
  private waiting: ((reply: string) => void) | undefined;
  private readonly replies: string[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      // A reply is complete at a line "NNN text" (continuation lines are "NNN-text").
      const lastLine = /(?:^|\r\n)\d{3} [^\r\n]*\r\n/;
      for (let match = lastLine.exec(this.buffer); match; match = lastLine.exec(this.buffer)) {
        const end = match.index + match[0].length;
        this.replies.push(this.buffer.slice(0, end).replace(/^\r\n/, ''));
        this.buffer = this.buffer.slice(end);
      }
      this.deliverReply();
    });
  }

  static async connect(port: number): Promise<{ client: RawSmtpClient; greeting: string }> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new RawSmtpClient(socket);
    return { client, greeting: await client.nextReply() };
  }

  command(line: string): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.nextReply();
  }

  /** Sends the message after DATA's 354, dot-stuffed, and returns the final reply. */
  async data(message: string): Promise<string> {
    const ready = await this.command('DATA');
    if (!ready.startsWith('354')) return ready;
    const stuffed = message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    // UTF-8 for 8bit bodies; ISO-2022-JP text is 7-bit and comes out unchanged.
    this.socket.write(Buffer.from(`${stuffed}\r\n.\r\n`, 'utf8'));
    return this.nextReply();
  }

  async quit(): Promise<void> {
    await this.command('QUIT');
    this.socket.end();
  }

  private nextReply(): Promise<string> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.deliverReply();
    });
  }

  private deliverReply(): void {
    const reply = this.replies[0];
    if (this.waiting && reply !== undefined) {
      this.replies.shift();
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(reply);
    }
  }
}

async function sendRaw(port: number, envelopeFrom: string, message: string): Promise<string> {
  const { client } = await RawSmtpClient.connect(port);
  await client.command('EHLO mx.example.jp');
  expect(await client.command(`MAIL FROM:<${envelopeFrom}>`)).toMatch(/^250/);
  expect(await client.command('RCPT TO:<desk@desk.example.jp>')).toMatch(/^250/);
  const reply = await client.data(message);
  await client.quit();
  return reply;
}

describe('mail transport over loopback SMTP', () => {
  const received: ReceivedMail[] = [];
  let failStoring = false;
  let listener: SmtpListener;
  let port: number;
  let sender: MailSender;

  beforeAll(async () => {
    listener = new SmtpListener(
      { host: '127.0.0.1', port: 0, hostname: 'desk.example.jp', maxMessageBytes: MAX_MESSAGE_BYTES },
      async (mail) => {
        if (failStoring) throw new Error('storage unavailable');
        received.push(mail);
      },
      logger,
    );
    ({ port } = await listener.start());
    sender = new MailSender(`smtp://127.0.0.1:${port}`, logger);
  });

  beforeEach(() => {
    received.length = 0;
    failStoring = false;
  });

  afterAll(async () => {
    await sender.close();
    await listener.stop();
    await listener.stop();
  });

  it('announces SIZE, offers neither AUTH nor STARTTLS, and caps recipients', async () => {
    const { client, greeting } = await RawSmtpClient.connect(port);
    expect(greeting).toMatch(/^220 desk\.example\.jp /);
    const ehlo = await client.command('EHLO mx.example.jp');
    expect(ehlo).toContain(`SIZE ${MAX_MESSAGE_BYTES}`);
    expect(ehlo).not.toMatch(/AUTH|STARTTLS/);
    expect(await client.command('AUTH PLAIN AGF1c2VyAHBhc3M=')).toMatch(/^5/);
    expect(await client.command('MAIL FROM:<taro@example.jp>')).toMatch(/^250/);
    const replies: string[] = [];
    for (let index = 0; index < 101; index += 1)
      replies.push(await client.command(`RCPT TO:<desk${index}@desk.example.jp>`));
    expect(replies.slice(0, 100).every((reply) => reply.startsWith('250'))).toBe(true);
    expect(replies[100]).toMatch(/^452/);
    await client.quit();
  });

  it('keeps Message-ID, In-Reply-To, References, a Japanese subject and a Japanese attachment name through the round trip', async () => {
    const reference = 'YZ-7K2M9QX4';
    const messageId = outgoingMessageId(reference, randomUUID(), DOMAIN);
    const earlier = outgoingMessageId(reference, randomUUID(), DOMAIN);
    const csv = Buffer.from('時刻,端末,利用者\n2026-11-24 10:30,PC-0042,admin\n', 'utf8');
    const result = await sender.send({
      messageId,
      from: 'Yorozu デスク <desk@desk.example.jp>',
      to: ['Taro@Example.JP'],
      subject: threadedSubject(reference, 'Re: 不審なログインについて'),
      text: '該当時間帯のログを確認しました。\n.先頭のドットも残ります。',
      inReplyTo: '<CAF+reply-1@mail.example.jp>',
      references: [earlier, '<CAF+reply-1@mail.example.jp>'],
      attachments: [{ filename: 'ログ一覧（2026年11月）.csv', contentType: 'text/csv', content: csv }],
    });
    // Nodemailer lower-cases the domain of an address; the local part is left alone.
    expect(result.accepted).toEqual(['Taro@example.jp']);
    expect(result.response).toMatch(/^250/);

    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.envelopeFrom).toBe('desk@desk.example.jp');
    expect(mail.envelopeTo).toEqual(['Taro@example.jp']);
    expect(mail.remoteAddress).toBe('127.0.0.1');
    // Nodemailer folds a long header line; unfolded (RFC 5322 2.2.3) it is exactly the id given.
    expect(mail.raw.toString('latin1').replace(/\r\n(?=[ \t])/g, '')).toContain(`Message-ID: ${messageId}\r\n`);

    const parsed = await parseInboundMail(mail.raw, mail.envelopeFrom);
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.inReplyTo).toBe('<CAF+reply-1@mail.example.jp>');
    expect(parsed.references).toEqual([earlier, '<CAF+reply-1@mail.example.jp>']);
    expect(ticketReferenceInMessageId(parsed.references[0]!, DOMAIN)).toBe(reference);
    expect(parsed.subject).toBe('[YZ-7K2M9QX4] 不審なログインについて');
    expect(ticketReferenceIn(parsed.subject)).toBe(reference);
    expect(parsed.from).toEqual({ address: 'desk@desk.example.jp', name: 'Yorozu デスク' });
    expect(parsed.to).toEqual(['taro@example.jp']);
    expect(parsed.text).toContain('該当時間帯のログを確認しました。\n.先頭のドットも残ります。');
    expect(parsed.autoSubmitted).toBe(false);
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe('ログ一覧（2026年11月）.csv');
    expect(parsed.attachments[0]!.contentType).toBe('text/csv');
    expect(parsed.attachments[0]!.content.equals(csv)).toBe(true);
  });

  it('reads ISO-2022-JP subjects, names, bodies and attachment names from a Japanese mailer', async () => {
    const decoder = new TextDecoder('iso-2022-jp');
    expect(decoder.decode(Buffer.from(JIS.subject, 'latin1'))).toBe('【至急】不審なログインについて');
    const attachmentBytes = Buffer.from('ログ', 'utf8');
    const message = [
      `From: ${encodedWord(JIS.name)} <Taro.Yamada@Example.JP>`,
      'To: desk@desk.example.jp',
      `Subject: ${encodedWord(JIS.subject)}`,
      'Date: Tue, 24 Nov 2026 10:30:00 +0900',
      'Message-ID:  <20261124103000.A1B2@mail.example.jp> ',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=ISO-2022-JP',
      'Content-Transfer-Encoding: 7bit',
      '',
      ...JIS.body,
      '--b1',
      `Content-Type: text/csv; name="${encodedWord(JIS.filename)}"`,
      `Content-Disposition: attachment; filename="${encodedWord(JIS.filename)}"`,
      'Content-Transfer-Encoding: base64',
      '',
      attachmentBytes.toString('base64'),
      '--b1--',
    ].join('\r\n');
    expect(await sendRaw(port, 'Taro.Yamada@Example.JP', message)).toMatch(/^250/);

    expect(received).toHaveLength(1);
    const parsed = await parseInboundMail(received[0]!.raw, received[0]!.envelopeFrom);
    expect(parsed.subject).toBe('【至急】不審なログインについて');
    // The domain compares without case; the local part is kept as sent and compared as configured
    // (YOROZU_MAIL_LOCAL_PART_CASE), so parsing lower-cases the domain only.
    expect(parsed.from).toEqual({ address: 'Taro.Yamada@example.jp', name: '山田 太郎' });
    expect(parsed.text).toContain(
      'お世話になっております。\n管理者アカウントで不審なログインがありました。\n調査をお願いします。',
    );
    expect(parsed.messageId).toBe('<20261124103000.A1B2@mail.example.jp>');
    expect(parsed.inReplyTo).toBeNull();
    expect(parsed.references).toEqual([]);
    expect(parsed.date?.toISOString()).toBe('2026-11-24T01:30:00.000Z');
    expect(parsed.attachments.map((attachment) => attachment.filename)).toEqual(['ログ一覧.csv']);
    expect(parsed.attachments[0]!.content.equals(attachmentBytes)).toBe(true);
  });

  it('refuses an oversized message with 552 and stores nothing', async () => {
    const body = `${'x'.repeat(998)}\r\n`.repeat(Math.ceil((MAX_MESSAGE_BYTES * 1.5) / 1000));
    const reply = await sendRaw(port, 'taro@example.jp', `Subject: big\r\n\r\n${body}`);
    expect(reply).toMatch(/^552 .*too large.*65536 bytes/i);

    const error: unknown = await sender
      .send({
        messageId: '<big@desk.example.jp>',
        from: 'desk@desk.example.jp',
        to: ['taro@example.jp'],
        subject: 'big',
        text: body,
      })
      .catch((caught: unknown) => caught);
    expect((error as { responseCode?: number }).responseCode).toBe(552);
    expect(isRetryableMailError(error)).toBe(false);
    expect(received).toHaveLength(0);
  });

  it('answers 451 when the mail could not be stored, so the sender retries and nothing is lost', async () => {
    failStoring = true;
    const mail = {
      messageId: '<retry@desk.example.jp>',
      from: 'desk@desk.example.jp',
      to: ['taro@example.jp'],
      subject: 'retry',
      text: 'body',
    };
    const error: unknown = await sender.send(mail).catch((caught: unknown) => caught);
    expect((error as { responseCode?: number }).responseCode).toBe(451);
    expect(isRetryableMailError(error)).toBe(true);
    expect(await sendRaw(port, 'taro@example.jp', 'Subject: retry\r\n\r\nbody')).toMatch(/^451/);
    expect(received).toHaveLength(0);

    failStoring = false;
    await sender.send(mail);
    expect(received).toHaveLength(1);
  });

  it('removes the quoted earlier message from replyText and keeps it in text', async () => {
    const reference = 'YZ-7K2M9QX4';
    await sender.send({
      messageId: '<CAF+answer@mail.example.jp>',
      from: '山田 太郎 <taro@example.jp>',
      to: ['desk@desk.example.jp'],
      subject: `Re: [${reference}] 不審なログインについて`,
      text: [
        '端末はネットワークから切り離しました。',
        '',
        '2026年11月24日(火) 10:30 Yorozu デスク <desk@desk.example.jp>:',
        '> 該当端末をネットワークから切り離してください。',
        '> 件名の [YZ-7K2M9QX4] を消さずにご返信ください。',
      ].join('\n'),
      inReplyTo: outgoingMessageId(reference, randomUUID(), DOMAIN),
    });
    const parsed = await parseInboundMail(received[0]!.raw, received[0]!.envelopeFrom);
    expect(parsed.replyText).toBe('端末はネットワークから切り離しました。');
    expect(parsed.text).toContain('> 該当端末をネットワークから切り離してください。');
    expect(ticketReferenceInMessageId(parsed.inReplyTo!, DOMAIN)).toBe(reference);
  });

  it('flags auto-replies, bulk mail and bounces, and not ordinary mail', async () => {
    const headers = 'From: taro@example.jp\r\nTo: desk@desk.example.jp\r\nSubject: ';
    const cases: { envelopeFrom: string; message: string; autoSubmitted: boolean }[] = [
      {
        envelopeFrom: 'taro@example.jp',
        message: `${headers}不在\r\nAuto-Submitted: auto-replied\r\n\r\n不在です`,
        autoSubmitted: true,
      },
      {
        envelopeFrom: 'taro@example.jp',
        message: `${headers}news\r\nPrecedence: bulk\r\n\r\nnews`,
        autoSubmitted: true,
      },
      { envelopeFrom: '', message: `${headers}Undelivered\r\n\r\nbounce`, autoSubmitted: true },
      {
        envelopeFrom: 'taro@example.jp',
        message: `${headers}hello\r\nAuto-Submitted: no\r\n\r\nhello`,
        autoSubmitted: false,
      },
      { envelopeFrom: 'taro@example.jp', message: `${headers}hello\r\n\r\nhello`, autoSubmitted: false },
    ];
    for (const { envelopeFrom, message } of cases) expect(await sendRaw(port, envelopeFrom, message)).toMatch(/^250/);
    expect(received.map((mail) => mail.envelopeFrom)).toEqual(cases.map((entry) => entry.envelopeFrom));
    const flags = await Promise.all(
      received.map(async (mail) => (await parseInboundMail(mail.raw, mail.envelopeFrom)).autoSubmitted),
    );
    expect(flags).toEqual(cases.map((entry) => entry.autoSubmitted));

    // Yorozu's own acknowledgements are marked, so a desk on the other side does not answer them either.
    await sender.send({
      messageId: '<ack@desk.example.jp>',
      from: 'desk@desk.example.jp',
      to: ['taro@example.jp'],
      subject: 'ack',
      text: 'ack',
      autoSubmitted: 'auto-replied',
    });
    expect((await parseInboundMail(received.at(-1)!.raw)).autoSubmitted).toBe(true);
  });

  it('takes the text from the HTML part when there is no text part, and gives a stable id to a mail without one', async () => {
    const message =
      'From: taro@example.jp\r\nSubject: html\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<p>ログを<b>確認</b>してください</p>';
    expect(await sendRaw(port, 'taro@example.jp', message)).toMatch(/^250/);
    const parsed = await parseInboundMail(received[0]!.raw);
    expect(parsed.text).toContain('ログを確認してください');
    expect(parsed.messageId).toMatch(/^<sha256\.[0-9a-f]{64}@message-id\.invalid>$/);
    expect((await parseInboundMail(received[0]!.raw)).messageId).toBe(parsed.messageId);
  });
});

describe('mail sender without a relay or with a relay that is down', () => {
  const mail = {
    messageId: '<x@desk.example.jp>',
    from: 'desk@desk.example.jp',
    to: ['taro@example.jp'],
    subject: 's',
    text: 't',
  };

  it('throws MailNotConfiguredError when no relay is configured', async () => {
    const sender = new MailSender(undefined, logger);
    expect(sender.configured).toBe(false);
    const error: unknown = await sender.send(mail).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MailNotConfiguredError);
    expect(isRetryableMailError(error)).toBe(false);
    await sender.close();
  });

  it('refuses to send a Message-ID nodemailer would have to repair', async () => {
    const sender = new MailSender('smtp://127.0.0.1:9', logger);
    await expect(sender.send({ ...mail, messageId: 'no-brackets@desk.example.jp' })).rejects.toThrow(
      /not a Message-ID/,
    );
    await expect(sender.send({ ...mail, references: ['<a b@c>'] })).rejects.toThrow(/not a Message-ID/);
    await sender.close();
  });

  it('reports a relay that refuses connections as retryable', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const sender = new MailSender(`smtp://127.0.0.1:${closedPort}`, logger);
    expect(sender.configured).toBe(true);
    const error: unknown = await sender.send(mail).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(isRetryableMailError(error)).toBe(true);
    await sender.close();
  });

  it('stops listening once stopped', async () => {
    const listener = new SmtpListener(
      { host: '127.0.0.1', port: 0, hostname: 'desk.example.jp', maxMessageBytes: 1024 },
      async () => undefined,
      logger,
    );
    const { port } = await listener.start();
    await listener.stop();
    await listener.stop();
    const refused = await new Promise<boolean>((resolve) => {
      net
        .connect(port, '127.0.0.1')
        .once('error', () => resolve(true))
        .once('connect', () => resolve(false));
    });
    expect(refused).toBe(true);
  });
});
