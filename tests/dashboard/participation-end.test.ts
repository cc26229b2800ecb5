import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll, type Enrollment } from '../../agent/protocol-client.js';
import { addDays, jstDateOf } from '../../common/jst-time.js';
import { operatorClient, participantUserClient, TEST_OPERATOR } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm, clickHeaderLink } from '../support/browser.js';
import { simpleEvents } from '../support/every-category.js';
import { TestRelay } from '../support/test-relay.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 19, the endings of participation the desk decides, in Japanese and through the pages only (the fixtures —
 * participants, their enrolled PCs and portal users — are made before; the end-of-use job is run for "tomorrow"):
 * a revocation without notice (art. 7), a succession with its documents (art. 4), and an end date (art. 9) that
 * passes. Each is checked where a person would notice it: the participant's portal, its PCs, the notice, the
 * deletion calendar.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let relay: TestRelay;
const RETENTION_DAYS = 40;

interface Fixture {
  name: string;
  contact: string;
  login: string;
  participantId: string;
  password: string;
  pc: Enrollment | null;
}
const fixture = (name: string, contact: string, login: string): Fixture => ({
  name,
  contact,
  login,
  participantId: '',
  password: '',
  pc: null,
});
const kinkyu = fixture('株式会社きんきゅう', 'soumu@kinkyu.example.jp', 'kinkyu-user');
const mae = fixture('株式会社まえだ', 'soumu@maeda.example.jp', 'maeda-user');
const ato = fixture('株式会社あとやま', 'soumu@atoyama.example.jp', 'atoyama-user');
const owari = fixture('株式会社おわり', 'soumu@owari.example.jp', 'owari-user');
const saikai = fixture('株式会社さいかい', 'soumu@saikai.example.jp', 'saikai-user');
const REINSTATED_BECAUSE = '本人確認が取れたため';

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('dashboard-participation-end', {
    YOROZU_DATA_RETENTION_DAYS: String(RETENTION_DAYS),
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
  });
  const operator = await operatorClient(yorozu.url);
  for (const [f, pc] of [
    [kinkyu, 'KINKYU-PC-01'],
    [mae, 'MAEDA-KEIRI-01'],
    [ato, null],
    [owari, null],
    [saikai, null],
  ] as const) {
    f.participantId = await yorozu.participants.applications.registerDirectly(
      { organisation: f.name, contactEmail: f.contact, address: '東京都港区1-2-3', contactName: '総務' },
      'test',
    );
    if (pc) {
      const { token } = await yorozu.devices.createEnrollmentSecret(f.participantId, 'test', 'test');
      f.pc = await enroll(yorozu.url, token, pc);
    }
    f.password = (await participantUserClient(yorozu.url, operator, f.participantId, f.login)).password;
  }
  // A second user of さいかい, suspended and reinstated by the desk: its status reason is what the portal shows.
  const second = await participantUserClient(yorozu.url, operator, saikai.participantId, 'saikai-keiri');
  for (const [action, body] of [
    ['suspend', { reason: '不審なサインインが続いたため', urgent: true }],
    ['reinstate', { reason: REINSTATED_BECAUSE }],
  ] as const) {
    const answer = await operator.call('POST', `/api/v1/admin/accounts/${second.accountId}/${action}`, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
  await relay?.stop();
});

async function signedIn(loginName: string, password: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInThroughForm(page, yorozu.url, loginName, password);
  return { page, errors };
}

/** The operator's page of a participant, after the access purpose asked once per session (art. 15). */
async function operatorOn(participantId: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await signedIn(TEST_OPERATOR.loginName, TEST_OPERATOR.password);
  await opened.page.goto(`${yorozu.url}/participants/${participantId}/admin`);
  await opened.page.locator('[data-test=purpose-dialog] button[type=submit]').click();
  await opened.page.locator('[data-test=participant-status]').waitFor();
  return opened;
}

