import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromClickHouseTime } from '../../common/clickhouse-time.js';
import { jstDateOf } from '../../common/jst-time.js';
import { callApi, operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { earliestPlannedStart } from '../../participants/rules/suspension-lead-time.js';
import { TERMS_IN_FORCE } from '../../participants/terms.js';
import { queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import { TestRelay, type RelayedMail } from '../support/test-relay.js';
import { until } from '../support/until.js';

/**
 * Notices that reach people (terms art. 21), over a real SMTP relay on loopback: each lifecycle
 * notice arrives as mail with its facts, the e-mail channel is deemed delivered when the relay
 * accepted it, prior-notice periods count from there, a former participant reads its notices with
 * the link in its mail, and a postal notice waits for its arrival.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: TestRelay;
let operator: ApiClient;

interface Delivery {
  channel: string;
  state: string;
  deemed_delivered_at: string | null;
  mail_id: string;
  participant_id: string | null;
  detail: string;
}
interface Notice {
  notice_id: string;
  kind: string;
  subject_ja: string;
  body_ja: string;
  prior_notice_seconds: number;
  channels: string[];
  deliveries: Delivery[];
  delivery: { state: string; deemedAt?: string };
}

const application = (organisation: string, email: string) => ({
  organisation,
  representative: '代表取締役 山田太郎',
  address: '東京都千代田区丸の内1-1-1',
  phone: '03-1234-5678',
  contactName: '情報システム部 佐藤花子',
  contactEmail: email,
  termsVersion: TERMS_IN_FORCE.version,
  agreeToTerms: true,
});

async function apply(organisation: string, email: string): Promise<string> {
  const reply = await callApi<{ applicationId: string }>(
    yorozu.url,
    'POST',
    '/api/v1/applications',
    application(organisation, email),
  );
  expect(reply.status).toBe(201);
  return reply.body.applicationId;
}

async function noticesOf(participantId: string): Promise<Notice[]> {
  const reply = await operator.call<{ notices: Notice[] }>('GET', `/api/v1/participants/${participantId}/notices`);
  expect(reply.status).toBe(200);
  return reply.body.notices;
}

const mailTo = (address: string, subjectPart: string) =>
  until(`mail "${subjectPart}" to ${address}`, () =>
    relay.mails.find((mail) => mail.to.includes(address) && mail.subject.includes(subjectPart)),
  );

/** The notice of a kind once its e-mail delivery is settled (delivered or undelivered). */
async function settledEmail(participantId: string, kind: string): Promise<{ notice: Notice; email: Delivery }> {
  return until(`the ${kind} e-mail delivery`, async () => {
    const notice = (await noticesOf(participantId)).find((n) => n.kind === kind);
    const email = notice?.deliveries.find((d) => d.channel === 'email');
    return notice && email && email.state !== 'pending' ? { notice, email } : undefined;
  });
}

/** Deemed delivered = the relay's acceptance: the outbox's "sent" time, at or after the relay's 250 was prepared. */
async function expectDeemedAtAcceptance(email: Delivery, mail: RelayedMail): Promise<number> {
  expect(email.state).toBe('delivered');
  const deemed = fromClickHouseTime(email.deemed_delivered_at!).getTime();
  const [attempt] = await queryRows<{ attempted_at: string }>(
    yorozu,
    "SELECT attempted_at FROM outbound_mail_attempts WHERE mail_id = {mailId:UUID} AND outcome = 'sent'",
    { mailId: email.mail_id },
  );
  expect(fromClickHouseTime(attempt!.attempted_at).getTime()).toBe(deemed);
  expect(deemed).toBeGreaterThanOrEqual(mail.acceptedAt);
  return deemed;
}

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('notice-delivery', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
    YOROZU_PUBLIC_URL: 'https://desk.example.jp',
  });
  operator = await operatorClient(yorozu.url);
}, 90_000);

