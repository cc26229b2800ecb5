import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, jstDateOf } from '../../common/jst-time.js';
import { operatorClient, participantUserClient, TEST_OPERATOR } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm, clickHeaderLink } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The deletion calendar in headless Chromium, at 1280 and 390 px: an operator sees a withdrawn
 * participant's default deadline, records a date agreed with it, runs the dry run and then the
 * deletion, and gets the certificate; on a phone the same page fits the screen.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let leaving: { participantId: string };
const agreedDate = addDays(jstDateOf(new Date()), 5);

async function operatorPage(width: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
  // Every operator page shows participants' data: the access purpose is asked once per session (terms art. 15).
  await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
  await page.locator('[data-test=purpose-dialog]').waitFor({ state: 'detached' });
  return { page, errors };
}

const row = (page: Page) => page.locator(`[data-test=deletion-entry][data-participant="${leaving.participantId}"]`);

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-deletions');
  leaving = await participantWithSecret(yorozu, '株式会社わかれ');
  await participantWithSecret(yorozu, '株式会社つづく');
  const operator = await operatorClient(yorozu.url);
  const user = await participantUserClient(yorozu.url, operator, leaving.participantId, 'wakare-user');
  expect(
    (await user.call('POST', `/api/v1/participants/${leaving.participantId}/withdrawal`, { reason: '' })).status,
  ).toBe(202);
  expect(
    (await operator.call('POST', `/api/v1/admin/participants/${leaving.participantId}/complete-withdrawal`, {})).status,
  ).toBe(200);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

describe('the deletion calendar', () => {
  it('shows the default deadline, in Japanese, and records an agreed date', async () => {
    const { page, errors } = await operatorPage(1280);
    await clickHeaderLink(page, 'nav-deletions');
    await page.waitForURL(/\/deletions$/);
    expect(await page.locator('h1').innerText()).toBe('削除カレンダー');
    await expect
      .poll(() => row(page).locator('[data-test=deletion-deadline]').innerText())
      .toBe(addDays(jstDateOf(new Date()), 30));
    expect(await row(page).locator('[data-test=deletion-basis]').innerText()).toBe('既定');
    expect(await row(page).locator('[data-test=deletion-step]').innerText()).toBe('未実施');

    await row(page).locator('[data-test=set-deadline]').click();
    await page.locator('[data-test=deadline-date]').fill(agreedDate);
    await page.locator('[data-test=deadline-agreed-with]').fill('総務部 田中様');
    await page.locator('[data-test=deadline-save]').click();
    await expect.poll(() => row(page).locator('[data-test=deletion-deadline]').innerText()).toBe(agreedDate);
    expect(await row(page).locator('[data-test=deletion-basis]').innerText()).toContain('合意: 総務部 田中様');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('runs the dry run, then the deletion, and offers the certificate', async () => {
    const { page, errors } = await operatorPage(1280);
    await page.goto(`${yorozu.url}/deletions`);
    await row(page).locator('[data-test=dry-run]').click();
    const tables = page.locator('[data-test=dry-run-tables] tbody tr');
    await expect.poll(() => tables.count()).toBeGreaterThan(20);
    expect(await page.locator('[data-test=deletion-run-dialog]').innerText()).toContain('まだ何も削除していません');
    await page.locator('[data-test=run-deletion]').click();
    await expect
      .poll(() => page.locator('[data-test=deletion-outcome]').getAttribute('data-outcome'), { timeout: 60_000 })
      .toBe('certified');
    await expect.poll(() => row(page).getAttribute('data-step')).toBe('certified');
    expect(await row(page).locator('[data-test=deletion-step]').innerText()).toBe('削除完了・証明書発行済み');
    const pdfHref = await row(page).locator('[data-test=certificate-pdf]').getAttribute('href');
    const pdf = await page.evaluate(async (href) => {
      const response = await fetch(href!);
      return { status: response.status, type: response.headers.get('content-type') };
    }, pdfHref);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf' });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('fits a 390 px phone: one card per participant, nothing wider than the screen', async () => {
    const { page, errors } = await operatorPage(390);
    await page.goto(`${yorozu.url}/deletions`);
    await row(page).waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    const box = await row(page).boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    expect(
      await row(page)
        .locator('td')
        .first()
        .evaluate(
          (cell) =>
            (globalThis as unknown as { getComputedStyle(element: unknown): { display: string } }).getComputedStyle(
              cell,
            ).display,
        ),
    ).toBe('grid');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
