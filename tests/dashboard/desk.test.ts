import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { operatorClient, participantUserClient, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm, shownText, clickHeaderLink } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The desk in headless Chromium: a participant opens a ticket in the portal; an operator finds the
 * events in the log explorer and attaches them as evidence to the answer; the participant sees the rows
 * and "intact"; another participant's user cannot open the ticket or its evidence by typing the address.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let mine: { participantId: string };
let theirs: { participantId: string };
let user: ApiClient & { password: string };
let otherUser: ApiClient & { password: string };
const SERIALS = ['USB-SERIAL-7001', 'USB-SERIAL-7002', 'USB-SERIAL-7003'];

async function signedInPage(loginName: string, password: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInThroughForm(page, yorozu.url, loginName, password);
  return { page, errors };
}

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-desk');
  const office = await participantWithSecret(yorozu, '株式会社こはる');
  mine = { participantId: office.participantId };
  theirs = { participantId: (await participantWithSecret(yorozu, '株式会社ゆきの')).participantId };
  const device = await enroll(yorozu.url, office.secret, 'KOHARU-PC-01');
  // Three USB storage connections an hour ago: what the participant asks about.
  const at = (minutes: number) =>
    new Date(Date.now() - minutes * 60_000).toISOString().replace('T', ' ').replace('Z', '');
  await yorozu.database.client.insert({
    table: 'events',
    values: SERIALS.map((serial, index) => ({
      participant_id: office.participantId,
      device_id: device.deviceId,
      seq: index + 1,
      time: at(60 - index),
      received_at: at(60 - index),
      category: 'external_device',
      action: 'connect',
      user_name: 'koharu.taro',
      device_class: 'usb_storage',
      serial,
    })),
    format: 'JSONEachRow',
  });
  const operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, mine.participantId, 'koharu-user');
  otherUser = await participantUserClient(yorozu.url, operator, theirs.participantId, 'yukino-user');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