afterAll(async () => {
  await yorozu?.cleanup();
  await relay?.stop();
});

describe('lifecycle notices are mailed and deemed delivered when the relay accepts them', () => {
  let participantId: string;
  const address = 'info@approved.example.jp';

  it("approving: the applicant gets the approval by mail, deemed delivered at the relay's acceptance", async () => {
    participantId = await apply('株式会社つうち', address);
    expect((await operator.call('POST', `/api/v1/admin/participants/${participantId}/approve`, {})).status).toBe(200);
    const mail = await mailTo(address, 'お申込みを承認しました');
    expect(mail.text).toContain('お申込みを承認しました');
    expect(mail.text).toContain('Your application was approved');
    const { notice, email } = await settledEmail(participantId, 'application_approved');
    await expectDeemedAtAcceptance(email, mail);
    expect(notice.deliveries.find((d) => d.channel === 'web')?.state).toBe('delivered');
    expect(notice.delivery.state).toBe('delivered');
  });

  it('starting: the mail carries the start date (利用開始日)', async () => {
    const startDate = jstDateOf(new Date());
    expect(
      (await operator.call('POST', `/api/v1/admin/participants/${participantId}/start`, { startDate })).status,
    ).toBe(200);
    const mail = await mailTo(address, 'サービス提供開始');
    expect(mail.text).toContain(`利用開始日: ${startDate}`);
    const { email } = await settledEmail(participantId, 'service_started');
    await expectDeemedAtAcceptance(email, mail);
  });

  it('revoking with notice: nothing happens before the relay accepts the notice; then it takes effect the period after that, not after the API call', async () => {
    relay.hold();
    const announcedAt = Date.now();
    const effectiveAt = new Date(announcedAt + 14 * 86_400_000);
    const revoke = await operator.call('POST', `/api/v1/admin/participants/${participantId}/revoke`, {
      reasonCode: 'breach_of_terms',
      withNotice: true,
      effectiveAt: effectiveAt.toISOString(),
      note: '規約違反の是正がないため',
    });
    expect(revoke.status, JSON.stringify(revoke.body)).toBe(200);
    const answeredAt = Date.now();
    // The relay holds its 250: the notice is not delivered, so even long after the period nothing is revoked.
    const pending = (await noticesOf(participantId)).find((n) => n.kind === 'revocation_scheduled')!;
    expect(pending.deliveries.find((d) => d.channel === 'email')?.state).toBe('pending');
    expect(pending.delivery.state).toBe('pending');
    expect(pending.prior_notice_seconds).toBeGreaterThan(14 * 86_400 - 60);
    expect(pending.prior_notice_seconds).toBeLessThanOrEqual(14 * 86_400);
    expect(
      (await yorozu.jobs.runNow('scheduled-revocations', new Date(effectiveAt.getTime() + 3_600_000))).result,
    ).toEqual({ revoked: 0 });

    relay.release();
    const mail = await mailTo(address, '参加資格取消しの予告');
    expect(mail.text).toContain('14 日を経過した時をもって参加資格を取り消します');
    expect(mail.text).toContain('規約違反の是正がないため');
    const { notice, email } = await settledEmail(participantId, 'revocation_scheduled');
    const deemed = await expectDeemedAtAcceptance(email, mail);
    expect(deemed).toBeGreaterThan(answeredAt);
    const takesEffect = deemed + notice.prior_notice_seconds * 1000;
    // The participant's pending revocation moved to the period after the delivery.
    await until('the revocation time moved to the delivery', async () => {
      const reply = await operator.call<{ participant: { pending_revocation_at: string | null } }>(
        'GET',
        `/api/v1/participants/${participantId}`,
      );
      const at = reply.body.participant.pending_revocation_at;
      return at && fromClickHouseTime(at).getTime() === takesEffect ? true : undefined;
    });
    expect(takesEffect).toBeGreaterThan(announcedAt + notice.prior_notice_seconds * 1000);
    expect((await yorozu.jobs.runNow('scheduled-revocations', new Date(takesEffect - 1000))).result).toEqual({
      revoked: 0,
    });
    expect((await yorozu.jobs.runNow('scheduled-revocations', new Date(takesEffect + 1000))).result).toEqual({
      revoked: 1,
    });
    const revoked = await mailTo(address, '参加資格取消しのお知らせ');
    expect(revoked.text).toMatch(/保存データ及び生成等データは \d{4}-\d{2}-\d{2} までに削除します/);
  });
});

