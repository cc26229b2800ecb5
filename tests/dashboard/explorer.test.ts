import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import { runSimulator, type SimulatorResult } from '../../agent/simulator/index.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { TEST_OPERATOR } from '../../harness/api-client.js';
import { simpleEvents } from '../support/every-category.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import { exportLogRecords, sdkLogRecords } from '../support/otlp-exporters.js';
import { MAPPING_FIXTURES } from '../support/windows-event-fixtures.js';
import { RENDERINGS } from '../support/windows-event-renderings.js';

/** The log explorer in headless Chromium, as an operator investigating a simulated office uses it. */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let page: Page;
let errors: string[];
let office: { participantId: string; secret: string };
let week: SimulatorResult;

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-explorer');
  office = await participantWithSecret(yorozu, '株式会社ひかり電機');
  week = await runSimulator({
    serverUrl: yorozu.url,
    participants: [{ ...office, name: '株式会社ひかり電機' }],
    seed: 77,
    mode: 'backfill',
    days: 3,
    devicesPerParticipant: 3,
    scale: 0.3,
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

const explorerUrl = (query = '', range = '7d') =>
  `${yorozu.url}/participants/${office.participantId}/explorer?q=${encodeURIComponent(query)}&range=${range}`;

async function runQuery(text: string): Promise<void> {
  const input = page.locator('[data-test=query-input]');
  await input.fill(text);
  await input.press('Enter');
}

async function shownTotal(): Promise<number> {
  const total = page.locator('[data-test=histogram-total]');
  await total.waitFor();
  return Number((await total.innerText()).replace(/[^0-9]/g, ''));
}

async function countWhere(sql: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    yorozu,
    // sql-paste-ok: the condition is a fixed literal written in this test; values go as parameters
    `SELECT count() AS n FROM events FINAL WHERE participant_id = {p:UUID} AND time >= now() - INTERVAL 7 DAY AND ${sql}`,
    { p: office.participantId, ...params },
  );
  return Number(row!.n);
}

describe('the log explorer', () => {
  it('asks the operator for the access purpose once, then runs a query and shows the histogram and the rows', async () => {
    await page.goto(explorerUrl());
    await page.locator('[data-test=purpose-dialog]').waitFor();
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=query-input]').waitFor();
    await runQuery('category:printer_output');
    await page.locator('[data-test=histogram] canvas').first().waitFor();
    await page.locator('[data-test=result-row]').first().waitFor();
    await expect.poll(shownTotal).toBe(await countWhere("category = 'printer_output'"));
    expect(await page.locator('[data-test=result-row]').count()).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('q')).toBe('category:printer_output');
  });

  it('a bad query shows its error under the search box, naming where it is wrong', async () => {
    await runQuery('user:(tanaka');
    const error = page.locator('[data-test=query-error]');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/\S/);
    expect(await error.innerText()).toMatch(/括弧|parenthes|位置|position|\d/);
  });

  it('pivoting on a value narrows the result to it', async () => {
    await page.goto(explorerUrl('category:web_access'));
    await page.locator('[data-test=result-row]').first().waitFor();
    const before = await shownTotal();
    await page.locator('[data-test=result-row]').first().click();
    await page.locator('[data-test=event-detail]').waitFor();
    const pivot = page
      .locator(
        '[data-test=pivot-filter][data-field=domain], [data-test=pivot-filter][data-field=user_name], [data-test=pivot-filter][data-field=user]',
      )
      .first();
    await pivot.click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('q') ?? '')
      .toMatch(/category:web_access .*(domain|user)/);
    await expect.poll(shownTotal).toBeLessThan(before);
    expect(await shownTotal()).toBeGreaterThan(0);
  });

  it('context shows the neighbours of a hit on the same device', async () => {
    const usb = week.incidents.find((incident) => incident.kind === 'night_usb_copy') ?? week.incidents[0]!;
    await page.goto(explorerUrl(`device:${usb.hostname} AND category:external_device`));
    await page.locator('[data-test=result-row]').first().click();
    await page.locator('[data-test=show-context]').click();
    await page.locator('[data-test=context-hit]').waitFor();
    const devices = await page
      .locator('[data-test=context-row]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-device')));
    expect(devices.length).toBeGreaterThan(3);
    expect(new Set(devices)).toEqual(new Set([usb.deviceId]));
  });

  it('an event sent by an agent appears in the live tail', async () => {
    await page.goto(explorerUrl('message:"live-tail-probe"', '1h'));
    await page.locator('[data-test=live-tail]').click();
    // "Live" shows once the server's stream is open, and the stream reads only events received after that.
    await page.locator('[data-test=live-indicator]').waitFor();
    const agent = await enroll(yorozu.url, office.secret, 'TAIL-PC-99');
    const connection = await AgentConnection.open(yorozu.url, agent.credential);
    const [event] = simpleEvents(1, 1, Date.now());
    await connection.sendEvents('tail-probe', [{ ...event!, message: 'live-tail-probe ライブ' }]);
    connection.socket.close();
    await page.locator('[data-test=result-row]', { hasText: 'TAIL-PC-99' }).first().waitFor();
    await page.locator('[data-test=live-tail]').click();
  });

  it('a Windows event from an OpenTelemetry Collector reads like any other, with its channel, provider and event id', async () => {
    const pc = await enroll(yorozu.url, office.secret, 'PC-WINDOWS-OTEL');
    const fixture = {
      ...MAPPING_FIXTURES.find((f) => f.eventId === 4624)!,
      recordId: 424_242,
      time: new Date(Date.now() - 5 * 60_000).toISOString(),
    };
    expect(
      (
        await exportLogRecords(
          'protobuf',
          yorozu.url,
          pc.credential,
          sdkLogRecords([{ body: RENDERINGS.flatMap(fixture), time: fixture.time }]),
        )
      ).code,
    ).toBe(0);
    await page.goto(explorerUrl('attributes.windowsRecordId:424242', '1h'));
    await page.locator('[data-test=result-row]').first().click();
    const detail = page.locator('[data-test=event-detail]');
    await detail.waitFor();
    const text = await detail.innerText();
    for (const shown of [
      'Windows チャネル',
      'Security',
      'Windows プロバイダー',
      'Microsoft-Windows-Security-Auditing',
      'Windows イベント ID',
      '4624',
      'CORP\\tanaka',
      '192.168.10.23',
    ])
      expect(text).toContain(shown);

    // An event the mapping does not know is kept, and the device page counts it per event id.
    const unknown = {
      channel: 'System',
      provider: 'Service Control Manager',
      eventId: 7036,
      recordId: 77,
      time: new Date(Date.now() - 4 * 60_000).toISOString(),
      data: [
        ['param1', 'Windows Update'],
        ['param2', 'running'],
      ] as [string, string][],
    };
    expect(
      (
        await exportLogRecords(
          'json',
          yorozu.url,
          pc.credential,
          sdkLogRecords(
            [unknown, { ...unknown, recordId: 78 }].map((f) => ({ body: RENDERINGS.flatMap(f), time: f.time })),
          ),
        )
      ).code,
    ).toBe(0);
    await page.goto(`${yorozu.url}/participants/${office.participantId}/devices/${pc.deviceId}`);
    const row = page.locator('[data-test=windows-kept-row][data-event-id="7036"]');
    await row.waitFor();
    const cells = await row.innerText();
    expect(cells).toContain('Service Control Manager');
    expect(cells).toContain('対応表にない');
    expect(cells).toMatch(/\b2\b/);
  });

  it('ran without errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