describe('the consultation desk in the browser', () => {
  let ticketId = '';
  let evidenceId = '';

  it('a participant opens a ticket in the portal and lands on it', async () => {
    const { page, errors } = await signedInPage('koharu-user', user.password);
    await page.locator('[data-test=nav-tickets]').click();
    await page.locator('[data-test=ticket-new]').click();
    await page.locator('[data-test=ticket-category]').selectOption('security_question');
    await page.locator('[data-test=ticket-subject]').fill('USB メモリの使用について');
    await page.locator('[data-test=ticket-body]').fill('さきほど誰かが USB メモリを挿したようです。確認できますか?');
    await page.locator('[data-test=ticket-submit]').click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    ticketId = /\/tickets\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    await expect.poll(() => page.locator('[data-test=ticket-status]').getAttribute('data-status')).toBe('new');
    expect(await page.locator('[data-test=ticket-reference]').innerText()).toMatch(/YZ-[0-9A-Z]{8}/);
    expect(await page.locator('[data-test=ticket-sla]').innerText()).toMatch(/\d{1,2}:\d{2}/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("an operator attaches the explorer's rows as evidence and answers with them", async () => {
    const { page, errors } = await signedInPage(TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.goto(
      `${yorozu.url}/participants/${mine.participantId}/explorer?q=${encodeURIComponent('device_class:usb_storage')}&range=24h`,
    );
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=histogram-total]').waitFor();
    await expect
      .poll(async () => Number((await page.locator('[data-test=histogram-total]').innerText()).replace(/[^0-9]/g, '')))
      .toBe(3);
    await page.locator('[data-test=attach-evidence]').click();
    await page.locator('[data-test=evidence-dialog]').waitFor();
    await page.locator('[data-test=evidence-ticket]').selectOption(ticketId);
    // The row that answers the question: the second stick.
    await page.locator('[data-test=evidence-mark-query]').fill(`serial:"${SERIALS[1]}"`);
    await page.locator('[data-test=evidence-confirm]').click();
    expect(await page.locator('[data-test=evidence-marked-count]').innerText()).toBe('1');
    await page.locator('[data-test=evidence-open-ticket]').click();
    await page.waitForURL(new RegExp(`/tickets/${ticketId}$`));
    const pending = page.locator('[data-test=reply-evidence]');
    await pending.first().waitFor();
    evidenceId = (await pending.first().getAttribute('value'))!;
    await pending.first().check();
    await page
      .locator('[data-test=reply-body]')
      .fill('1 時間前に KOHARU-PC-01 で 3 回、USB メモリが接続されています。');
    await page.locator('[data-test=reply-status-after]').selectOption('awaiting_participant');
    await page.locator('[data-test=reply-submit]').click();
    await page.locator('[data-test=ticket-message][data-kind=operator_reply]').waitFor();
    await expect
      .poll(() => page.locator('[data-test=ticket-status]').getAttribute('data-status'))
      .toBe('awaiting_participant');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the participant sees the evidence rows, "intact", and the re-run agrees', async () => {
    const { page, errors } = await signedInPage('koharu-user', user.password);
    await page.goto(`${yorozu.url}/participants/${mine.participantId}/tickets/${ticketId}`);
    const block = page.locator(`[data-test=evidence][data-evidence-id="${evidenceId}"]`);
    await block.waitFor();
    await expect
      .poll(() => block.locator('[data-test=evidence-integrity]').getAttribute('data-integrity'))
      .toBe('intact');
    await expect.poll(() => block.locator('[data-test=evidence-row]').count()).toBe(3);
    const rowsText = await block.innerText();
    for (const serial of SERIALS) expect(rowsText).toContain(serial);
    // The relevant row is marked, for the eye and for a screen reader; the others are not.
    const marked = block.locator('[data-test=evidence-row][data-marked=true]');
    await expect.poll(() => marked.count()).toBe(1);
    expect(await marked.innerText()).toContain(SERIALS[1]);
    const background = (row: Locator) =>
      row
        .locator('td')
        .first()
        .evaluate((cell) => {
          const view = globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } };
          return view.getComputedStyle(cell).backgroundColor;
        });
    expect(await background(marked)).not.toBe(
      await background(block.locator('[data-test=evidence-row][data-marked=false]').first()),
    );
    const markedRow = await marked.ariaSnapshot();
    expect(markedRow).toContain('該当する行');
    expect(markedRow).toContain(SERIALS[1]);
    for (const row of await block.locator('[data-test=evidence-row][data-marked=false]').all())
      expect(await row.ariaSnapshot()).not.toContain('該当する行');
    expect(await block.locator('[data-test=evidence-marked-note]').innerText()).toContain(`serial:"${SERIALS[1]}"`);
    await block.locator('[data-test=evidence-rerun]').click();
    await block.locator('[data-test=evidence-rerun-result]').waitFor();
    expect(await block.locator('[data-test=evidence-rerun-result]').innerText()).toMatch(/一致|same|matches/i);
    expect(await page.locator('[data-test=ticket-disclaimer]').innerText()).toContain(
      'リスクそのものを取り除くものではありません',
    );
    expect(await shownText(page.locator('main'))).not.toContain('内部メモ');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("at 390 px the participant's evidence shows the device and the serial without a sideways scroll", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, 'koharu-user', user.password);
    await page.goto(`${yorozu.url}/participants/${mine.participantId}/tickets/${ticketId}`);
    const block = page.locator(`[data-test=evidence][data-evidence-id="${evidenceId}"]`);
    const cards = block.locator('[data-test=evidence-card]');
    await expect.poll(() => cards.count()).toBe(3);
    for (const [index, serial] of [...SERIALS].reverse().entries()) {
      const card = cards.nth(index);
      for (const [column, text] of [
        ['hostname', 'KOHARU-PC-01'],
        ['serial', serial],
      ] as const) {
        const cell = card.locator(`dd[data-column=${column}]`);
        expect(await cell.innerText()).toBe(text);
        const box = (await cell.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
      // The category by its name, not its code.
      expect(await card.locator('dd[data-column=category]').innerText()).not.toBe('external_device');
      expect(await card.innerText()).not.toContain('{}');
      // The relevant card carries a visible mark; the others none.
      const isMarked = serial === SERIALS[1];
      expect(await card.getAttribute('data-marked')).toBe(String(isMarked));
      expect(await card.locator('[data-test=evidence-mark]').count()).toBe(isMarked ? 1 : 0);
      if (isMarked) {
        const badge = card.locator('[data-test=evidence-mark]');
        expect(await badge.isVisible()).toBe(true);
        expect(await card.ariaSnapshot()).toContain('該当する行');
        const box = (await badge.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
    }
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when someone changes the stored snapshot, the participant sees "altered"', async () => {
    await yorozu.database.client.command({
      query:
        'ALTER TABLE ticket_evidence UPDATE rows_json = replaceAll(rows_json, {from:String}, {to:String}) WHERE evidence_id = {id:UUID}',
      query_params: { from: SERIALS[0]!, to: 'USB-SERIAL-0000', id: evidenceId },
      clickhouse_settings: { mutations_sync: '2' },
    });
    const { page } = await signedInPage('koharu-user', user.password);
    await page.goto(`${yorozu.url}/participants/${mine.participantId}/tickets/${ticketId}`);
    const block = page.locator(`[data-test=evidence][data-evidence-id="${evidenceId}"]`);
    await block.waitFor();
    await expect
      .poll(() => block.locator('[data-test=evidence-integrity]').getAttribute('data-integrity'))
      .toBe('altered');
    await page.context().close();
  });

  it('when someone removes the mark from the stored evidence, the participant sees "altered" too', async () => {
    // Put the rows back as they were, so that only the marks differ from what was hashed.
    await yorozu.database.client.command({
      query:
        'ALTER TABLE ticket_evidence UPDATE rows_json = replaceAll(rows_json, {from:String}, {to:String}) WHERE evidence_id = {id:UUID}',
      query_params: { from: 'USB-SERIAL-0000', to: SERIALS[0]!, id: evidenceId },
      clickhouse_settings: { mutations_sync: '2' },
    });
    const { page } = await signedInPage('koharu-user', user.password);
    await page.goto(`${yorozu.url}/participants/${mine.participantId}/tickets/${ticketId}`);
    const block = page.locator(`[data-test=evidence][data-evidence-id="${evidenceId}"]`);
    await expect
      .poll(() => block.locator('[data-test=evidence-integrity]').getAttribute('data-integrity'))
      .toBe('intact');
    await yorozu.database.client.command({
      query: 'ALTER TABLE ticket_evidence UPDATE marked_rows = [] WHERE evidence_id = {id:UUID}',
      query_params: { id: evidenceId },
      clickhouse_settings: { mutations_sync: '2' },
    });
    await page.reload();
    await expect
      .poll(() => block.locator('[data-test=evidence-integrity]').getAttribute('data-integrity'))
      .toBe('altered');
    expect(await block.locator('[data-test=evidence-row][data-marked=true]').count()).toBe(0);
    await page.context().close();
  });

  it("another participant's user cannot open the ticket or its evidence by URL", async () => {
    const { page } = await signedInPage('yukino-user', otherUser.password);
    for (const path of [
      `/participants/${mine.participantId}/tickets/${ticketId}`,
      `/participants/${theirs.participantId}/tickets/${ticketId}`,
    ]) {
      await page.goto(`${yorozu.url}${path}`);
      await page.locator('[data-test=ticket-page-error]').waitFor();
      const text = await shownText(page.locator('main'));
      expect(text).not.toContain('USB メモリの使用について');
      for (const serial of SERIALS) expect(text).not.toContain(serial);
    }
    const evidence = await page.evaluate(
      async (url) => (await fetch(url)).status,
      `${yorozu.url}/api/v1/participants/${mine.participantId}/tickets/${ticketId}/evidence/${evidenceId}`,
    );
    expect(evidence).toBe(403);
    const viaOwn = await page.evaluate(
      async (url) => (await fetch(url)).status,
      `${yorozu.url}/api/v1/participants/${theirs.participantId}/tickets/${ticketId}/evidence/${evidenceId}`,
    );
    expect(viaOwn).toBe(404);
    await page.context().close();
  });
});

describe('the desk page', () => {
  it('an operator sees a breached phone ticket in the queue and the SLA tab, and puts a held mail on a ticket', async () => {
    const operator = await operatorClient(yorozu.url);
    const logged = await operator.call<{ ticketId: string; reference: string }>(
      'POST',
      `/api/v1/admin/participants/${mine.participantId}/tickets`,
      {
        subject: '先月の電話',
        category: 'service_usage',
        caller: '総務',
        calledAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
        durationMinutes: 5,
        summary: '折り返しが必要',
      },
    );
    expect(logged.status).toBe(201);
    // A mail from an unknown sender, through the desk's own reception (the SMTP path is tests/desk/desk-mail.test.ts).
    const raw = Buffer.from(
      'From: stranger@elsewhere.example\r\nTo: desk@yorozu.localhost\r\nSubject: Question from a stranger\r\nMessage-ID: <stranger-1@elsewhere.example>\r\n\r\nIs this the security desk?\r\n',
    );
    await yorozu.desk.inbound.receive({
      raw,
      envelopeFrom: 'stranger@elsewhere.example',
      envelopeTo: ['desk@yorozu.localhost'],
      remoteAddress: '127.0.0.1',
      receivedAt: new Date(),
    });

    const { page, errors } = await signedInPage(TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await clickHeaderLink(page, 'nav-desk');
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    const row = page.locator(`[data-test=desk-row][data-ticket-id="${logged.body.ticketId}"]`);
    await row.waitFor();
    // The SLA cell is a component with its own shadow root: the locator pierces it.
    expect(await row.locator('[data-test=desk-sla-resolution] [data-test=sla-state]').innerText()).toContain('超過');
    await page.locator('[data-test=desk-tab][data-tab=sla]').click();
    await page.locator(`[data-test=desk-sla-breach][data-ticket-id="${logged.body.ticketId}"]`).waitFor();

    await page.locator('[data-test=desk-tab][data-tab=held]').click();
    const held = page.locator('[data-test=held-mail]', { hasText: 'Question from a stranger' });
    await held.waitFor();
    expect(await held.getAttribute('data-status')).toBe('held');
    await held.locator('[data-test=held-participant]').selectOption(mine.participantId);
    await expect.poll(() => held.locator('[data-test=held-ticket] option').count()).toBeGreaterThan(1);
    await held.locator('[data-test=held-ticket]').selectOption(logged.body.ticketId);
    await held.locator('[data-test=held-assign]').click();
    await page.locator('[data-test=held-notice-ticket]').waitFor();
    const ticket = await operator.call<{ messages: { body: string }[] }>(
      'GET',
      `/api/v1/participants/${mine.participantId}/tickets/${logged.body.ticketId}`,
    );
    expect(ticket.body.messages.map((message) => message.body).join('\n')).toContain('Is this the security desk?');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