describe('a former participant keeps its notices', () => {
  it('a withdrawn participant opens its notices with the link from its mail and reads the deletion deadline', async () => {
    const address = 'soumu@withdrawn.example.jp';
    const participantId = await apply('有限会社たいかい', address);
    await operator.call('POST', `/api/v1/admin/participants/${participantId}/approve`, {});
    await operator.call('POST', `/api/v1/admin/participants/${participantId}/start`, {
      startDate: jstDateOf(new Date()),
    });
    const user = await participantUserClient(yorozu.url, operator, participantId, 'taikai-user');
    expect(
      (await user.call('POST', `/api/v1/participants/${participantId}/withdrawal`, { reason: '事業縮小のため' }))
        .status,
    ).toBe(202);
    const completed = await operator.call(
      'POST',
      `/api/v1/admin/participants/${participantId}/complete-withdrawal`,
      {},
    );
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    const mail = await mailTo(address, '退会手続き完了');
    const deadline = /保存データ及び生成等データは (\d{4}-\d{2}-\d{2}) までに削除します/.exec(mail.text)?.[1];
    expect(deadline).toBeDefined();
    const link = /https:\/\/desk\.example\.jp(\/notice-links\/[A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link).not.toBeNull();
    // No account, no session: the link alone, on this Yorozu.
    const page = await fetch(new URL(link![1]!, yorozu.url));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('退会手続き完了のお知らせ');
    expect(html).toContain(`${deadline} までに削除します`);
    const json = await callApi<{ notices: Notice[] }>(
      yorozu.url,
      'GET',
      `/api/v1/notice-links/${link![1]!.split('/').pop()}`,
    );
    expect(json.body.notices.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['participation_ended', 'service_started', 'application_approved']),
    );
    expect((await callApi(yorozu.url, 'GET', '/api/v1/notice-links/not-a-token-at-all')).status).toBe(404);
    // Its account no longer opens the portal; the link is how it reads what it was told.
    expect((await user.call('GET', `/api/v1/participants/${participantId}/notices`)).status).toBeGreaterThanOrEqual(
      401,
    );
  });
});

