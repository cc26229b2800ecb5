import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInboundMail, type InboundMail } from '../../desk/mail/inbound-mail.js';
import { SmtpListener } from '../../desk/mail/smtp-listener.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { until } from '../support/until.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * The desk by e-mail over real SMTP on loopback: the participant's mail opens a ticket, the operator's
 * answer arrives as a mail threaded to it, the participant's mail reply lands on the same ticket, and
 * mail from an unknown sender is held for an operator — never dropped. The "relay" is a second SMTP
 * listener standing in for the participant's mail server, so every outgoing mail is read as received.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: SmtpListener;
let operator: ApiClient;
let office: { participantId: string };
const delivered: InboundMail[] = [];
const USER_ADDRESS = 'mail-user@example.jp';
/** The organisation's MX, as configured (YOROZU_MAIL_AUTHSERV_ID). */
const MX = 'mx.example.jp';

type Ticket = contract.TicketDetail;

/** A mail to the desk, as the organisation's MX would relay it: with its passing verdict unless `headers` says otherwise. */
async function mailTheDesk(mail: {
  from: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentDisposition?: 'attachment' }[];
}) {
  const transport = createTransport({ host: '127.0.0.1', port: yorozu.desk.smtpPort!, secure: false, ignoreTLS: true });
  const domain = /@([^>\s]+)>?\s*$/.exec(mail.from)?.[1] ?? '';
  const headers = mail.headers ?? {
    'Authentication-Results': `${MX}; spf=pass smtp.mailfrom=${domain}; dkim=pass header.d=${domain}; dmarc=pass header.from=${domain}`,
  };
  try {
    return await transport.sendMail({ to: 'desk@yorozu.localhost', ...mail, headers });
  } finally {
    transport.close();
  }
}

async function tickets(): Promise<contract.TicketSummary[]> {
  const list = await operator.call<contract.TicketList>('GET', `/api/v1/participants/${office.participantId}/tickets`);
  return list.body.tickets;
}

async function ticket(ticketId: string): Promise<Ticket> {
  return (await operator.call<Ticket>('GET', `/api/v1/participants/${office.participantId}/tickets/${ticketId}`)).body;
}

beforeAll(async () => {
  relay = new SmtpListener(
    { host: '127.0.0.1', port: 0, hostname: 'mx.example.jp', maxMessageBytes: 10 * 1024 * 1024 },
    async (mail) => {
      delivered.push(await parseInboundMail(mail.raw, mail.envelopeFrom));
    },
    pino({ level: 'silent' }),
  );
  const { port } = await relay.start();
  yorozu = await startTestYorozu('desk-mail', {
    YOROZU_SMTP_LISTEN_PORT: '0',
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
    YOROZU_PUBLIC_URL: 'https://desk.example.jp',
    YOROZU_MAIL_AUTHSERV_ID: MX,
  });
  office = { participantId: (await participantWithSecret(yorozu, '株式会社めーる')).participantId };
  operator = await operatorClient(yorozu.url);
  await participantUserClient(yorozu.url, operator, office.participantId, 'mail-user');
});

afterAll(async () => {
  await yorozu?.cleanup();
  await relay?.stop();
});

