import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, type ApiClient } from '../../harness/api-client.js';
import { createLogger } from '../../server/logger.js';
import { DEMO_MX, demoMailEnvironment, sendDemoMail } from '../../server/demo-mail.js';
import { prepareDemoParticipants, type DemoParticipant } from '../../server/demo-participants.js';
import { prepareDemoTemplates } from '../../server/demo-templates.js';
import { until } from '../support/until.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * `--demo` turns the desk's SMTP listener on (loopback, a free port) and sends three mails to it over real SMTP:
 * the demo users' two open tickets, the stranger's is held for an operator (and the demo's answer templates are there) (before, held mail was always empty in
 * the demo because e-mail in was off).
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let participants: DemoParticipant[];

beforeAll(async () => {
  const environment = demoMailEnvironment({});
  expect(environment).toEqual({ YOROZU_SMTP_LISTEN_PORT: '0', YOROZU_MAIL_AUTHSERV_ID: DEMO_MX });
  yorozu = await startTestYorozu('demo-mail', environment);
  participants = await prepareDemoParticipants(yorozu.devices, yorozu.participants);
  operator = await operatorClient(yorozu.url);
});

afterAll(async () => {
  await yorozu?.cleanup();
});

describe("the demo's mail", () => {
  it('an operator-set listener port or MX is kept', () => {
    expect(demoMailEnvironment({ YOROZU_SMTP_LISTEN_PORT: '2525', YOROZU_MAIL_AUTHSERV_ID: 'mx.example.jp' })).toEqual(
      {},
    );
  });

  it("reaches the desk's listener over SMTP: registered senders open tickets, the stranger is held", async () => {
    expect(yorozu.desk.smtpPort).toBeGreaterThan(0);
    expect(await sendDemoMail(yorozu, participants, createLogger('silent'))).toBe(3);

    const held = await until('the stranger held', async () => {
      const reply = await operator.call<contract.HeldMailList>('GET', '/api/v1/admin/mail/held');
      return reply.body.mails.find((mail) => mail.from.includes('yamada@unknown-sender.example.com'));
    });
    expect(held).toMatchObject({ subject: '【ご案内】情報セキュリティセミナーのお知らせ', status: 'held' });
    expect(held.reason).toContain('unknown_sender');

    for (const [participant, subject] of [
      [participants[0]!, '複合機のドライバー更新について'],
      [participants[2]!, 'ウイルス対策ソフトの警告が消えません'],
    ] as const) {
      const ticket = await until(`${participant.name}'s mail as a ticket`, async () => {
        const list = await operator.call<contract.TicketList>(
          'GET',
          `/api/v1/participants/${participant.participantId}/tickets`,
        );
        return list.body.tickets.find((candidate) => candidate.subject === subject);
      });
      expect(ticket).toMatchObject({ channel: 'email', status: 'new' });
    }
  });

  it('the demo brings answer templates in both languages, once', async () => {
    await prepareDemoTemplates(yorozu);
    await prepareDemoTemplates(yorozu);
    const list = await operator.call<contract.ReplyTemplateList>('GET', '/api/v1/admin/reply-templates');
    expect(list.body.templates.length).toBe(3);
    expect(list.body.templates.every((template) => template.title.ja && template.body.en)).toBe(true);
  });
});