/** A sign-in through the form that the server refuses: the message shown. */
async function refusedSignIn(loginName: string, password: string): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${yorozu.url}/login`);
  await page.locator('input[name=loginName]').fill(loginName);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  const said = await page.locator('[data-test=login-error]').innerText();
  await context.close();
  return said;
}

const status = (page: Page, selector: string) => page.locator(selector).getAttribute('data-status');

describe('revocation without notice (art. 7)', () => {
  it('the desk gives the reason and confirms; the participant is signed out, its PC refused and told to uninstall, and the notice reaches it', async () => {
    const portal = await signedIn(kinkyu.login, kinkyu.password, 390);
    const { page, errors } = await operatorOn(kinkyu.participantId);
    const form = page.locator('[data-test=revocation-form]');
    await form.locator('[data-test=revocation-reason] option[value=emergency]').waitFor({ state: 'attached' });
    await form.locator('[data-test=revocation-reason]').selectOption('emergency');
    await form.locator('[data-test=revocation-now]').check();
    await form
      .locator('[data-test=revocation-note]')
      .fill('マルウェア拡散の踏み台になっているため、直ちに停止します。');
    await form.locator('[data-test=revocation-review-button]').click();

    // The confirmation: at once, why, what it does (1 PC, 1 account, the deletion date), which notice to whom.
    const review = page.locator('[data-test=revocation-review]');
    await review.waitFor();
    const deadline = addDays(jstDateOf(new Date()), RETENTION_DAYS);
    const said = await review.innerText();
    expect(said).toContain('直ちに参加資格を取り消します');
    expect(said).toContain('緊急');
    expect(said).toContain('エージェント 1 台');
    expect(said).toContain('アカウント 1 件');
    expect(said).toContain(deadline);
    const notice = await review.locator('[data-test=revocation-notice]').innerText();
    expect(notice).toContain('参加資格取消しのお知らせ');
    expect(notice).toContain(kinkyu.name);
    expect(notice).toContain(kinkyu.contact);
    // Nothing happened before the confirmation.
    expect(await status(page, '[data-test=participant-status]')).toBe('active');
    await page.locator('[data-test=revocation-confirm]').click();
    // The page reloads the participant, which no longer takes part and loses the form; the outcome, kept by the
    // page, stays after it, with when it was done in JST.
    await expect.poll(() => status(page, '[data-test=participant-status]')).toBe('revoked');
    await page.locator('[data-test=not-taking-part]').waitFor();
    expect(await page.locator('[data-test=revocation-form]').count()).toBe(0);
    const outcome = page.locator('[role=status] [data-test=lifecycle-outcome][data-kind=revocation]');
    expect(await outcome.isVisible()).toBe(true);
    expect(await outcome.innerText()).toContain('参加資格を取り消しました');
    // when, in JST (the day of a minute ago or now, should the test run across midnight)
    const when = /(\d{4})\/(\d{2})\/(\d{2}) \d{2}:\d{2}/.exec(await outcome.innerText());
    expect([jstDateOf(new Date(Date.now() - 60_000)), jstDateOf(new Date())]).toContain(when?.slice(1).join('-'));
    const sent = page.locator('[data-test=participant-notices] [data-test=notice][data-kind=participation_revoked]');
    await sent.waitFor();
    expect(await sent.innerText()).toContain('マルウェア拡散の踏み台');
    await page.locator('[data-test=history-entry][data-kind=revoke]').waitFor();
    // Its users are stopped, and the table says why in Japanese (not the server's record of it).
    const stopped = page.locator('[data-test=portal-user]', { hasText: kinkyu.login });
    const why = stopped.locator('[data-test=user-status-reason]');
    await why.waitFor();
    expect(await why.innerText()).toBe('参加資格の取消しにより停止しました（第7条）');
    await page.context().close();
    expect(errors).toEqual([]);

    // The participant's open session ends on its next request; signing in again is refused in Japanese.
    await portal.page.reload();
    await portal.page.locator('input[name=loginName]').waitFor();
    expect(await refusedSignIn(kinkyu.login, kinkyu.password)).toContain('利用停止中');
    await portal.page.context().close();
    expect(portal.errors).toEqual([]);

    // Its PC: told to uninstall, then refused.
    const agent = await AgentConnection.open(yorozu.url, kinkyu.pc!.credential);
    await agent.closed;
    expect(agent.received[0]).toMatchObject({ type: 'command', command: { kind: 'uninstall' } });
    expect(agent.received[1]).toMatchObject({ type: 'error', code: 'credential_revoked' });

    // Art. 21: the notice reaches the registered address by e-mail (the portal is closed to it now).
    await expect
      .poll(() =>
        relay.mails.find((m) => m.to.includes(kinkyu.contact) && m.subject.includes('参加資格取消しのお知らせ')),
      )
      .toBeTruthy();
  });
});

describe('succession (art. 4)', () => {
  it('the desk names the successor with the documents; the successor sees the PC, the documents and the notice; the predecessor is stopped', async () => {
    const { page, errors } = await operatorOn(mae.participantId);
    const form = page.locator('[data-test=succession-form]');
    await form.locator('select[name=kind]').selectOption('merger');
    await form.locator('input[name=effectiveOn]').fill('2026-12-01');
    await form.locator('input[name=successorId]').fill(ato.participantId);
    await form.locator('input[name=note]').fill('株式会社あとやまによる吸収合併');
    // Without the documents the desk is told what is missing, and nothing is recorded.
    await form.locator('button[type=submit]').click();
    expect(await page.locator('yorozu-succession-form [role=alert]').innerText()).toContain('承継を証する書類');
    await form.locator('input[name=documents]').setInputFiles({
      name: '登記事項証明書.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('登記事項証明書（写し）: 株式会社あとやまは株式会社まえだを吸収合併した。'),
    });
    await form.locator('button[type=submit]').click();
    const review = page.locator('[data-test=succession-review]');
    await review.waitFor();
    expect(await review.innerText()).toContain('承継者に移り');
    expect(await review.innerText()).toContain('地位承継の登録');
    expect(await review.innerText()).toContain(mae.contact);
    expect(await status(page, '[data-test=participant-status]')).toBe('active');
    await page.locator('[data-test=succession-confirm]').click();
    // As with revocation, the form goes when the page reloads the participant; the outcome stays until dismissed.
    await expect.poll(() => status(page, '[data-test=participant-status]')).toBe('succeeded');
    await page.locator('[data-test=not-taking-part]').waitFor();
    const outcome = page.locator('[data-test=lifecycle-outcome][data-kind=succession]');
    expect(await outcome.innerText()).toContain('承継を記録しました（端末 1 台を移しました）');
    expect(await outcome.locator('[data-test=successor-link]').getAttribute('href')).toBe(
      `/participants/${ato.participantId}/admin`,
    );
    await outcome.locator('[data-test=lifecycle-outcome-dismiss]').click();
    await expect.poll(() => page.locator('[data-test=lifecycle-outcome]').count()).toBe(0);
    await page.locator('[data-test=participant-notices] [data-test=notice][data-kind=succession_recorded]').waitFor();
    await page.context().close();
    expect(errors).toEqual([]);

    // The successor's user: the PC on its devices page, the documents and the notice on its own pages.
    const successor = await signedIn(ato.login, ato.password, 390);
    await successor.page.goto(`${yorozu.url}/participants/${ato.participantId}/devices`);
    await successor.page.locator(`[data-test=device-row][data-device-id="${mae.pc!.deviceId}"]`).waitFor();
    await successor.page.locator('[data-test=nav-registration]').click();
    const paper = successor.page.locator('[data-test=document]', { hasText: '登記事項証明書.txt' });
    await paper.waitFor();
    expect(await paper.innerText()).toMatch(/SHA-256 [0-9a-f]{64}/);
    await successor.page.locator('[data-test=nav-participant-notices]').click();
    // Once: its own copy, though it reads the predecessor's notices too (the predecessor was told as well).
    const told = successor.page.locator('[data-test=notice][data-kind=succession_recorded]');
    await told.first().waitFor();
    expect(await told.count()).toBe(1);
    expect(await told.innerText()).toContain(`${mae.name} の参加者としての地位を ${ato.name} が承継`);
    expect(Number(await successor.page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await successor.page.context().close();
    expect(successor.errors).toEqual([]);

    // The predecessor's people stop; its PC keeps working, now for the successor.
    expect(await refusedSignIn(mae.login, mae.password)).toContain('利用停止中');
    const agent = await AgentConnection.open(yorozu.url, mae.pc!.credential);
    expect(await agent.sendEvents('after-merger', simpleEvents(0, 2))).toMatchObject({ type: 'ack', accepted: 2 });
    agent.socket.close();
  });
});

describe('the end date (art. 9)', () => {
  it('the desk sets it, the participant sees it; when it passes, use ends and the deletion calendar shows the deadline', async () => {
    const today = jstDateOf(new Date());
    const { page, errors } = await operatorOn(owari.participantId);
    const form = page.locator('[data-test=end-date-form]');
    await form.locator('input[name=endDate]').fill(today);
    await form.locator('button[type=submit]').click();
    await page.locator('[data-test=lifecycle-outcome][data-kind=end_date]', { hasText: today }).waitFor();
    await expect.poll(() => page.locator('[data-test=end-date]').innerText()).toBe(`利用終了日: ${today}`);
    await page.locator('[data-test=history-entry][data-kind=set_end_date]').waitFor();
    await page.context().close();
    expect(errors).toEqual([]);

    const portal = await signedIn(owari.login, owari.password, 390);
    await portal.page.locator('[data-test=nav-registration]').click();
    await portal.page.locator('[data-test=registration-status]').waitFor();
    expect(await portal.page.locator('.facts').innerText()).toContain(`利用終了日: ${today}`);

    // The day after the end date (JST) the end-of-use job runs.
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await yorozu.jobs.runNow('end-of-use', tomorrow)).result).toEqual({ ended: 1 });
    await portal.page.reload();
    await portal.page.locator('input[name=loginName]').waitFor();
    await portal.page.context().close();
    expect(portal.errors).toEqual([]);

    const desk = await operatorOn(owari.participantId);
    await expect.poll(() => status(desk.page, '[data-test=participant-status]')).toBe('ended');
    const ended = desk.page.locator(
      '[data-test=participant-notices] [data-test=notice][data-kind=participation_ended]',
    );
    await ended.waitFor();
    expect(await ended.innerText()).toContain('サービス利用終了のお知らせ');
    const deadline = addDays(today, RETENTION_DAYS);
    expect(await ended.innerText()).toContain(deadline);
    await clickHeaderLink(desk.page, 'nav-deletions');
    const row = desk.page.locator(`[data-test=deletion-entry][data-participant="${owari.participantId}"]`);
    await row.waitFor();
    expect(await row.locator('[data-test=deletion-deadline]').innerText()).toBe(deadline);
    expect(await row.innerText()).toContain('利用終了');
    expect(await row.locator('[data-test=deletion-basis]').innerText()).toBe('既定');
    await desk.page.context().close();
    expect(desk.errors).toEqual([]);
  });
});

describe("the users' status reasons", () => {
  it("the portal's users list says why a user was reinstated in the reader's language, never the server's English", async () => {
    const { page, errors } = await signedIn(saikai.login, saikai.password, 390);
    await page.locator('[data-test=nav-registration]').click();
    const reason = page
      .locator('[data-test=user]', { hasText: 'saikai-keiri' })
      .locator('[data-test=user-status-reason]');
    await expect.poll(() => reason.innerText()).toBe(`再開の理由: ${REINSTATED_BECAUSE}`);
    await page.locator('[data-test=language-switch]').click();
    await expect.poll(() => reason.innerText()).toBe(`Reinstated because: ${REINSTATED_BECAUSE}`);
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