describe("trial-wide notices and operators' own notices", () => {
  it('stopping the trial mails everyone taking part that it is stopped (中止) under art. 19', async () => {
    const address = 'it@trial.example.jp';
    const participantId = await apply('株式会社しけん', address);
    await operator.call('POST', `/api/v1/admin/participants/${participantId}/approve`, {});
    await operator.call('POST', `/api/v1/admin/participants/${participantId}/start`, {
      startDate: jstDateOf(new Date()),
    });
    const lastDay = jstDateOf(new Date(Date.now() + 30 * 86_400_000));
    const stopped = await operator.call('POST', '/api/v1/admin/trial/stop', {
      lastDay,
      reason: '予算措置の終了のため',
    });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    const mail = await mailTo(address, '実証実験中止');
    expect(mail.text).toContain('第19条に基づき本実証実験を中止します');
    expect(mail.text).toContain(`${lastDay} をもって終了します`);
    expect(mail.text).not.toContain('実施期間を変更しました');
    const notice = await until('the trial stop delivered', async () => {
      const found = (await noticesOf(participantId)).find((n) => n.kind === 'trial_stopped');
      return found?.delivery.state === 'delivered' ? found : undefined;
    });
    await expectDeemedAtAcceptance(
      notice.deliveries.find((d) => d.channel === 'email' && d.participant_id === participantId)!,
      mail,
    );
  });

  it('a postal notice stays pending until its arrival is entered, then counts as delivered on that day', async () => {
    const participantId = await apply('合同会社ゆうびん', 'post@post.example.jp');
    await operator.call('POST', `/api/v1/admin/participants/${participantId}/approve`, {});
    const written = await operator.call<{ notices: string[] }>('POST', '/api/v1/admin/notices', {
      recipients: { participantIds: [participantId] },
      subjectJa: '設備点検のお知らせ',
      bodyJa: '郵送でお知らせします。',
      channels: ['post'],
    });
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    const noticeId = written.body.notices[0]!;
    const before = (await noticesOf(participantId)).find((n) => n.notice_id === noticeId)!;
    expect(before.delivery.state).toBe('pending');
    expect(before.deliveries).toEqual([
      expect.objectContaining({
        channel: 'post',
        state: 'pending',
        detail: expect.stringContaining('東京都千代田区丸の内1-1-1'),
      }),
    ]);
    const attention = await operator.call<{ attention: Delivery[] }>('GET', '/api/v1/admin/notices');
    expect(attention.body.attention).toContainEqual(
      expect.objectContaining({ notice_id: noticeId, channel: 'post', state: 'pending' }),
    );
    const today = jstDateOf(new Date());
    const arrived = await operator.call<{ delivery: { state: string; deemedAt: string } }>(
      'POST',
      `/api/v1/admin/notices/${noticeId}/arrival`,
      { arrivedOn: today },
    );
    expect(arrived.status, JSON.stringify(arrived.body)).toBe(200);
    expect(arrived.body.delivery.state).toBe('delivered');
    expect(jstDateOf(new Date(arrived.body.delivery.deemedAt))).toBe(today);
    expect((await noticesOf(participantId)).find((n) => n.notice_id === noticeId)!.delivery.state).toBe('delivered');
  });

  it('a suspension announced by post cannot start before the letter arrived, then keeps its announced lead time (art. 8 (2))', async () => {
    const participantId = await apply('株式会社ていし', 'teishi@post.example.jp');
    await operator.call('POST', `/api/v1/admin/participants/${participantId}/approve`, {});
    // Art. 8 (2): the planned start keeps the lead time in business days (default 3).
    const startsAt = new Date(earliestPlannedStart(new Date(), 3).getTime() + 3_600_000);
    const planned = await operator.call<{ suspension: { suspension_id: string } }>(
      'POST',
      '/api/v1/admin/service-suspensions',
      { participantId, reasonCode: 'maintenance', startsAt: startsAt.toISOString(), channels: ['post'] },
    );
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);
    const notice = (await noticesOf(participantId)).find((n) => n.kind === 'service_suspension')!;
    expect(notice.delivery.state).toBe('pending');
    // Long after its start time, the letter has not arrived: the suspension does not start.
    expect(
      (await yorozu.jobs.runNow('service-suspensions', new Date(startsAt.getTime() + 6 * 3_600_000))).result,
    ).toMatchObject({ started: 0 });
    const arrived = await operator.call<{ delivery: { state: string; deemedAt: string } }>(
      'POST',
      `/api/v1/admin/notices/${notice.notice_id}/arrival`,
      { arrivedOn: jstDateOf(new Date()) },
    );
    expect(arrived.body.delivery.state).toBe('delivered');
    const startsNoEarlier = new Date(arrived.body.delivery.deemedAt).getTime() + notice.prior_notice_seconds * 1000;
    expect((await yorozu.jobs.runNow('service-suspensions', new Date(startsNoEarlier - 1000))).result).toMatchObject({
      started: 0,
    });
    expect((await yorozu.jobs.runNow('service-suspensions', new Date(startsNoEarlier + 1000))).result).toMatchObject({
      started: 1,
    });
    const list = await operator.call<{ suspensions: { suspension_id: string; status: string }[] }>(
      'GET',
      '/api/v1/admin/service-suspensions',
    );
    expect(list.body.suspensions.find((s) => s.suspension_id === planned.body.suspension.suspension_id)?.status).toBe(
      'in_effect',
    );
  });

  it("an operator's own notice by e-mail to an address the relay refuses is flagged undelivered for operators", async () => {
    const participantId = await apply('株式会社ばうんす', 'bounce@bounce.example.jp');
    const written = await operator.call<{ notices: string[] }>('POST', '/api/v1/admin/notices', {
      recipients: { participantIds: [participantId] },
      subjectJa: '年末年始の窓口について',
      bodyJa: '12月29日から1月3日まで窓口を休止します。',
    });
    expect(written.status).toBe(201);
    const { email } = await settledEmail(participantId, 'free_form');
    expect(email).toMatchObject({ state: 'undelivered', detail: expect.stringContaining('550') });
    const list = await operator.call<{ attention: Delivery[] }>('GET', '/api/v1/admin/notices');
    expect(list.body.attention).toContainEqual(
      expect.objectContaining({ notice_id: written.body.notices[0], channel: 'email', state: 'undelivered' }),
    );
  });
});

