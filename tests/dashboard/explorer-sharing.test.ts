import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { toClickHouseTime } from '../../common/clickhouse-time.js';
import { operatorClient, participantUserClient, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import type * as contract from '../../contract/index.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 22 in headless Chromium, in Japanese: saved searches shared between operators through the server, and the
 * search across participants (each participant searched recorded in its access log, the page says so first).
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let first: Page;
let second: Page;
let errors: string[];
const offices: { participantId: string; name: string; user: ApiClient & { password: string } }[] = [];
const BAD = 'invoice-verify-login.example';

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-explorer-sharing');
  const operator = await operatorClient(yorozu.url);
  for (const [index, name] of ['株式会社あさひ', '株式会社ゆうひ', '株式会社ほし'].entries()) {
    const { participantId, secret } = await participantWithSecret(yorozu, name);
    const device = await enroll(yorozu.url, secret, `SHARE-PC-${index}`);
    const user = await participantUserClient(yorozu.url, operator, participantId, `share-user-${index}`);
    offices.push({ participantId, name, user });
    const at = (minutes: number) => toClickHouseTime(Date.now() - minutes * 60_000);
    // The first two visited the bad domain; the third an ordinary site only.
    await yorozu.database.client.insert({
      table: 'events',
      values: [index < 2 ? BAD : 'www.example.jp', 'www.example.jp'].map((domain, seq) => ({
        participant_id: participantId,
        device_id: device.deviceId,
        seq: seq + 1,
        time: at(40 + seq),
        received_at: at(40),
        category: 'web_access',
        url: `https://${domain}/`,
        domain,
      })),
      format: 'JSONEachRow',
    });
  }
  const created = await operator.call('POST', '/api/v1/admin/accounts', {
    loginName: 'second-desk',
    displayName: '二人目の担当',
    password: 'quiet-harbour-lantern-77',
  });
  expect(created.status).toBe(201);
  browser = await launchBrowser();
  first = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  second = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  errors = [...collectPageErrors(first)];
  await signInThroughForm(first, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
  await signInThroughForm(second, yorozu.url, 'second-desk', 'quiet-harbour-lantern-77');
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

async function choosePurpose(page: Page) {
  await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
}

describe('saved searches shared between operators', () => {
  it('one operator saves a search shared; another sees it with its owner and purpose, opens it, and cannot delete it', async () => {
    const office = offices[0]!;
    await first.goto(
      `${yorozu.url}/participants/${office.participantId}/explorer?q=${encodeURIComponent(`domain:${BAD}`)}&range=24h`,
    );
    await choosePurpose(first);
    await first.locator('[data-test=result-row]').first().waitFor();
    await first.locator('[data-test=saved-searches-toggle]').click();
    await first.locator('[data-test=saved-search-name]').fill('請求書を装うドメイン');
    await first.locator('[data-test=saved-search-share]').check();
    await first.locator('[data-test=save-search]').click();
    await first.locator('[data-test=saved-search]', { hasText: '請求書を装うドメイン' }).waitFor();
    expect(await first.locator('[data-test=saved-search-owner]').innerText()).toContain('共有中');

    await second.goto(`${yorozu.url}/participants/${office.participantId}/explorer?range=24h`);
    await choosePurpose(second);
    await second.locator('[data-test=saved-searches-toggle]').click();
    const shared = second.locator('[data-test=saved-search]', { hasText: '請求書を装うドメイン' });
    await shared.waitFor();
    const text = await shared.innerText();
    expect(text).toContain('admin さんが共有');
    expect(text).toContain('目的: 運用');
    expect(await shared.locator('[data-test=saved-search-delete]').count()).toBe(0);
    await shared.locator('a').click();
    await expect.poll(() => new URL(second.url()).searchParams.get('q')).toBe(`domain:${BAD}`);
    await second.locator('[data-test=result-row]').first().waitFor();
  });
});

describe('autocomplete in the query bar', () => {
  it('offers a field, then its values from this participant, all from the keyboard', async () => {
    const office = offices[0]!;
    await first.goto(`${yorozu.url}/participants/${office.participantId}/explorer?range=24h`);
    const input = first.locator('[data-test=query-input]');
    await first.locator('[data-test=result-row]').first().waitFor();
    await input.click();
    await input.pressSequentially('dom');
    const suggestion = first.locator('[data-test=query-suggestion]');
    await expect.poll(() => suggestion.allInnerTexts()).toEqual([expect.stringContaining('domain')]);
    expect(await suggestion.first().innerText()).toContain('ドメイン');
    await input.press('ArrowDown');
    await input.press('Enter');
    expect(await input.inputValue()).toBe('domain:');
    // The values come from this participant's events, most frequent first (here once each: then by value).
    await expect
      .poll(() => first.locator('[data-test=query-suggestion][data-kind=value]').allInnerTexts())
      .toEqual([expect.stringContaining(BAD), expect.stringContaining('www.example.jp')]);
    await input.pressSequentially('inv');
    await expect
      .poll(() => first.locator('[data-test=query-suggestion][data-kind=value]').allInnerTexts())
      .toEqual([expect.stringContaining(BAD)]);
    await input.press('ArrowDown');
    await input.press('Enter');
    expect(await input.inputValue()).toBe(`domain:${BAD} `);
    // The list is closed once a value is taken: Enter runs the search.
    await expect.poll(() => first.locator('[data-test=query-suggestions]').count()).toBe(0);
    await input.press('Enter');
    await expect.poll(() => new URL(first.url()).searchParams.get('q')).toBe(`domain:${BAD}`);
    await first.locator('[data-test=result-row]').first().waitFor();
  });

  it("answers only the participant's own values, and refuses a free-text field by name", async () => {
    const operator = await operatorClient(yorozu.url);
    const values = (participantId: string, field: string, prefix: string) =>
      operator.call<contract.FieldValues>(
        'GET',
        `/api/v1/participants/${participantId}/events/values?field=${field}&prefix=${prefix}`,
      );
    expect((await values(offices[2]!.participantId, 'domain', 'inv')).body.values).toEqual([]);
    expect((await values(offices[1]!.participantId, 'domain', 'INV')).body.values).toEqual([{ value: BAD, count: 1 }]);
    expect((await values(offices[1]!.participantId, 'host', 'share')).body.values.map((v) => v.value)).toEqual([
      'SHARE-PC-1',
    ]);
    const refused = await values(offices[1]!.participantId, 'message', 'a');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { issues: [{ path: 'field' }] } });
  });
});

