import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, operatorClient, type ApiClient } from '../../harness/api-client.js';
import { TERMS_IN_FORCE } from '../../participants/terms.js';
import { TestRelay } from '../support/test-relay.js';
import { queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Art. 21 (2) when the outbox's report is lost (the process stopped between the relay's 250 and the
 * report): the notice stays pending until the catch-up reads the outbox's own record, and is then
 * delivered at the moment the relay accepted the mail, not at the moment of the catch-up.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: TestRelay;
let operator: ApiClient;
const ADDRESS = 'catchup@example.jp';

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('notice-mail-catch-up', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
  });
  operator = await operatorClient(yorozu.url);
}, 120_000);

afterAll(async () => {
  await yorozu?.cleanup();
  await relay?.stop();
});

interface Notice {
  notice_id: string;
  delivery: { state: string; deemedAt?: string };
  deliveries: { channel: string; state: string; mail_id: string; deemed_delivered_at: string | null }[];
}

describe('catching up on outbox reports', () => {
  it('a notice whose delivery report was lost is delivered at the relay’s acceptance when the catch-up runs', async () => {
    const applied = await callApi<{ applicationId: string }>(yorozu.url, 'POST', '/api/v1/applications', {
      organisation: '株式会社おいつき',
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
      subjectJa: '報告の追いつき',
      bodyJa: '本文です。',
      channels: ['email'],
    });
    const noticeId = sent.body.notices[0]!;
    await expect
      .poll(() => relay.mails.find((m) => m.to.includes(ADDRESS) && m.subject === '報告の追いつき'), {
        timeout: 30_000,
      })
      .toBeDefined();
    const noticeOf = async () =>
      (
        await operator.call<{ notices: Notice[] }>('GET', `/api/v1/participants/${participantId}/notices`)
      ).body.notices.find((n) => n.notice_id === noticeId)!;
    await expect.poll(async () => (await noticeOf()).delivery.state, { timeout: 30_000 }).toBe('delivered');
    const mailId = (await noticeOf()).deliveries.find((d) => d.channel === 'email')!.mail_id;

    // The report is lost: as if the process had stopped right after the relay's 250.
    await yorozu.database.client.command({
      query: "ALTER TABLE notice_deliveries DELETE WHERE notice_id = {noticeId:UUID} AND state = 'delivered'",
      query_params: { noticeId },
      clickhouse_settings: { mutations_sync: '2' },
    });
    expect((await noticeOf()).delivery.state).toBe('pending');

    const run = await yorozu.jobs.runNow('notice-mail-catch-up');
    expect(run.result, JSON.stringify(run)).toEqual({ reported: 1 });
    const caughtUp = await noticeOf();
    expect(caughtUp.delivery.state).toBe('delivered');
    const [attempt] = await queryRows<{ at: string }>(
      yorozu,
      "SELECT toString(attempted_at) AS at FROM outbound_mail_attempts WHERE mail_id = {mailId:UUID} AND outcome = 'sent'",
      { mailId },
    );
    expect(new Date(caughtUp.delivery.deemedAt!).getTime()).toBe(
      new Date(`${attempt!.at.replace(' ', 'T')}Z`).getTime(),
    );
    // A second run has nothing left to report.
    expect((await yorozu.jobs.runNow('notice-mail-catch-up')).result).toEqual({ reported: 0 });
  });
});
