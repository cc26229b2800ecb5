import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, jstDateOf } from '../../common/jst-time.js';
import { callApi, operatorClient } from '../../harness/api-client.js';
import { TERMS_IN_FORCE } from '../../participants/terms.js';
import { collectPageErrors, launchBrowser, openAsOperator } from '../support/browser.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The operators' header groups its links in four disclosure menus (調査 / 相談 / 参加者 / 運用), so that it is one row
 * at 1280 px; every page the flat header linked to is still reached through them, the current page marked.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let participantId = '';

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-header');
  const operator = await operatorClient(yorozu.url);
  const today = jstDateOf(new Date());
  await operator.call('PUT', '/api/v1/admin/trial', { startsOn: addDays(today, -30), endsOn: addDays(today, 60) });
  const applied = await callApi<{ applicationId: string }>(yorozu.url, 'POST', '/api/v1/applications', {
    organisation: '株式会社ヘッダー',
    representative: '代表取締役 見出太郎',
    address: '東京都千代田区丸の内1-1-1',
    phone: '03-1234-5678',
    contactName: '見出花子',
    contactEmail: 'header@header.example.jp',
    termsVersion: TERMS_IN_FORCE.version,
    agreeToTerms: true,
  });
  participantId = applied.body.applicationId;
  await operator.call('POST', `/api/v1/admin/participants/${participantId}/approve`, {});
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

/**
 * Every page the operators' header linked to before it was grouped: its data-nav name and its address. The
 * participant's pages first: the header holds them while one of them is open.
 */
function oldHeaderRoutes(): [name: string, path: string][] {
  const own = `/participants/${participantId}`;
  return [
    ['devices', `${own}/devices`],
    ['explorer', `${own}/explorer`],
    ['inventory', `${own}/inventory`],
    ['report', `${own}/report`],
    ['tickets', `${own}/tickets`],
    ['participant-notices', `${own}/notices`],
    ['participant-surveys', `${own}/surveys`],
    ['access-log', `${own}/access-log`],
    ['participant-admin', `${own}/admin`],
    ['fleet', '/fleet'],
    ['applications', '/applications'],
    ['desk', '/desk'],
    ['notices', '/notices'],
    ['surveys', '/surveys'],
    ['maintenance', '/maintenance'],
    ['cross-search', '/investigation'],
    ['policies', '/policies'],
    ['detection-rules', '/detection-rules'],
    ['lists', '/lists'],
    ['deletions', '/deletions'],
    ['operator-accounts', '/settings/operators'],
  ];
}

async function heightOf(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not shown');
  return box.height;
}

const openGroups = (page: Page) => page.locator('header details[open]');

describe("the operators' header", () => {
  it('is one row at 1280 px, and every page of the flat header is reached through its groups, the current one marked', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    // A participant's page: the header then also holds that participant's pages, its longest form.
    await openAsOperator(page, yorozu.url, `/participants/${participantId}/devices`);
    const groups = page.locator('header details');
    await expect.poll(() => groups.count()).toBe(4);
    expect(await page.locator('header summary').allInnerTexts()).toEqual(['調査', '相談', '参加者', '運用']);
    // One row: the header is less than two of its links high (a second row would double it).
    const header = page.locator('header');
    const link = page.locator('header summary').first();
    expect(await heightOf(header)).toBeLessThan(2 * (await heightOf(link)));
    // Closed, no link of a group is shown.
    expect(await page.locator('header [data-nav=desk]').isVisible()).toBe(false);

    for (const [name, path] of oldHeaderRoutes()) {
      const group = page.locator('header details', { has: page.locator(`a[data-nav=${name}]`) });
      const target = group.locator(`a[data-nav=${name}]`);
      await group.locator('summary').click();
      await target.click();
      await expect.poll(() => new URL(page.url()).pathname, { message: name }).toBe(path);
      // The page's link is marked, its group too, and the menu closed as the page opened.
      await expect.poll(() => target.getAttribute('aria-current'), { message: name }).toBe('page');
      expect(await group.getAttribute('data-current')).toBe('true');
      expect(await openGroups(page).count()).toBe(0);
      expect(await page.locator('header [aria-current=page]').count()).toBe(1);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('at 390 px each group opens from the keyboard within the screen, and Escape closes it', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    const errors = collectPageErrors(page);
    await openAsOperator(page, yorozu.url, `/participants/${participantId}/devices`);
    const summaries = page.locator('header summary');
    await expect.poll(() => summaries.count()).toBe(4);
    for (let index = 0; index < 4; index++) {
      const summary = summaries.nth(index);
      await summary.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => openGroups(page).count()).toBe(1);
      const first = page.locator('header details[open] a').first();
      expect(await first.isVisible()).toBe(true);
      expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      await expect.poll(() => openGroups(page).count()).toBe(0);
    }
    // From the keyboard to a page: open 相談, Tab to 窓口, Enter.
    await summaries.nth(1).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/desk');
    expect(errors).toEqual([]);
    await page.close();
  });
});
