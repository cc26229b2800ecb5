import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { operatorClient, participantUserClient, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The operator's attention queue in the browser: a night copy to USB becomes a finding at the top of the
 * home page; one click opens the explorer on exactly its events; they go to the participant's ticket as
 * evidence; the finding is sent to the participant, who reads it in plain Japanese in its report.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let participantId = '';
let user: ApiClient & { password: string };
const COPIES = 51;

/** The most recent 02:10 JST at least two hours ago, as epoch ms. */
function lastNight(): number {
  const now = Date.now();
  const jstDay = Math.floor((now + 9 * 3_600_000) / 86_400_000) * 86_400_000 - 9 * 3_600_000;
  const today = jstDay + (2 * 60 + 10) * 60_000;
  return today < now - 2 * 3_600_000 ? today : today - 86_400_000;
}
const ch = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

async function signedInPage(loginName: string, password: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInThroughForm(page, yorozu.url, loginName, password);
  return { page, errors };
}

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-attention');
  const office = await participantWithSecret(yorozu, '株式会社はなみずき');
  participantId = office.participantId;
  const device = await enroll(yorozu.url, office.secret, 'HANA-PC-01');
  const start = lastNight();
  const copy = (seq: number, at: number) => ({
    participant_id: participantId,
    device_id: device.deviceId,
    seq,
    time: ch(at),
    received_at: ch(at),
    category: 'file_operation',
    action: 'copy',
    user_name: 'hana.jiro',
    drive_type: 'removable',
    file_path: `\\\\fs\\営業\\顧客${seq}.xlsx`,
    target_path: `E:\\持出\\顧客${seq}.xlsx`,
  });
  await yorozu.database.client.insert({
    table: 'events',
    // 51 copies at night, and one ordinary copy in the afternoon before: not part of the finding.
    values: [
      ...Array.from({ length: COPIES }, (_, i) => copy(i + 1, start + i * 20_000)),
      copy(100, start - 12 * 3_600_000),
    ],
    format: 'JSONEachRow',
  });
  const operator = await operatorClient(yorozu.url);
  // The operator's previous visit, kept on the server: the finding detected after it is marked new.
  expect((await operator.call('POST', '/api/v1/admin/attention/visit')).status).toBe(200);
  await yorozu.detections.run.runFor(participantId, new Date());
  user = await participantUserClient(yorozu.url, operator, participantId, 'hana-user');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

describe('the attention queue', () => {
  let ticketId = '';

  it('the participant has a ticket open', async () => {
    const { page } = await signedInPage('hana-user', user.password);
    await page.locator('[data-test=nav-tickets]').click();
    await page.locator('[data-test=ticket-new]').click();
    await page.locator('[data-test=ticket-category]').selectOption('security_question');
    await page.locator('[data-test=ticket-subject]').fill('夜間のアクセスについて');
    await page.locator('[data-test=ticket-body]').fill('夜中に PC が動いていたようです。');
    await page.locator('[data-test=ticket-submit]').click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    ticketId = /\/tickets\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    await page.context().close();
  });

  it('the finding tops the home queue, opens the explorer on exactly its events, and goes to the ticket as evidence', async () => {
    const { page, errors } = await signedInPage(TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.goto(`${yorozu.url}/`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    const first = page.locator('[data-test=attention-item]').first();
    await first.waitFor();
    expect(await first.getAttribute('data-kind')).toBe('finding');
    await first.locator('[data-test=attention-new]').waitFor();
    // Opening the page recorded this visit on the server (not in the browser): the next one starts from it.
    await expect
      .poll(async () => (await queryRows(yorozu, 'SELECT count() AS n FROM attention_visits'))[0]?.['n'])
      .toBe('2');
    expect(await first.locator('[data-test=attention-title]').innerText()).toContain('夜間のUSBメモリへの大量コピー');
    expect(await first.locator('[data-test=attention-hosts]').innerText()).toContain('HANA-PC-01');

    await first.locator('[data-test=finding-explorer]').click();
    await page.waitForURL(/\/explorer\?q=finding/);
    await expect
      .poll(async () => Number((await page.locator('[data-test=histogram-total]').innerText()).replace(/[^0-9]/g, '')))
      .toBe(COPIES);

    await page.goBack();
    const item = page.locator('[data-test=attention-item]').first();
    await item.locator('[data-test=attach-evidence]').click();
    await item.locator('[data-test=evidence-dialog]').waitFor();
    await item.locator('[data-test=evidence-ticket]').selectOption(ticketId);
    await item.locator('[data-test=evidence-confirm]').click();
    await item.locator('[data-test=evidence-open-ticket]').click();
    await page.waitForURL(new RegExp(`/tickets/${ticketId}$`));
    const pending = page.locator('[data-test=reply-evidence]');
    await pending.first().waitFor();
    await pending.first().check();
    await page.locator('[data-test=reply-body]').fill('昨夜 HANA-PC-01 から USB メモリへ大量のコピーがありました。');
    await page.locator('[data-test=reply-submit]').click();
    await page.locator('[data-test=ticket-message][data-kind=operator_reply]').waitFor();

    await page.goto(`${yorozu.url}/`);
    const sent = page.locator('[data-test=attention-item]').first();
    await sent.locator('[data-test=triage-send]').click();
    await sent.locator('[data-test=triage-submit]').click();
    await expect.poll(() => sent.locator('[data-test=attention-state]').innerText()).toBe('参加者へ送付済み');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the participant sees the evidence in the ticket and the finding in its report, in plain Japanese', async () => {
    const { page, errors } = await signedInPage('hana-user', user.password);
    await page.goto(`${yorozu.url}/participants/${participantId}/tickets/${ticketId}`);
    await expect
      .poll(async () =>
        (await page.locator('[data-test=evidence-row-count]').first().innerText()).replace(/[^0-9]/g, ''),
      )
      .toBe(String(COPIES));
    await expect
      .poll(() => page.locator('[data-test=evidence-integrity]').first().getAttribute('data-integrity'))
      .toBe('intact');
    const sentToUs = await user.call<{ findings: { messageJa: string }[] }>(
      'GET',
      `/api/v1/participants/${participantId}/findings`,
    );
    expect(sentToUs.status, JSON.stringify(sentToUs.body)).toBe(200);
    await page.goto(`${yorozu.url}/participants/${participantId}/report`);
    const message = page.locator('[data-test=report-desk-finding-message]');
    await message.first().waitFor();
    expect(await message.first().innerText()).toMatch(
      /HANA-PC-01（hana\.jiro さん）で「夜間のUSBメモリへの大量コピー」にあたる操作が 51 件/,
    );
    expect(await page.locator('[data-test=report-desk-finding-title]').first().innerText()).toBe(
      '夜間のUSBメモリへの大量コピー',
    );
    await page.locator('[data-test=language-switch]').click();
    await expect
      .poll(() => page.locator('[data-test=report-desk-finding-title]').first().innerText())
      .toBe('Many files copied to removable media at night');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('in English, the queue titles each item in English: the desk rule by its English half, a failing policy by its English title', async () => {
    // The built-in pack on this PC that sends no health results: antivirus-running (critical) fails, among others.
    await yorozu.health.evaluation.evaluate(participantId, new Date(), 'test');
    const { page, errors } = await signedInPage(TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.goto(`${yorozu.url}/`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=attention-item][data-kind=policy]').first().waitFor();
    await page.locator('[data-test=language-switch]').click();
    const finding = page.locator('[data-test=attention-item][data-kind=finding]').first();
    await expect
      .poll(() => finding.locator('[data-test=attention-title]').innerText())
      .toBe('Many files copied to removable media at night');
    const titles = await page.locator('[data-test=attention-title]').allInnerTexts();
    expect(titles).toContain('Antivirus / EDR is running');
    for (const title of titles) expect(title).not.toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