describe('the search across participants', () => {
  it('says the search is recorded per participant, finds the domain in every participant, and records each one', async () => {
    await first.goto(`${yorozu.url}/investigation`);
    const recorded = first.locator('[data-test=cross-search-recorded]');
    await recorded.waitFor();
    expect(await recorded.innerText()).toMatch(/参加者ごとに.*閲覧記録.*目的: 運用/);
    await first.locator('[data-test=cross-search-ask]').waitFor();
    const input = first.locator('[data-test=query-input]');
    await input.fill(`domain:${BAD}`);
    await input.press('Enter');
    await first.locator('[data-test=cross-result-row]').first().waitFor();
    const shown = () =>
      first
        .locator('[data-test=cross-result-row]')
        .evaluateAll((rows) => [...new Set(rows.map((row) => row.getAttribute('data-participant')))].sort());
    expect(await shown()).toEqual([offices[0]!.participantId, offices[1]!.participantId].sort());
    expect(await first.locator('[data-test=cross-result-participant]').allInnerTexts()).toEqual(
      expect.arrayContaining(['株式会社あさひ', '株式会社ゆうひ']),
    );
    expect(await first.locator('[data-test=cross-results-count]').innerText()).toContain('3 参加者を検索');
    // The third participant had no hit, and its data was still read: its access log says so.
    const log = await offices[2]!.user.call<contract.AccessLog>(
      'GET',
      `/api/v1/participants/${offices[2]!.participantId}/access-log`,
    );
    expect(log.body.accessLog).toContainEqual(
      expect.objectContaining({ route: 'GET /api/v1/admin/events', purpose: 'operation' }),
    );
  });

  it('a chosen participant narrows the search, and the choice is in the address', async () => {
    await first.locator('[data-test=participant-chooser] summary').click();
    await first.locator(`[data-test=choose-participant][data-participant="${offices[0]!.participantId}"]`).uncheck();
    await first.locator(`[data-test=choose-participant][data-participant="${offices[2]!.participantId}"]`).uncheck();
    await expect.poll(() => new URL(first.url()).searchParams.get('participants')).toBe(offices[1]!.participantId);
    await expect
      .poll(() =>
        first
          .locator('[data-test=cross-result-row]')
          .evaluateAll((rows) => [...new Set(rows.map((row) => row.getAttribute('data-participant')))]),
      )
      .toEqual([offices[1]!.participantId]);
    expect(await first.locator('[data-test=cross-results-count]').innerText()).toContain('1 参加者を検索');
  });

  it("a participant's user is sent away from the page", async () => {
    const page = await (await browser.newContext()).newPage();
    await signInThroughForm(page, yorozu.url, 'share-user-0', offices[0]!.user.password);
    await page.goto(`${yorozu.url}/investigation?q=${encodeURIComponent(`domain:${BAD}`)}`);
    await expect.poll(() => new URL(page.url()).pathname).not.toBe('/investigation');
    expect(await page.locator('yorozu-cross-search-page').count()).toBe(0);
    await page.context().close();
  });

  it('ran without errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
