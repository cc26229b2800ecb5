import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, operatorClient, type ApiClient } from '../../harness/api-client.js';
import { TERMS_IN_FORCE } from '../../participants/terms.js';
import { TestRelay } from '../support/test-relay.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * A bounce that comes back later as mail (art. 21 (2)): the relay accepted the notice mail, then the
 * recipient's server refused it and sent a delivery status notification (RFC 3464) to the desk's
 * inbound SMTP listener. The notice is flagged undelivered and operators see why.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: TestRelay;
let operator: ApiClient;

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('notice-late-bounce', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
    YOROZU_SMTP_LISTEN_PORT: '0',
  });
  operator = await operatorClient(yorozu.url);
}, 120_000);

afterAll(async () => {
  await yorozu?.cleanup();
  await relay?.stop();
});

/** Some MTAs send the status and the returned headers base64-encoded (Content-Transfer-Encoding). */
const encoded = (encoding: '7bit' | 'base64', lines: string[]) =>
  encoding === '7bit'
    ? lines
    : [
        'Content-Transfer-Encoding: base64',
        '',
        ...(Buffer.from(lines.slice(1).join('\r\n'))
          .toString('base64')
          .match(/.{1,76}/g) ?? []),
      ];

const dsn = (originalMessageId: string, address: string, encoding: '7bit' | 'base64') =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>',
    'To: desk@yorozu.localhost',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <dsn-${encoding}@mx.example.jp>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="BOUNDARY-1"',
    '',
    '--BOUNDARY-1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.example.jp. Your message could not be delivered.',
    '',
    '--BOUNDARY-1',
    'Content-Type: message/delivery-status',
    ...encoded(encoding, [
      '',
      'Reporting-MTA: dns; mx.example.jp',
      '',
      `Final-Recipient: rfc822; ${address}`,
      'Action: failed',
      'Status: 5.1.1',
      `Diagnostic-Code: smtp; 550 5.1.1 <${address}>: Recipient address rejected: User unknown`,
      '',
    ]),
    '--BOUNDARY-1',
    'Content-Type: text/rfc822-headers',
    ...encoded(encoding, ['', `Message-ID: ${originalMessageId}`, 'Subject: =?UTF-8?B?5bm05pyr?=', '']),
    '--BOUNDARY-1--',
    '',
  ].join('\r\n');

describe('a bounce that comes back later', () => {
  it.each([
    ['7bit', 'later@atokara.example.jp'],
    ['base64', 'encoded@atokara.example.jp'],
  ] as const)('(%s report) flags the notice undelivered and shows operators the reason', async (encoding, ADDRESS) => {
    const subject = `後から戻るメール (${encoding})`;
    const applied = await callApi<{ applicationId: string }>(yorozu.url, 'POST', '/api/v1/applications', {
      organisation: `株式会社あとから ${encoding}`,
      representative: '代表取締役 山田太郎',
      address: '東京都千代田区丸の内1-1-1',
      phone: '03-1234-5678',
      contactName: '佐藤花子',
      contactEmail: ADDRESS,
      termsVersion: TERMS_IN_FORCE.version,
      agreeToTerms: true,
    });
    const participantId = applied.body.applicationId;
    const sent = await operator.call<{ notices: string[] }>('POST', '/api/v1/admin/notices', {
      recipients: { participantIds: [participantId] },
      subjectJa: subject,
      bodyJa: '本文です。',
      channels: ['email'],
    });
    const noticeId = sent.body.notices[0]!;
    const relayed = await expect
      .poll(() => relay.mails.find((m) => m.to.includes(ADDRESS) && m.subject === subject), {
        timeout: 30_000,
      })
      .toBeDefined()
      .then(() => relay.mails.find((m) => m.subject === subject)!);
    const stateOf = async () =>
      (
        await operator.call<{ notices: { notice_id: string; deliveries: { channel: string; state: string }[] }[] }>(
          'GET',
          `/api/v1/participants/${participantId}/notices`,
        )
      ).body.notices
        .find((n) => n.notice_id === noticeId)!
        .deliveries.find((d) => d.channel === 'email')!.state;
    await expect.poll(stateOf, { timeout: 30_000 }).toBe('delivered');

    const transport = createTransport({
      host: '127.0.0.1',
      port: yorozu.desk.smtpPort!,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await transport.sendMail({
        envelope: { from: 'mailer-daemon@mx.example.jp', to: ['desk@yorozu.localhost'] },
        raw: dsn(relayed.messageId, ADDRESS, encoding),
      });
    } finally {
      transport.close();
    }
    await expect.poll(stateOf, { timeout: 30_000 }).toBe('undelivered');
    const centre = await operator.call<{ attention: { notice_id: string; state: string; detail: string }[] }>(
      'GET',
      '/api/v1/admin/notices',
    );
    expect(centre.body.attention).toContainEqual(
      expect.objectContaining({ notice_id: noticeId, state: 'undelivered', detail: expect.stringContaining('5.1.1') }),
    );
  });
});
