import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, participantUserClient } from '../../harness/api-client.js';
import { API_ERROR_TEXTS_JA } from '../../dashboard/src/i18n/api-error-texts.js';
import { launchBrowser, signInThroughForm, openAsOperator } from '../support/browser.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 19, item 7: bad input driven through several screens in Japanese shows the catalogue's Japanese, never the
 * server's English message (which the API still sends, e.g. "Invalid request: reason: Too big: …").
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let mine: string;
let theirs: string;
let userPassword: string;

/** Two English words in a row: what a server sentence looks like (login names and codes are single words). */
const ENGLISH_SENTENCE = /[A-Za-z]{2,}[ :,]+[A-Za-z]{2,}/;

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-server-english');
  mine = await yorozu.participants.applications.registerDirectly({ organisation: '株式会社ことば' }, 'test');
  theirs = await yorozu.participants.applications.registerDirectly({ organisation: '株式会社よそ' }, 'test');
  const operator = await operatorClient(yorozu.url);
  userPassword = (await participantUserClient(yorozu.url, operator, mine, 'kotoba-user')).password;
  await operator.call('POST', '/api/v1/admin/accounts', { loginName: 'other-desk', displayName: '別の担当' });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

async function operatorOn(path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await openAsOperator(page, yorozu.url, path);
  return page;
}

async function shown(locator: Locator): Promise<string> {
  await locator.waitFor();
  const text = await locator.innerText();
  expect(text).not.toMatch(ENGLISH_SENTENCE);
  return text;
}

describe('the Japanese UI shows catalogue text for what the server refuses', () => {
  it('operator accounts: a login name with bad characters, and a reason over its limit, named by its field', async () => {
    const page = await operatorOn('/settings/operators');
    await page.locator('[data-test=operator-login]').fill('Yamada Taro!');
    await page.locator('[data-test=operator-name]').fill('山田 太郎');
    await page.locator('[data-test=operator-add-review]').click();
    await page.locator('[data-test=operator-add-send]').click();
    expect(await shown(page.locator('[data-test=operator-add-error]'))).toBe(API_ERROR_TEXTS_JA.invalid_login_name);

    const other = page.locator('[data-test=operator-row][data-login=other-desk]');
    await other.locator('[data-test=operator-reason]').fill('長'.repeat(2001));
    await other.locator('[data-test=operator-disable]').click();
    await page.locator('[data-test=operator-confirm-send]').click();
    expect(await shown(page.locator('[data-test=operator-error]'))).toBe(
      `${API_ERROR_TEXTS_JA.invalid_request} 理由: 長すぎます（2000 文字まで）`,
    );
    await page.context().close();
  });

  it("the participant page: a login name already taken, and a portal user's reason over its limit", async () => {
    const page = await operatorOn(`/participants/${mine}/admin`);
    await page.locator('[data-test=user-login]').fill('kotoba-user');
    await page.locator('[data-test=user-name]').fill('重複');
    await page.locator('[data-test=user-email]').fill('dup@kotoba.example.jp');
    await page.locator('[data-test=user-create-submit]').click();
    const users = page.locator('yorozu-portal-users');
    expect(await shown(users.locator('p.error'))).toBe(API_ERROR_TEXTS_JA.login_name_taken);

    const row = users.locator('[data-test=portal-user]', { hasText: 'kotoba-user' });
    await row.locator('summary').click();
    await row.locator('details input[name=reason]').fill('長'.repeat(2001));
    await row.locator('details button[type=submit]').click();
    const error = await shown(users.locator('p.error'));
    expect(error.startsWith(API_ERROR_TEXTS_JA.invalid_request)).toBe(true);
    expect(error).toContain('長すぎます（2000 文字まで）');
    await page.context().close();
  });

  it("a participant's user opening another participant's devices sees the tenancy refusal in Japanese", async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signInThroughForm(page, yorozu.url, 'kotoba-user', userPassword);
    await page.goto(`${yorozu.url}/participants/${theirs}/devices`);
    expect(await shown(page.locator('[data-test=device-table-error]'))).toBe(API_ERROR_TEXTS_JA.other_participant);
    await page.context().close();
  });
});
