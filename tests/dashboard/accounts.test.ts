import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, participantUserClient } from '../../harness/api-client.js';
import {
  collectPageErrors,
  launchBrowser,
  signInThroughForm,
  openAsOperator,
  clickHeaderLink,
} from '../support/browser.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 19, in Japanese: the desk unlocks a locked portal user and resets its password from the participant's page;
 * the operator accounts screen adds, disables and enables operators and refuses to disable yourself; the portal
 * names its organisation on every page, at 1280 and 390 px.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let participantId: string;
const ORGANISATION = '株式会社かぎ工房';
const user = { loginName: 'kagi-user', password: '' };

beforeAll(async () => {
  // Each failed sign-in of the lockout walk counts against the address's limit too: room for the whole walk.
  yorozu = await startTestYorozu('dashboard-accounts', { YOROZU_SIGN_INS_PER_MINUTE: '60' });
  participantId = await yorozu.participants.applications.registerDirectly(
    { organisation: ORGANISATION, contactEmail: 'info@kagi.example.jp' },
    'test',
  );
  const operator = await operatorClient(yorozu.url);
  user.password = (await participantUserClient(yorozu.url, operator, participantId, user.loginName)).password;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return context.newPage();
}

async function tryLogin(page: Page, loginName: string, password: string): Promise<string> {
  await page.goto(`${yorozu.url}/login`);
  await page.locator('input[name=loginName]').fill(loginName);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.locator('[data-test=login-error]').waitFor();
  return page.locator('[data-test=login-error]').innerText();
}

async function operatorOn(path: string, width = 1280): Promise<Page> {
  const page = await newPage(width);
  await openAsOperator(page, yorozu.url, path);
  return page;
}

describe('helping a portal user back in, from the participant page', () => {
  it('a locked user is told to ask the desk, the desk unlocks it, and it signs in at once', async () => {
    const portal = await newPage(1280);
    const errors = collectPageErrors(portal);
    for (let i = 0; i < 5; i++) await tryLogin(portal, user.loginName, `wrong-password-${i}-abc`);
    const locked = await tryLogin(portal, user.loginName, user.password);
    expect(locked).toContain('窓口にロックの解除を依頼してください');
    expect(locked).toMatch(/（\d{4}\/\d\d\/\d\d \d\d:\d\d まで）$/);

    const desk = await operatorOn(`/participants/${participantId}/admin`);
    const row = desk.locator('[data-test=portal-user]', { hasText: user.loginName });
    await row.locator('[data-test=unlock]').click();
    const said = row.locator('[data-test=recovery-message]');
    await said.waitFor();
    expect(await said.innerText()).toContain('ロックを解除しました');
    expect(await said.innerText()).toContain('本人にお知らせを送りました');

    await signInThroughForm(portal, yorozu.url, user.loginName, user.password);
    await portal.locator('[data-test=portal-organisation]').waitFor();
    expect(await portal.locator('[data-test=portal-organisation]').innerText()).toBe(ORGANISATION);
    expect(errors).toEqual([]);
    await portal.context().close();
    await desk.context().close();
  });

  it('a reset gives a temporary password after a confirmation naming the notice; the user must change it', async () => {
    const desk = await operatorOn(`/participants/${participantId}/admin`);
    const row = desk.locator('[data-test=portal-user]', { hasText: user.loginName });
    await row.locator('[data-test=reset-password]').click();
    const confirm = row.locator('[data-test=reset-confirm]');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('第20条');
    expect(await confirm.innerText()).toContain('次のサインインで新しいパスワードの設定が必要');
    await row.locator('[data-test=reset-confirm-send]').click();
    const temporary = await row.locator('[data-test=temporary-password]').innerText();
    expect(temporary.length).toBeGreaterThanOrEqual(12);

    const portal = await newPage(390);
    expect(await tryLogin(portal, user.loginName, user.password)).toContain('ログイン名またはパスワード');
    await signInThroughForm(portal, yorozu.url, user.loginName, temporary);
    await portal.locator('input[name=current]').fill(temporary);
    await portal.locator('input[name=next]').fill('atarashii-aikotoba-2026');
    await portal.locator('yorozu-password-page button[type=submit]').click();
    await portal.waitForURL(/\/participants\/[0-9a-f-]{36}\/devices$/);
    // At 390 px too the organisation is named, and the page is no wider than the screen.
    const named = portal.locator('[data-test=portal-organisation]');
    await named.waitFor();
    expect(await named.isVisible()).toBe(true);
    expect(await named.innerText()).toBe(ORGANISATION);
    for (const path of ['tickets', 'notices', 'access-log']) {
      await portal.goto(`${yorozu.url}/participants/${participantId}/${path}`);
      await named.waitFor();
      expect(await named.innerText(), path).toBe(ORGANISATION);
    }
    expect(await portal.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    user.password = 'atarashii-aikotoba-2026';
    await portal.context().close();
    await desk.context().close();
  });
});

describe('the operator accounts screen', () => {
  it('adds an operator after a confirmation, refuses to disable yourself, disables and enables another', async () => {
    const desk = await operatorOn('/fleet');
    const errors = collectPageErrors(desk);
    await clickHeaderLink(desk, 'nav-operators');
    await desk.locator('[data-test=operator-row][data-login=admin]').waitFor();

    await desk.locator('[data-test=operator-login]').fill('yakan-tanto');
    await desk.locator('[data-test=operator-name]').fill('夜間 担当');
    await desk.locator('[data-test=operator-add-review]').click();
    const confirm = desk.locator('[data-test=operator-add-confirm]');
    expect(await confirm.innerText()).toContain('第15条');
    await desk.locator('[data-test=operator-add-send]').click();
    const initial = await desk.locator('[data-test=operator-initial-password]').innerText();
    const added = desk.locator('[data-test=operator-row][data-login=yakan-tanto]');
    await added.waitFor();

    const self = desk.locator('[data-test=operator-row][data-login=admin]');
    await self.locator('[data-test=operator-reason]').fill('テスト');
    await self.locator('[data-test=operator-disable]').click();
    await desk.locator('[data-test=operator-confirm-send]').click();
    expect(await desk.locator('[data-test=operator-error]').innerText()).toContain('自分のアカウントは停止できません');

    await added.locator('[data-test=operator-reason]').fill('夜間体制の見直し');
    await added.locator('[data-test=operator-disable]').click();
    expect(await desk.locator('[data-test=operator-confirm]').innerText()).toContain('サインインできなくなり');
    await desk.locator('[data-test=operator-confirm-send]').click();
    await expect.poll(() => added.locator('[data-test=operator-status]').innerText()).toContain('停止中');
    const other = await newPage(1280);
    expect(await tryLogin(other, 'yakan-tanto', initial)).toContain('利用停止中');

    await added.locator('[data-test=operator-reason]').fill('体制を戻す');
    await added.locator('[data-test=operator-enable]').click();
    await desk.locator('[data-test=operator-confirm-send]').click();
    await expect.poll(() => added.locator('[data-test=operator-status]').innerText()).toContain('有効');

    // A forgotten password: reset from the same row, and the new operator signs in with the temporary one.
    await added.locator('[data-test=reset-password]').click();
    expect(await added.locator('[data-test=reset-confirm]').innerText()).toContain(
      'オペレーターには規約のお知らせは送りません',
    );
    await added.locator('[data-test=reset-confirm-send]').click();
    const temporary = await added.locator('[data-test=temporary-password]').innerText();
    expect(await tryLogin(other, 'yakan-tanto', initial)).toContain('ログイン名またはパスワード');
    await signInThroughForm(other, yorozu.url, 'yakan-tanto', temporary);
    await other.locator('input[name=next]').waitFor();
    expect(errors).toEqual([]);
    await other.context().close();
    await desk.context().close();
  });
});
