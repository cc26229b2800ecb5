import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, participantUserClient, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * The desk in each language, as an operator reads it: the ticket list, a ticket with its history, the answer
 * templates and the SLA tab with its CSV. In English, no Japanese reaches the screen (every name and message of
 * the data here is ASCII, so any Japanese would be the server's or the catalogue's); in Japanese, none of the
 * server's English texts (the history's English sentences, the English catalogue) does.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let participantId: string;
let user: ApiClient & { password: string };
let operator: ApiClient;
let ticket: contract.TicketDetail;
const JAPANESE = /[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/;

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-desk-english');
  participantId = (await participantWithSecret(yorozu, 'Kensaku Trading Ltd.')).participantId;
  operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'kensaku-user');
  const question = new FormData();
  question.append('subject', 'Cannot open the portal');
  question.append('category', 'security_question');
  question.append('body', 'Since this morning the portal does not open.');
  ticket = (await user.upload<contract.TicketDetail>('POST', `/api/v1/participants/${participantId}/tickets`, question))
    .body;
  // A history: an answer that waits for the participant (a status change), an internal note.
  const admin = `/api/v1/admin/participants/${participantId}/tickets/${ticket.ticketId}`;
  const reply = new FormData();
  reply.append('body', 'Please clear the browser cache and try again.');
  reply.append('statusAfter', 'awaiting_participant');
  expect((await operator.upload('POST', `${admin}/replies`, reply)).status).toBe(201);
  const note = new FormData();
  note.append('body', 'Checked the proxy logs.');
  expect((await operator.upload('POST', `${admin}/notes`, note)).status).toBe(201);
  expect(
    (
      await operator.call('POST', '/api/v1/admin/reply-templates', {
        title: { ja: '受付のご連絡', en: 'Received' },
        body: { ja: 'お問い合わせ [{reference}] を承りました。', en: 'We received your question [{reference}].' },
      })
    ).status,
  ).toBe(201);
  ticket = (
    await operator.call<contract.TicketDetail>(
      'GET',
      `/api/v1/participants/${participantId}/tickets/${ticket.ticketId}`,
    )
  ).body;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

async function operatorPage(language: 'ja' | 'en'): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
  await page.goto(`${yorozu.url}/desk`);
  await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
  await page.locator('[data-test=desk-row]').first().waitFor();
  if (language === 'en') {
    await page.locator('[data-test=language-switch]').click();
    await page.locator('header', { hasText: 'Desk' }).first().waitFor();
  }
  return { page, errors };
}

/**
 * Everything the page shows, through its shadow roots (innerText stops at them): the accessibility tree's text,
 * without the seeded operator's display name (data, 「管理者 (Administrator)」, not the UI's text).
 */
const mainText = async (page: Page) => (await page.locator('main').ariaSnapshot()).replaceAll('管理者', '');

describe('the desk in English shows no Japanese, and in Japanese none of the English texts', () => {
  it('English: the ticket list, the ticket with its history and templates, the SLA tab and its CSV', async () => {
    const { page, errors } = await operatorPage('en');
    await expect.poll(() => page.locator('[data-test=desk-row]').count()).toBe(1);
    expect(await mainText(page)).not.toMatch(JAPANESE);

    await page.goto(`${yorozu.url}/participants/${participantId}/tickets/${ticket.ticketId}`);
    await page.locator('[data-test=ticket-history] summary').click();
    const history = page.locator('[data-test=ticket-history] tbody tr');
    await history.first().waitFor();
    await expect.poll(() => history.count()).toBe(ticket.history.length);
    const picker = page.locator('[data-test=reply-template]');
    await picker.waitFor();
    await picker.locator('option', { hasText: 'Received' }).waitFor({ state: 'attached' });
    const ticketText = await mainText(page);
    for (const entry of ticket.history) expect(ticketText).toContain(entry.text.en);
    const options = await picker.locator('option').allInnerTexts();
    expect(options.join('\n')).not.toMatch(JAPANESE);
    expect(
      ticketText,
      ticketText
        .split('\n')
        .filter((line) => JAPANESE.test(line))
        .join('\n'),
    ).not.toMatch(JAPANESE);

    await page.goto(`${yorozu.url}/desk?tab=sla`);
    await page.locator('[data-test=desk-sla-csv-tickets]').waitFor();
    const slaText = await mainText(page);
    expect(
      slaText,
      slaText
        .split('\n')
        .filter((line) => JAPANESE.test(line))
        .join('\n'),
    ).not.toMatch(JAPANESE);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test=desk-sla-csv-tickets]').click(),
    ]);
    const rows = parse(readFileSync((await download.path())!, 'utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((row) => row.reference)).toEqual([ticket.reference]);
    expect(Object.keys(rows[0]!).join(',')).not.toMatch(JAPANESE);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('Japanese: the same pages carry the Japanese history and none of the English sentences', async () => {
    const { page, errors } = await operatorPage('ja');
    await page.goto(`${yorozu.url}/participants/${participantId}/tickets/${ticket.ticketId}`);
    await page.locator('[data-test=ticket-history] summary').click();
    const history = page.locator('[data-test=ticket-history] tbody tr');
    await history.first().waitFor();
    await expect.poll(() => history.count()).toBe(ticket.history.length);
    await page.locator('[data-test=reply-template] option', { hasText: 'Received' }).waitFor({ state: 'attached' });
    const ticketText = await mainText(page);
    for (const entry of ticket.history) {
      expect(ticketText).toContain(entry.text.ja);
      expect(ticketText).not.toContain(entry.text.en);
    }
    // The English ticket offers the English template (its language is the ticket's), labelled in Japanese.
    expect(await page.locator('[data-test=reply-template-language]').innerText()).toContain('英語');

    await page.goto(`${yorozu.url}/desk?tab=sla`);
    await page.locator('[data-test=desk-sla-csv-tickets]').waitFor();
    const slaText = await mainText(page);
    for (const english of ['First response', 'Resolution', 'Download', 'Participant', 'Breached'])
      expect(slaText).not.toContain(english);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test=desk-sla-csv-tickets]').click(),
    ]);
    const rows = parse(readFileSync((await download.path())!, 'utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((row) => row['受付番号'])).toEqual([ticket.reference]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
