import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { toClickHouseTime } from '../../common/clickhouse-time.js';
import { TEST_OPERATOR } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 22 in headless Chromium, in Japanese: the results ordered from a column header (click and keyboard,
 * aria-sort, kept in the address) against the engine's own ORDER BY, and the histogram split by user with the
 * engine's own counts per user, the rest as その他.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let page: Page;
let errors: string[];
let participantId: string;
/** Ten users, so the split shows eight and adds two up as "other"; user i has i + 1 events. */
const USERS = ['abe', 'endo', 'goto', 'ikeda', 'kato', 'mori', 'ono', 'sato', 'ueda', 'wada'];

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-explorer-sort');
  const office = await participantWithSecret(yorozu, '株式会社つばめ');
  participantId = office.participantId;
  const pcs = [
    await enroll(yorozu.url, office.secret, 'TSUBAME-PC-1'),
    await enroll(yorozu.url, office.secret, 'TSUBAME-PC-2'),
  ];
  const at = (minutes: number) => toClickHouseTime(Date.now() - minutes * 60_000);
  const values = USERS.flatMap((user, u) =>
    Array.from({ length: u + 1 }, (_, i) => ({
      participant_id: participantId,
      device_id: pcs[(u + i) % 2]!.deviceId,
      seq: u * 100 + i + 1,
      time: at(5 + ((u * 7 + i * 13) % 600)),
      received_at: at(1),
      category: 'file_operation',
      action: 'copy',
      user_name: user,
      file_path: `C:\\Users\\${user}\\report-${i}.xlsx`,
      // Few distinct sizes: many rows share a value.
      bytes: 1000 * ((u + i) % 3),
    })),
  );
  await yorozu.database.client.insert({ table: 'events', values, format: 'JSONEachRow' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = collectPageErrors(page);
  await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

/** The engine's order of user names for an ORDER BY written here (not taken from the code). */
async function engineUsers(orderBy: string): Promise<string[]> {
  const rows = await queryRows<{ user_name: string }>(
    yorozu,
    // sql-paste-ok: the order is a fixed literal written in this test; the participant is a parameter
    `SELECT user_name FROM events FINAL WHERE participant_id = {p:UUID} ORDER BY ${orderBy}, time DESC, device_id DESC, seq DESC`,
    { p: participantId },
  );
  return rows.map((row) => row.user_name);
}

/** The user cells of the rows drawn (the virtualizer draws those in the window), in order. */
async function shownUsers(): Promise<string[]> {
  await page.locator('yorozu-results-table').evaluate((table) => table.scrollIntoView());
  await page.locator('[data-test=result-row]').first().waitFor();
  return page.locator('[data-test=result-row] [data-column=user_name]').allInnerTexts();
}

const header = (column: string) => page.locator(`[data-test=column-header][data-column=${column}]`);

describe('ordering from the column headers', () => {
  it('orders by user from its header, turns round on a second click, and keeps the order in the address', async () => {
    await page.goto(`${yorozu.url}/participants/${participantId}/explorer?q=&range=24h`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=result-row]').first().waitFor();
    expect(await header('time').getAttribute('aria-sort')).toBe('descending');
    expect(await header('user_name').getAttribute('aria-sort')).toBe('none');

    await header('user_name').locator('button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('user_name:asc');
    await expect.poll(() => header('user_name').getAttribute('aria-sort')).toBe('ascending');
    const ascending = await engineUsers('user_name ASC');
    await expect
      .poll(async () => ascending.slice(0, (await shownUsers()).length).join())
      .toBe((await shownUsers()).join());
    expect((await shownUsers()).length).toBeGreaterThan(5);
    expect(await header('time').getAttribute('aria-sort')).toBe('none');
    expect(await page.locator('[data-test=results-count]').innerText()).toContain('ユーザーの昇順');
    expect(await page.locator('[data-test=sort-cost]').innerText()).toContain('すべて読む');

    await header('user_name').locator('button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('user_name:desc');
    const descending = await engineUsers('user_name DESC');
    await expect.poll(async () => (await shownUsers())[0]).toBe(descending[0]);
    expect(await shownUsers()).toEqual(descending.slice(0, (await shownUsers()).length));

    await page.reload();
    await expect.poll(() => header('user_name').getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('[data-test=sort-order]').inputValue()).toBe('user_name:desc');
    await expect.poll(async () => (await shownUsers())[0]).toBe(descending[0]);
  });

  it('the keyboard sorts too: Enter on the time header goes back to newest first, Space to oldest', async () => {
    await header('time').locator('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => header('time').getAttribute('aria-sort')).toBe('descending');
    expect(new URL(page.url()).searchParams.get('sort')).toBeNull();
    await header('time').locator('button').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('oldest');
    await expect.poll(() => header('time').getAttribute('aria-sort')).toBe('ascending');
  });
});

describe('the histogram split by a field', () => {
  it('split by user: the eight busiest users with the engine’s counts, the rest as その他, kept in the address', async () => {
    await page.locator('[data-test=histogram-split]').selectOption('user_name');
    await expect.poll(() => new URL(page.url()).searchParams.get('split')).toBe('user_name');
    const counts = await queryRows<{ user_name: string; n: string }>(
      yorozu,
      'SELECT user_name, count() AS n FROM events FINAL WHERE participant_id = {p:UUID} GROUP BY user_name ORDER BY n DESC, user_name',
      { p: participantId },
    );
    const expected = [
      ...counts.slice(0, 8).map((row) => `${row.user_name}: ${row.n}`),
      `その他: ${counts.slice(8).reduce((sum, row) => sum + Number(row.n), 0)}`,
    ];
    const series = page.locator('[data-test=histogram-series]');
    await expect.poll(async () => (await series.allTextContents()).map((text) => text.trim())).toEqual(expected);
    expect(await page.locator('[data-test=histogram]').getAttribute('aria-label')).toBe('件数の推移 (ユーザー名別)');

    await page.reload();
    await expect.poll(() => page.locator('[data-test=histogram-split]').inputValue()).toBe('user_name');
    await expect.poll(async () => (await series.allTextContents()).map((text) => text.trim())).toEqual(expected);
    expect(errors).toEqual([]);
  });
});