describe('e-mail in and out', () => {
  let opened: contract.TicketSummary;
  let operatorReplyId: string;

  it("a mail from a participant's registered address opens a ticket, and the acknowledgement is threaded to it", async () => {
    await mailTheDesk({
      from: `田中 <${USER_ADDRESS}>`,
      subject: '不審なメールを開いてしまいました',
      text: '添付ファイルを開いてしまいました。どうすればよいですか。',
      messageId: '<first.question@example.jp>',
      attachments: [
        {
          filename: '不審なメール.eml',
          content: Buffer.from('From: attacker@example.com\r\n\r\nclick'),
          contentDisposition: 'attachment',
        },
      ],
    });
    opened = await until('the ticket', async () =>
      (await tickets()).find((row) => row.subject === '不審なメールを開いてしまいました'),
    );
    expect(opened).toMatchObject({ channel: 'email', status: 'new' });
    const detail = await ticket(opened.ticketId);
    expect(detail.messages[0]).toMatchObject({
      kind: 'participant_message',
      body: expect.stringContaining('開いてしまいました'),
    });
    expect(detail.messages[0]!.attachments.map((file) => file.filename)).toEqual(['不審なメール.eml']);
    const ack = await until('the acknowledgement', () =>
      delivered.find((mail) => mail.inReplyTo === '<first.question@example.jp>'),
    );
    expect(ack.to).toEqual([USER_ADDRESS]);
    expect(ack.subject).toContain(`[${opened.reference}]`);
    expect(ack.autoSubmitted).toBe(true);
  });

  it("the operator's answer arrives as a mail threaded to the ticket, with the disclaimer and the portal link", async () => {
    const replied = await operator.upload(
      'POST',
      `/api/v1/admin/participants/${office.participantId}/tickets/${opened.ticketId}/replies`,
      (() => {
        const form = new FormData();
        form.append('body', 'ネットワークから切り離し、ウイルス対策ソフトでフルスキャンしてください。');
        return form;
      })(),
    );
    expect(replied.status).toBe(201);
    const answer = await until('the answer mail', () => delivered.find((mail) => mail.text.includes('フルスキャン')));
    expect(answer.subject).toBe(`[${opened.reference}] 不審なメールを開いてしまいました`);
    expect(answer.references).toContain('<first.question@example.jp>');
    expect(answer.inReplyTo).toMatch(/@yorozu\.localhost>$/);
    expect(answer.messageId).toMatch(/@yorozu\.localhost>$/);
    expect(answer.text).toContain('リスクそのものを取り除くものではありません');
    expect(answer.text).toContain(
      `https://desk.example.jp/participants/${office.participantId}/tickets/${opened.ticketId}`,
    );
    expect(answer.autoSubmitted).toBe(false);
    operatorReplyId = answer.messageId;
    // The relay's 250 comes before the attempt is recorded: wait for the record.
    const mails = await until('the sent reply on record', async () => {
      const seen = await operator.call<contract.TicketDetail>(
        'GET',
        `/api/v1/participants/${office.participantId}/tickets/${opened.ticketId}`,
      );
      return seen.body.mails.some((mail) => mail.kind === 'reply' && mail.outcome === 'sent')
        ? seen.body.mails
        : undefined;
    });
    expect(mails).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'received', outcome: 'sent' }),
        expect.objectContaining({ kind: 'reply', outcome: 'sent', recipients: [USER_ADDRESS] }),
      ]),
    );
  });

  it("the participant's mail reply (In-Reply-To the answer, subject rewritten by its mailer) lands on the same ticket and reopens it", async () => {
    await mailTheDesk({
      from: USER_ADDRESS,
      subject: 'RE: ご回答ありがとうございます',
      text: 'スキャンしました。検出はありませんでした。\n\n> ネットワークから切り離し、',
      messageId: '<second.answer@example.jp>',
      inReplyTo: operatorReplyId,
      references: ['<first.question@example.jp>', operatorReplyId],
    });
    const detail = await until('the reply on the ticket', async () => {
      const current = await ticket(opened.ticketId);
      return current.messages.length === 3 ? current : undefined;
    });
    expect(detail.messages[2]).toMatchObject({
      kind: 'participant_message',
      body: 'スキャンしました。検出はありませんでした。',
    });
    expect(detail.status).toBe('open');
    expect((await tickets()).filter((row) => row.subject.includes('ご回答ありがとう'))).toEqual([]);
  });

  it('the same mail relayed twice (the MX missed our 250) is on the ticket once', async () => {
    await mailTheDesk({
      from: USER_ADDRESS,
      subject: 'RE: ご回答ありがとうございます',
      text: 'スキャンしました。検出はありませんでした。',
      messageId: '<second.answer@example.jp>',
      inReplyTo: operatorReplyId,
    });
    expect((await ticket(opened.ticketId)).messages).toHaveLength(3);
  });

  it('a new mail that names the ticket reference in its subject also lands on it', async () => {
    await mailTheDesk({
      from: USER_ADDRESS,
      subject: `追加の質問 ${opened.reference}`,
      text: 'パスワードも変えるべきですか。',
      messageId: '<third@example.jp>',
    });
    const detail = await until('the mail on the ticket', async () => {
      const current = await ticket(opened.ticketId);
      return current.messages.length === 4 ? current : undefined;
    });
    expect(detail.messages[3]!.body).toContain('パスワード');
  });

  it('a reply quoting one of our Message-IDs that is no longer on record still finds its ticket by the reference inside it', async () => {
    const ours = `<yz.${opened.reference.toLowerCase()}.${randomUUID()}@yorozu.localhost>`;
    await mailTheDesk({
      from: USER_ADDRESS,
      subject: 'Re: (件名を書き換えました)',
      text: '念のため再送します。',
      messageId: '<fourth@example.jp>',
      inReplyTo: ours,
    });
    const detail = await until('the mail on the ticket', async () => {
      const current = await ticket(opened.ticketId);
      return current.messages.length === 5 ? current : undefined;
    });
    expect(detail.messages[4]!.body).toBe('念のため再送します。');
  });

  it('a status change is mailed, threaded', async () => {
    const resolved = await operator.call(
      'PUT',
      `/api/v1/admin/participants/${office.participantId}/tickets/${opened.ticketId}/status`,
      { status: 'resolved' },
    );
    expect(resolved.status).toBe(200);
    const mail = await until('the status mail', () =>
      delivered.find((item) => item.subject.includes(opened.reference) && item.text.includes('解決済み')),
    );
    expect(mail.references).toContain('<first.question@example.jp>');
  });

  it('mail from an unknown sender is held for an operator, then put on a ticket by the operator', async () => {
    await mailTheDesk({
      from: 'stranger@elsewhere.example',
      subject: '見知らぬ送信者',
      text: '御社のサービスについて',
      messageId: '<stranger@elsewhere.example>',
    });
    const held = await until('the held mail', async () => {
      const list = await operator.call<contract.HeldMailList>('GET', '/api/v1/admin/mail/held');
      return list.body.mails.find((mail) => mail.from === 'stranger@elsewhere.example');
    });
    expect(held).toMatchObject({ reason: 'unknown_sender', status: 'held', subject: '見知らぬ送信者' });
    expect((await tickets()).some((row) => row.subject === '見知らぬ送信者')).toBe(false);
    const assigned = await operator.call<contract.HeldMailAssigned>(
      'POST',
      `/api/v1/admin/mail/held/${held.mailId}/assign`,
      { participantId: office.participantId },
    );
    expect(assigned.status).toBe(200);
    expect((await ticket(assigned.body.ticketId)).messages[0]!.body).toContain('御社のサービスについて');
    const after = await operator.call<contract.HeldMailList>('GET', '/api/v1/admin/mail/held');
    expect(after.body.mails.find((mail) => mail.mailId === held.mailId)).toMatchObject({
      status: 'assigned',
      participantId: office.participantId,
      ticketId: assigned.body.ticketId,
    });
    expect(
      (await operator.call('POST', `/api/v1/admin/mail/held/${held.mailId}/dismiss`, { reason: 'again' })).status,
    ).toBe(404);
  });

  it('a held mail an operator dismisses is kept, marked dismissed with the reason', async () => {
    await mailTheDesk({
      from: 'sales@spam.example',
      subject: '格安 SEO のご案内',
      text: '今だけ',
      messageId: '<spam-1@spam.example>',
    });
    const held = await until('the held mail', async () => {
      const list = await operator.call<contract.HeldMailList>('GET', '/api/v1/admin/mail/held');
      return list.body.mails.find((mail) => mail.subject === '格安 SEO のご案内');
    });
    expect(
      (await operator.call('POST', `/api/v1/admin/mail/held/${held.mailId}/dismiss`, { reason: '営業メール' })).status,
    ).toBe(200);
    const list = await operator.call<contract.HeldMailList>('GET', '/api/v1/admin/mail/held');
    expect(list.body.mails.find((mail) => mail.mailId === held.mailId)).toMatchObject({
      status: 'dismissed',
      dismissReason: '営業メール',
      reason: 'unknown_sender',
    });
  });

  it('an auto-reply from a registered address opens nothing: it is held', async () => {
    const before = (await tickets()).length;
    await mailTheDesk({
      from: USER_ADDRESS,
      subject: '不在のお知らせ',
      text: '11/30 まで不在です。',
      messageId: '<away@example.jp>',
      headers: {
        'Auto-Submitted': 'auto-replied',
        'Authentication-Results': `${MX}; dmarc=pass header.from=example.jp`,
      },
    });
    const held = await until('the held auto-reply', async () => {
      const list = await operator.call<contract.HeldMailList>('GET', '/api/v1/admin/mail/held');
      return list.body.mails.find((mail) => mail.subject === '不在のお知らせ');
    });
    expect(held.reason).toBe('auto_submitted');
    expect((await tickets()).length).toBe(before);
  });

  it("an operator is mailed once when a ticket's clock is breached: the assignee, with the reference and the due time", async () => {
    const created = await operator.call<contract.AccountCreated>('POST', '/api/v1/admin/accounts', {
      loginName: 'desk-sato',
      displayName: '佐藤 (窓口)',
      email: 'sato@desk.example.jp',
      password: 'correct-horse-battery-0123',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const logged = await operator.call<Ticket>('POST', `/api/v1/admin/participants/${office.participantId}/tickets`, {
      subject: '先週の電話',
      category: 'service_usage',
      caller: '総務',
      calledAt: new Date(Date.now() - 14 * 86_400_000).toISOString(),
      durationMinutes: 5,
      summary: '折り返し連絡が必要',
    });
    await operator.call(
      'PUT',
      `/api/v1/admin/participants/${office.participantId}/tickets/${logged.body.ticketId}/assignee`,
      { assigneeId: created.body.account.account_id },
    );
    for (let run = 0; run < 2; run += 1) expect((await yorozu.jobs.runNow('desk')).error).toBeUndefined();
    const alert = await until('the SLA alert', () =>
      delivered.find((mail) => mail.to.includes('sato@desk.example.jp') && mail.text.includes(logged.body.reference)),
    );
    expect(alert.text).toContain('SLA 超過');
    expect(alert.text).toMatch(/期限 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(alert.autoSubmitted).toBe(true);
    // Both job runs queued the alert under one key; once every alert of the ticket is recorded as sent, a second
    // hand-over would have happened already (the relay's 250 comes before the record).
    const mails = await until('the alert recorded as sent', async () => {
      const seen = await operator.call<{ mails: { kind: string; outcome: string }[] }>(
        'GET',
        `/api/v1/participants/${office.participantId}/tickets/${logged.body.ticketId}`,
      );
      const alerts = seen.body.mails.filter((mail) => mail.kind === 'sla_alert');
      return alerts.length > 0 && alerts.every((mail) => mail.outcome === 'sent') ? alerts : undefined;
    });
    expect(mails).toHaveLength(1);
    expect(
      delivered.filter((mail) => mail.to.includes('sato@desk.example.jp') && mail.text.includes(logged.body.reference)),
    ).toHaveLength(1);
  });

  it("the MX's checks count: a mail whose DMARC check failed is held, one that passed carries the verdict for operators", async () => {
    const before = (await tickets()).length;
    await mailTheDesk({
      from: USER_ADDRESS,
      subject: '至急: 口座の変更',
      text: '振込先が変わりました。',
      messageId: '<spoofed@elsewhere.example>',
      headers: {
        'Authentication-Results':
          'mx.example.jp; spf=fail smtp.mailfrom=elsewhere.example; dkim=none; dmarc=fail header.from=example.jp',
      },
    });
    const held = await until('the held mail', async () => {
      const list = await operator.call<contract.HeldMailList>('GET', '/api/v1/admin/mail/held');
      return list.body.mails.find((mail) => mail.subject === '至急: 口座の変更');
    });
    expect(held).toMatchObject({
      reason: 'authentication_failed: dmarc=fail spf=fail dkim=none',
      authentication: 'dmarc=fail spf=fail dkim=none',
    });
    expect((await tickets()).length).toBe(before);

    await mailTheDesk({
      from: USER_ADDRESS,
      subject: '正規のメール',
      text: '本物です。',
      messageId: '<genuine@example.jp>',
      headers: {
        'Authentication-Results':
          'mx.example.jp; spf=pass smtp.mailfrom=example.jp; dkim=pass header.d=example.jp; dmarc=pass header.from=example.jp',
      },
    });
    const genuine = await until('the ticket', async () =>
      (await tickets()).find((row) => row.subject === '正規のメール'),
    );
    const seen = await operator.call<contract.TicketDetail>(
      'GET',
      `/api/v1/participants/${office.participantId}/tickets/${genuine.ticketId}`,
    );
    expect(seen.body.messages[0]!.mailAuthentication).toBe('dmarc=pass spf=pass dkim=pass');
  });

  it('a registered address the MX did not vouch for is held as an unverified sender, even quoting a ticket reference (issue 15, finding 2)', async () => {
    const open = (await tickets()).find((row) => row.subject === '正規のメール')!;
    const before = (await ticket(open.ticketId)).messages.length;
    const spoofs: { label: string; from: string; headers: Record<string, string>; reason: string }[] = [
      {
        label: 'no Authentication-Results',
        from: USER_ADDRESS,
        headers: { 'X-Spoof': '1' },
        reason: 'unverified_sender: no verdict from mx.example.jp',
      },
      {
        label: 'a sender-written pass',
        from: USER_ADDRESS,
        headers: { 'Authentication-Results': 'mx.attacker.example; dmarc=pass header.from=example.jp' },
        reason: 'unverified_sender: no verdict from mx.example.jp',
      },
      {
        label: 'an MX verdict of none',
        from: USER_ADDRESS,
        headers: { 'Authentication-Results': `${MX}; spf=none; dkim=none; dmarc=none header.from=example.jp` },
        reason: 'unverified_sender: dmarc=none spf=none dkim=none',
      },
      {
        label: 'an upper-case address',
        from: USER_ADDRESS.toUpperCase(),
        headers: { 'X-Spoof': '1' },
        reason: 'unverified_sender: no verdict from mx.example.jp',
      },
    ];
    for (const [index, spoof] of spoofs.entries()) {
      await mailTheDesk({
        from: spoof.from,
        subject: `偽装 ${index} ${open.reference}`,
        text: spoof.label,
        messageId: `<spoof-${index}@elsewhere.example>`,
        headers: spoof.headers,
      });
    }
    const held = await until('the four held mails', async () => {
      const list = await operator.call<{ mails: { subject: string; reason: string }[] }>(
        'GET',
        '/api/v1/admin/mail/held',
      );
      const spoofed = list.body.mails.filter((mail) => mail.subject.startsWith('偽装 '));
      return spoofed.length === spoofs.length ? spoofed : undefined;
    });
    for (const [index, spoof] of spoofs.entries())
      expect(held.find((mail) => mail.subject.startsWith(`偽装 ${index} `))?.reason).toBe(spoof.reason);
    expect((await ticket(open.ticketId)).messages.length).toBe(before);

    // The same upper-case address, vouched for by the MX, is the participant (the domain compares without case).
    await mailTheDesk({
      from: USER_ADDRESS.toUpperCase(),
      subject: `本物 ${open.reference}`,
      text: '大文字で送りました。',
      messageId: '<upper-genuine@example.jp>',
    });
    await until('the genuine mail on the ticket', async () =>
      (await ticket(open.ticketId)).messages.length === before + 1 ? true : undefined,
    );
  });
});
