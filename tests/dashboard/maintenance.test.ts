import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, participantUserClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm, openAsOperator } from '../support/browser.js';
import { TestRelay } from '../support/test-relay.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The maintenance screen (art. 8): an operator registers a window with the confirmation step (what
 * happens, to whom, which notice), the notice is mailed through the real relay, and the participant
 * sees the upcoming window in its portal at phone width.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: TestRelay;
let browser: Browser;
let participantId: string;
let portalUser: { loginName: string; password: string };
const ADDRESS = 'it@yoyaku.example.jp';

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('dashboard-maintenance', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
  });
  const operator = await operatorClient(yorozu.url);
  const created = await operator.call<{ participantId: string }>('POST', '/api/v1/admin/participants', {
    organisation: '株式会社よやく',
    contactEmail: ADDRESS,
  });
  participantId = created.body.participantId;
  const user = await participantUserClient(yorozu.url, operator, participantId, 'yoyaku-user');
  portalUser = { loginName: 'yoyaku-user', password: user.password };
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
  await relay?.stop();
});

describe('the maintenance screen', () => {
  it('an operator registers a window after confirming it; it is mailed and the participant sees it upcoming', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await openAsOperator(page, yorozu.url, '/maintenance');
    expect(await page.locator('[data-test=suspension-lead]').innerText()).toContain('3 営業日前');
    await page.locator('[data-test=suspension-note]').fill('データベースの更新作業');
    await page.locator('[data-test=suspension-review]').click();
    const confirm = page.locator('[data-test=suspension-confirm]');
    await confirm.waitFor();
    const said = await confirm.innerText();
    expect(said).toContain('全参加者');
    expect(said).toContain('サービス停止のお知らせ');
    expect(said).toContain('データベースの更新作業');
    await page.locator('[data-test=suspension-confirm-send]').click();
    await page.locator('[data-test=suspension-created]').waitFor();
    await page.locator('[data-test=suspensions-upcoming] [data-test=suspension][data-status=scheduled]').waitFor();
    await expect
      .poll(() => relay.mails.find((m) => m.to.includes(ADDRESS) && m.text.includes('データベースの更新作業')), {
        timeout: 30_000,
      })
      .toBeDefined();
    expect(errors).toEqual([]);
    await page.close();

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInThroughForm(phone, yorozu.url, portalUser.loginName, portalUser.password);
    await phone.goto(`${yorozu.url}/participants/${participantId}/notices`);
    const upcoming = phone.locator('[data-test=suspensions-upcoming] [data-test=suspension][data-status=scheduled]');
    await upcoming.waitFor();
    expect(await upcoming.innerText()).toContain('データベースの更新作業');
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await phone.close();
  });
});
