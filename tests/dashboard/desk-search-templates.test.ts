import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, participantUserClient, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * The desk's search, answer templates, SLA CSV and long messages in headless Chromium, in Japanese, as an
 * operator does it (the participant's questions are set up through its API; every operator step is a click).
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let participantId: string;
let user: ApiClient & { password: string };
const tickets = {} as Record<'invoice' | 'english' | 'long', contract.TicketDetail>;
const LONG_BODY = Array.from({ length: 30 }, (_, i) => `${i + 1} 行目: 状況の説明が続きます。`).join('\n');

async function ask(subject: string, body: string) {
  const data = new FormData();
  data.append('subject', subject);
  data.append('category', 'security_question');
  data.append('body', body);
  const reply = await user.upload<contract.TicketDetail>('POST', `/api/v1/participants/${participantId}/tickets`, data);
  expect(reply.status).toBe(201);
  return reply.body;
}

async function operatorPage(width: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
  return { page, errors };
}

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-desk-search');
  participantId = (await participantWithSecret(yorozu, '株式会社けんさく')).participantId;
  const operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'kensaku-user');
  tickets.invoice = await ask('請求書の再発行について', '先月分の請求書をもう一度送ってください。');
  tickets.english = await ask('Cannot open the portal', 'Since this morning the portal does not open.');
  tickets.long = await ask('ログの確認依頼', LONG_BODY);
  // A later message on the long ticket: the long one is no longer the newest, so it is collapsed.
  const more = new FormData();
  more.append('body', '補足です。');
  expect(
    (await user.upload('POST', `/api/v1/participants/${participantId}/tickets/${tickets.long.ticketId}/messages`, more))
      .status,
  ).toBe(201);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

describe('the desk: search, templates, SLA CSV and long messages', () => {
  it('an operator adds a template in both languages and the English ticket offers the English text, filled in', async () => {
    const { page, errors } = await operatorPage(1280);
    await page.goto(`${yorozu.url}/desk?tab=templates`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=template-add]').click();
    const form = page.locator('[data-test=template-form]');
    await form.locator('[name=titleJa]').fill('受付のご連絡');
    await form.locator('[name=titleEn]').fill('Received');
    await form.locator('[name=bodyJa]').fill('お問い合わせ [{reference}] を承りました。');
    await form.locator('[name=bodyEn]').fill('We received your question [{reference}].');
    await page.locator('[data-test=template-save]').click();
    await page.locator('[data-test=template]').waitFor();
    expect(await page.locator('[data-test=template]').innerText()).toContain('受付のご連絡');

    await page.goto(`${yorozu.url}/participants/${participantId}/tickets/${tickets.english.ticketId}`);
    const picker = page.locator('[data-test=reply-template]');
    await picker.waitFor();
    expect(await picker.getAttribute('data-language')).toBe('en');
    expect(await page.locator('[data-test=reply-template-language]').innerText()).toContain('英語');
    await picker.selectOption({ label: 'Received' });
    await expect
      .poll(() => page.locator('[data-test=reply-body]').inputValue())
      .toBe(`We received your question [${tickets.english.reference}].`);

    await page.goto(`${yorozu.url}/participants/${participantId}/tickets/${tickets.invoice.ticketId}`);
    await page.locator('[data-test=reply-template]').selectOption({ label: '受付のご連絡' });
    await expect
      .poll(() => page.locator('[data-test=reply-body]').inputValue())
      .toBe(`お問い合わせ [${tickets.invoice.reference}] を承りました。`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the queue search finds a word inside a Japanese subject and a message body', async () => {
    const { page, errors } = await operatorPage(1280);
    await page.goto(`${yorozu.url}/desk`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await expect.poll(() => page.locator('[data-test=desk-row]').count()).toBe(3);
    await page.locator('[data-test=desk-search]').fill('再発行');
    await page.locator('[data-test=desk-search]').press('Enter');
    await expect.poll(() => page.locator('[data-test=desk-row]').count()).toBe(1);
    expect(await page.locator('[data-test=desk-row]').getAttribute('data-ticket-id')).toBe(tickets.invoice.ticketId);
    expect(page.url()).toContain(`q=${encodeURIComponent('再発行')}`);
    await page.locator('[data-test=desk-search]').fill('状況の説明');
    await page.locator('[data-test=desk-search-submit]').click();
    await expect
      .poll(() => page.locator('[data-test=desk-row]').first().getAttribute('data-ticket-id'))
      .toBe(tickets.long.ticketId);
    expect(await page.locator('[data-test=desk-row]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the SLA tab downloads the month as CSV with Japanese headers and every ticket of the month', async () => {
    const { page, errors } = await operatorPage(1280);
    await page.goto(`${yorozu.url}/desk?tab=sla`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test=desk-sla-csv-tickets]').click(),
    ]);
    const rows = parse(readFileSync((await download.path())!, 'utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((row) => row['受付番号']).sort()).toEqual(
      [tickets.invoice.reference, tickets.english.reference, tickets.long.reference].sort(),
    );
    expect(rows.every((row) => row['参加者'] === '株式会社けんさく')).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a long message is collapsed until opened, the newest shown whole; at 390 px the desk does not scroll sideways', async () => {
    const { page, errors } = await operatorPage(390);
    await page.goto(`${yorozu.url}/participants/${participantId}/tickets/${tickets.long.ticketId}`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    const long = page.locator('[data-test=ticket-message]').filter({ hasText: '1 行目' });
    const body = long.locator('[data-test=message-body]');
    await body.waitFor();
    expect(await body.getAttribute('data-collapsed')).toBe('true');
    const collapsedHeight = (await body.boundingBox())!.height;
    expect(await long.locator('[data-test=message-expand]').innerText()).toContain('全文を表示（30 行');
    await long.locator('[data-test=message-expand]').click();
    await expect.poll(() => body.getAttribute('data-collapsed')).toBe('false');
    expect((await body.boundingBox())!.height).toBeGreaterThan(collapsedHeight * 2);
    expect(
      await page
        .locator('[data-test=ticket-message]')
        .filter({ hasText: '補足です' })
        .locator('[data-test=message-expand]')
        .count(),
    ).toBe(0);

    await page.goto(`${yorozu.url}/desk`);
    await page.locator('[data-test=desk-search]').waitFor();
    await expect.poll(() => page.locator('[data-test=desk-row]').count()).toBe(3);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
