import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { operatorClient, participantUserClient, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { TestRelay } from '../support/test-relay.js';
import { until } from '../support/until.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The desk reaches out (issue 19): an operator finds a night copy to a USB stick in the log explorer and,
 * from the "attach as evidence" dialog, opens a new ticket to that participant with the search as evidence;
 * the participant is mailed, and sees the ticket and the evidence's rows, intact, in its portal.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let relay: TestRelay;
let participantId: string;
let user: ApiClient & { password: string };
const FILES = ['顧客リスト.xlsx', '見積書_2026.pdf', '給与台帳.csv'];
const CONTACT = 'it@minato.example.jp';

async function signedInPage(loginName: string, password: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInThroughForm(page, yorozu.url, loginName, password);
  return { page, errors };
}

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('dashboard-outreach', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
  });
  participantId = await yorozu.participants.applications.registerDirectly(
    { organisation: '有限会社みなと製作所', contactEmail: CONTACT },
    'test',
  );
  const { token } = await yorozu.devices.createEnrollmentSecret(participantId, 'test', 'test');
  const device = await enroll(yorozu.url, token, 'MINATO-PC-07');
  // Three files copied to a USB stick two hours ago: what the desk tells the participant about.
  const at = (minutes: number) =>
    new Date(Date.now() - minutes * 60_000).toISOString().replace('T', ' ').replace('Z', '');
  await yorozu.database.client.insert({
    table: 'events',
    values: FILES.map((file, index) => ({
      participant_id: participantId,
      device_id: device.deviceId,
      seq: index + 1,
      time: at(120 - index),
      received_at: at(120 - index),
      category: 'file_operation',
      action: 'copy',
      user_name: 'minato.jiro',
      file_path: `C:\\Users\\minato.jiro\\Documents\\${file}`,
      target_path: `E:\\持ち出し\\${file}`,
      drive_type: 'removable',
    })),
    format: 'JSONEachRow',
  });
  const operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'minato-user');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
  await relay?.stop();
});

describe('the desk reaches out with evidence', () => {
  let ticketId = '';
  let reference = '';
  const subject = '夜間の USB メモリへのファイルコピーについて';

  it('an operator finds the copies in the explorer and sends a new ticket to the participant with them as evidence', async () => {
    const { page, errors } = await signedInPage(TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.goto(
      `${yorozu.url}/participants/${participantId}/explorer?q=${encodeURIComponent('action:copy AND drive_type:removable')}&range=24h`,
    );
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await expect.poll(() => page.locator('[data-test=result-row]').count()).toBe(3);
    expect((await page.locator('[data-test=result-row]').allInnerTexts()).join('\n')).toContain('顧客リスト.xlsx');
    await page.locator('[data-test=attach-evidence]').click();
    await page.locator('[data-test=evidence-dialog]').waitFor();
    // The participant has no ticket yet: the new ticket is the choice.
    await expect.poll(() => page.locator('[data-test=evidence-ticket]').inputValue()).toBe('new');
    await page.locator('[data-test=new-ticket-subject]').fill(subject);
    await page
      .locator('[data-test=new-ticket-body]')
      .fill('MINATO-PC-07 で 3 件のファイルが USB メモリにコピーされました。心当たりがあるかご確認ください。');
    await page.locator('[data-test=evidence-confirm]').click();
    await page.locator('[data-test=evidence-open-ticket]').click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    ticketId = /\/tickets\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    reference = await page.locator('[data-test=ticket-reference]').innerText();
    await expect
      .poll(() => page.locator('[data-test=ticket-status]').getAttribute('data-status'))
      .toBe('awaiting_participant');
    await page.locator('[data-test=ticket-message][data-kind=operator_reply]').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the participant is mailed the message with the evidence', async () => {
    const mail = await until('the outreach mail', () => relay.mails.find((m) => m.subject.includes(subject)));
    expect(mail.to).toContain(CONTACT);
    expect(mail.subject).toContain(reference.replace(/[^A-Z0-9-]/g, ''));
    expect(mail.text).toContain('3 件のファイルが USB メモリにコピーされました');
    expect(mail.text).toMatch(/[0-9a-f]{64}/);
  });

  it('the participant sees the ticket in its portal, and the evidence rows, intact', async () => {
    const { page, errors } = await signedInPage('minato-user', user.password);
    await page.locator('[data-test=nav-tickets]').click();
    await page.locator('[data-test=ticket-row]', { hasText: subject }).waitFor();
    await page.locator('[data-test=ticket-link]', { hasText: subject }).click();
    await page.waitForURL(new RegExp(`/tickets/${ticketId}$`));
    const block = page.locator('[data-test=evidence]');
    await block.first().waitFor();
    await expect
      .poll(() => block.first().locator('[data-test=evidence-integrity]').getAttribute('data-integrity'))
      .toBe('intact');
    await expect.poll(() => block.first().locator('[data-test=evidence-row]').count()).toBe(3);
    const text = await block.first().innerText();
    for (const file of FILES) expect(text).toContain(file);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
