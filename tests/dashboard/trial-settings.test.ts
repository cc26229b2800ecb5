import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, jstDateOf } from '../../common/jst-time.js';
import { callApi, operatorClient, TEST_OPERATOR } from '../../harness/api-client.js';
import { TERMS_IN_FORCE } from '../../participants/terms.js';
import { collectPageErrors, launchBrowser, signInThroughForm, openAsOperator } from '../support/browser.js';
import { TestRelay } from '../support/test-relay.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The trial period (art. 1, 19) out of the box: unset, so the operator's first sign-in asks for it and
 * the header says so until it is set; setting and stopping it each go through a confirmation naming
 * the notice, and each notice reaches participants (mail on the loopback relay, the public page).
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: TestRelay;
let browser: Browser;
const ADDRESS = 'kikan@trial.example.jp';
const today = jstDateOf(new Date());

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('dashboard-trial', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
  });
  // An approved participant, to be told (art. 21).
  const applied = await callApi<{ applicationId: string }>(yorozu.url, 'POST', '/api/v1/applications', {
    organisation: '株式会社きかん',
    representative: '代表取締役 山田太郎',
    address: '東京都千代田区丸の内1-1-1',
    phone: '03-1234-5678',
    contactName: '佐藤花子',
    contactEmail: ADDRESS,
    termsVersion: TERMS_IN_FORCE.version,
    agreeToTerms: true,
  });
  const operator = await operatorClient(yorozu.url);
  await operator.call('POST', `/api/v1/admin/participants/${applied.body.applicationId}/approve`, {});
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
  await relay?.stop();
});

describe('the trial period', () => {
  it('is asked at the first sign-in, set after a confirmation, and the art. 1 notice reaches participants', async () => {
    expect((await (await operatorClient(yorozu.url)).call('GET', '/api/v1/trial')).body).toEqual({ trial: null });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=trial-unset]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings/trial');
    expect(await page.locator('[data-test=trial-unset-banner]').innerText()).toContain('実証実験の期間が未設定');

    const endsOn = addDays(today, 90);
    await page.locator('[data-test=trial-starts]').fill(today);
    await page.locator('[data-test=trial-ends]').fill(endsOn);
    await page.locator('[data-test=trial-review]').click();
    const confirm = page.locator('[data-test=trial-confirm][data-kind=period]');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('第1条');
    expect(await confirm.innerText()).toContain(endsOn);
    await page.locator('[data-test=trial-confirm-send]').click();
    await page.locator('[data-test=trial-saved]').waitFor();
    await page.locator('[data-test=trial-unset-banner]').waitFor({ state: 'detached' });
    await expect
      .poll(() => relay.mails.find((m) => m.to.includes(ADDRESS) && m.subject.includes('実施期間変更')), {
        timeout: 30_000,
      })
      .toMatchObject({ text: expect.stringContaining(endsOn) });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stopping the trial says 中止 under art. 19, in the confirmation and in the notice that arrives', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await openAsOperator(page, yorozu.url, '/settings/trial');
    const lastDay = addDays(today, 30);
    await page.locator('[data-test=trial-last-day]').fill(lastDay);
    await page.locator('[data-test=trial-stop-reason]').fill('予算の都合により');
    await page.locator('[data-test=trial-stop-review]').click();
    const confirm = page.locator('[data-test=trial-confirm][data-kind=stop]');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('中止');
    expect(await confirm.innerText()).toContain('第19条');
    await page.locator('[data-test=trial-confirm-send]').click();
    await page.locator('[data-test=trial-saved]').waitFor();
    expect(await page.locator('[data-test=trial-current]').innerText()).toContain(lastDay);
    await expect
      .poll(() => relay.mails.find((m) => m.to.includes(ADDRESS) && m.subject.includes('中止')), { timeout: 30_000 })
      .toMatchObject({ text: expect.stringContaining('予算の都合により') });
    const posted = await callApi<{ notices: { kind: string }[] }>(yorozu.url, 'GET', '/api/v1/public/notices');
    expect(posted.body.notices.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['trial_stopped', 'trial_period_changed']),
    );
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.close();
  });
});
