import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulator, type SimulatorResult } from '../../agent/simulator/index.js';
import { collectPageErrors, launchBrowser, openAsOperator } from '../support/browser.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/** Issue 22 in headless Chromium: field statistics, aggregates and the week's timeline as an operator uses them. */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let page: Page;
let errors: string[];
let office: { participantId: string; secret: string };
let week: SimulatorResult;

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-investigation');
  office = await participantWithSecret(yorozu, '株式会社しらべ');
  week = await runSimulator({
    serverUrl: yorozu.url,
    participants: [{ ...office, name: '株式会社しらべ' }],
    seed: 2213,
    mode: 'backfill',
    days: 7,
    devicesPerParticipant: 3,
    scale: 0.3,
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = collectPageErrors(page);
  await openAsOperator(page, yorozu.url, `/participants/${office.participantId}/explorer?q=&range=7d`);
  await page.locator('[data-test=query-input]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

const explorerUrl = (query: string) =>
  `${yorozu.url}/participants/${office.participantId}/explorer?q=${encodeURIComponent(query)}&range=7d`;

async function shownTotal(): Promise<number> {
  const total = page.locator('[data-test=histogram-total]');
  await total.waitFor();
  return Number((await total.innerText()).replace(/[^0-9]/g, ''));
}

describe('the explorer', () => {
  it('field statistics: a click on a value filters the search on it', async () => {
    await page.goto(explorerUrl('category:web_access'));
    const row = page.locator('[data-test=field-stats-row]').first();
    await row.waitFor();
    const user = (await row.getAttribute('data-key'))!;
    const count = Number(await row.locator('[data-test=aggregate-value]').getAttribute('data-value'));
    await row.locator('[data-test=field-stats-value]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(`category:web_access AND user:"${user}"`);
    await expect.poll(shownTotal).toBe(count);
    const [engine] = await queryRows<{ n: string }>(
      yorozu,
      `SELECT count() AS n FROM events FINAL WHERE participant_id = {p:UUID} AND category = 'web_access'
         AND user_name = {u:String} AND time >= now() - INTERVAL 7 DAY`,
      { p: office.participantId, u: user },
    );
    expect(count).toBe(Number(engine!.n));
  });

  it("the sum of bytes by user for category:external_device is the engine's own sum", async () => {
    await page.goto(explorerUrl('category:external_device'));
    await page.locator('[data-test=insights-aggregate]').click();
    await page.locator('[data-test=aggregate-fn]').selectOption('sum');
    await page.locator('[data-test=aggregate-of]').selectOption('bytes');
    await page.locator('[data-test=aggregate-by]').selectOption('user_name');
    await page.locator('[data-test=aggregate-run]').click();
    const engine = await queryRows<{ user_name: string; total: string }>(
      yorozu,
      `SELECT user_name, sum(bytes) AS total FROM events FINAL
       WHERE participant_id = {p:UUID} AND category = 'external_device' AND time >= now() - INTERVAL 7 DAY
       GROUP BY user_name`,
      { p: office.participantId },
    );
    expect(engine.length).toBeGreaterThan(0);
    const shown = async () =>
      Object.fromEntries(
        await page
          .locator('[data-test=aggregate-row]')
          .evaluateAll((rows) =>
            rows.map((row) => [
              row.getAttribute('data-key'),
              Number(row.querySelector('[data-test=aggregate-value]')!.getAttribute('data-value')),
            ]),
          ),
      );
    await expect.poll(shown).toEqual(Object.fromEntries(engine.map((row) => [row.user_name, Number(row.total)])));
    const csv = await page.locator('[data-test=aggregate-csv]').getAttribute('href');
    expect(csv).toContain('/events/aggregate.csv?');
    expect(errors).toEqual([]);
  });
});

describe("a device's week", () => {
  it('the 7-day timeline shows the newest events first', async () => {
    const device = week.devices[0]!;
    const [engine] = await queryRows<{ newest: string }>(
      yorozu,
      'SELECT max(time) AS newest FROM events FINAL WHERE participant_id = {p:UUID} AND device_id = {d:UUID}',
      { p: office.participantId, d: device.deviceId },
    );
    await page.goto(`${yorozu.url}/participants/${office.participantId}/devices/${device.deviceId}?range=7d`);
    await page.locator('[data-test=timeline-density]').waitFor();
    const first = page.locator('[data-test=timeline-row]').first();
    await first.waitFor();
    expect(await first.getAttribute('data-time')).toBe(engine!.newest);
    expect(await page.locator('[data-test=timeline-range-7d]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-test=timeline-range-24h]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('range')).toBe('24h');
    expect(errors).toEqual([]);
  });
});
