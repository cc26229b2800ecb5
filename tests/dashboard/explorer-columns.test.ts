import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { toClickHouseTime } from '../../common/clickhouse-time.js';
import { TEST_OPERATOR } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 22 in headless Chromium, in Japanese: the explorer's column chooser and its order by time, both kept in
 * the address, so a reload (or a shared link) shows the same view; the chosen columns fit at 390 px.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let page: Page;
let errors: string[];
let participantId: string;
/** Visited oldest first: the first one is the oldest event of the range, the last the newest. */
const DOMAINS = ['oldest.example.jp', 'middle.example.jp', 'newest.example.jp'];

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-explorer-columns');
  const office = await participantWithSecret(yorozu, '株式会社かもめ');
  participantId = office.participantId;
  const device = await enroll(yorozu.url, office.secret, 'KAMOME-PC-1');
  const at = (minutes: number) => toClickHouseTime(Date.now() - minutes * 60_000);
  await yorozu.database.client.insert({
    table: 'events',
    values: DOMAINS.map((domain, index) => ({
      participant_id: participantId,
      device_id: device.deviceId,
      seq: index + 1,
      time: at(90 - index * 30),
      received_at: at(5),
      category: 'web_access',
      user_name: 'suzuki',
      url: `https://${domain}/`,
      domain,
    })),
    format: 'JSONEachRow',
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = collectPageErrors(page);
  await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

const firstDomainCell = () => page.locator('[data-test=result-row] [data-column=domain]').first();

async function expectChosenView() {
  await expect.poll(() => firstDomainCell().innerText()).toBe(DOMAINS[0]);
  await expect.poll(() => page.locator('[data-test=column-header][data-column=domain]').innerText()).toBe('ドメイン');
  expect(await page.locator('[data-test=sort-order]').inputValue()).toBe('oldest');
  expect(await page.locator('[data-test=results-count]').innerText()).toContain('古い順');
}

describe('column chooser and order, kept in the address', () => {
  it('adds the domain column, sorts oldest first, and a reload shows the same view', async () => {
    await page.goto(`${yorozu.url}/participants/${participantId}/explorer?q=&range=24h`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=result-row]').first().waitFor();
    // The default: newest first, no domain column.
    expect(await page.locator('[data-test=result-row] [data-column=domain]').count()).toBe(0);
    expect(await page.locator('[data-test=results-count]').innerText()).toContain('新しい順');

    await page.locator('[data-test=column-chooser] summary').click();
    expect(await page.locator('[data-test=column-chooser] summary').innerText()).toBe('表示する列');
    await page.locator('[data-test=column-choice][data-column=domain]').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('cols')).toBe('hostname,category,user_name,domain');
    await expect.poll(() => firstDomainCell().innerText()).toBe(DOMAINS[2]);

    await page.locator('[data-test=sort-order]').selectOption('oldest');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('oldest');
    await expectChosenView();
    const rows = page.locator('[data-test=result-row] [data-column=domain]');
    expect(await rows.allInnerTexts()).toEqual(DOMAINS);

    await page.reload();
    await page.locator('[data-test=result-row]').first().waitFor();
    await expectChosenView();
    expect(await page.locator('[data-test=column-choice][data-column=domain]').isChecked()).toBe(true);
    expect(await rows.allInnerTexts()).toEqual(DOMAINS);

    // Taking the user column away keeps the rest of the view and the search.
    await page.locator('[data-test=column-chooser] summary').click();
    await page.locator('[data-test=column-choice][data-column=user_name]').uncheck();
    await expect.poll(() => new URL(page.url()).searchParams.get('cols')).toBe('hostname,category,domain');
    expect(await page.locator('[data-test=column-header][data-column=user_name]').count()).toBe(0);
    await expectChosenView();
  });

  it('at 390 px the chosen columns show without a horizontal scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // The virtualizer draws only the rows inside the window: bring the table into it (it sits below the tools).
    await page.locator('[data-test=results-count]').scrollIntoViewIfNeeded();
    await page.locator('yorozu-results-table').evaluate((table) => table.scrollIntoView());
    await expect.poll(() => firstDomainCell().isVisible()).toBe(true);
    expect(await firstDomainCell().innerText()).toBe(DOMAINS[0]);
    const box = await firstDomainCell().boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });
});