describe('versioned terms (art. 2)', () => {
  it('the seed document is version 1, in force since 2022-12-01, with its full text; applications agree to it', async () => {
    const listed = await callApi<{
      inForce: { version: string; effective_on: string };
      versions: { version: string }[];
    }>(yorozu.url, 'GET', '/api/v1/terms/versions');
    expect(listed.body.inForce).toMatchObject({ version: '1', effective_on: '2022-12-01' });
    const first = await callApi<{ terms: { text_ja: string } }>(yorozu.url, 'GET', '/api/v1/terms/versions/1');
    expect(first.body.terms.text_ja).toContain('この規約は、2022 年 12 月 1 日から実施します');
    expect((await callApi<{ terms: { version: string } }>(yorozu.url, 'GET', '/api/v1/terms')).body.terms.version).toBe(
      '1',
    );
  });

  it('publishing a new version with a future date tells every participant by mail, and version 1 stays in force until then', async () => {
    const address = 'kiyaku@terms.example.jp';
    const participantId = await apply('株式会社きやく', address);
    await operator.call('POST', `/api/v1/admin/participants/${participantId}/approve`, {});
    const effectiveOn = jstDateOf(new Date(Date.now() + 30 * 86_400_000));
    const past = await operator.call('POST', '/api/v1/admin/terms', {
      version: '2-past',
      effectiveOn: '2022-01-01',
      titleJa: '規約',
      summaryJa: '過去',
      textJa: '本文',
    });
    expect(past.status).toBe(400);
    const published = await operator.call('POST', '/api/v1/admin/terms', {
      version: '2',
      effectiveOn,
      titleJa: 'ITセキュリティよろず相談窓口 実証実験規約',
      summaryJa: '第21条の通知方法に電子メールの到達時刻を明記',
      textJa: '（改定後の全文）',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const mail = await mailTo(address, '利用規約改定');
    expect(mail.text).toContain(`新しい版 2 は ${effectiveOn} から適用します`);
    expect(mail.text).toContain('第21条の通知方法に電子メールの到達時刻を明記');
    const listed = await callApi<{
      inForce: { version: string };
      versions: { version: string; effective_on: string }[];
    }>(yorozu.url, 'GET', '/api/v1/terms/versions');
    expect(listed.body.inForce.version).toBe('1');
    expect(listed.body.versions.map((v) => v.version)).toEqual(['1', '2']);
    expect(
      (
        await operator.call('POST', '/api/v1/admin/terms', {
          version: '2',
          effectiveOn,
          titleJa: 'x',
          summaryJa: 'x',
          textJa: 'x',
        })
      ).status,
    ).toBe(409);
  });
});
