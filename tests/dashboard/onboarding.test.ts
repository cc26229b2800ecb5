import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { TEST_OPERATOR } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm, clickHeaderLink } from '../support/browser.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 19, "Done when": the whole onboarding in Japanese, in the browser, with no API call from the test: a public
 * application, the operator's queue, a question with a deadline answered by the applicant, approval, the start,
 * an enrollment secret, a simulated PC enrolling with the secret shown on the page, a portal user signing in from
 * the bare address and landing on its devices, and the access log entry of the operator's visit.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
const ORGANISATION = '株式会社ひだまり工房';
const HOST = 'HIDAMARI-PC-01';

async function freshPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
  const page = await context.newPage();
  return { page, errors: collectPageErrors(page) };
}

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-onboarding');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

describe('onboarding from the dashboard, in Japanese', () => {
  let followUp = '';
  let operator: Page;
  let participantPath = '';
  let portalPassword = '';

  it('an organisation applies on the public page, agreeing to the terms in force', async () => {
    const { page, errors } = await freshPage();
    await page.goto(`${yorozu.url}/login`);
    await page.locator('[data-test=login-apply]').click();
    await page.waitForURL('**/apply');
    await page.locator('[data-test=apply-terms-version]').waitFor();
    expect(await page.locator('[data-test=apply-terms-version]').innerText()).toMatch(/版 .+から適用/);
    await page.locator('[data-test=apply-organisation]').fill(ORGANISATION);
    await page.locator('[data-test=apply-representative]').fill('日向 太郎');
    await page.locator('[data-test=apply-address]').fill('東京都台東区浅草1-2-3');
    await page.locator('[data-test=apply-phone]').fill('03-1234-5678');
    await page.locator('[data-test=apply-contactName]').fill('日向 花子');
    await page.locator('[data-test=apply-contactEmail]').fill('it@hidamari.example.jp');
    // The agreement is required: without it the form says so and sends nothing.
    await page.locator('[data-test=apply-submit]').click();
    expect(await page.locator('[data-test=apply-error]').innerText()).toContain('同意が必要');
    await page.locator('[data-test=apply-agree]').check();
    await page.locator('[data-test=apply-submit]').click();
    await page.locator('[data-test=apply-follow-up]').click();
    await page.waitForURL(/\/apply\/[0-9a-f-]{36}#token=/);
    followUp = page.url();
    await expect.poll(() => page.locator('[data-test=application-state]').getAttribute('data-status')).toBe('applied');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the operator finds it in the queue and asks a question with a deadline', async () => {
    ({ page: operator } = await freshPage());
    await signInThroughForm(operator, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await clickHeaderLink(operator, 'nav-applications');
    await operator.locator('[data-test=purpose-dialog] button[type=submit]').click();
    const row = operator.locator('[data-test=application-row]', { hasText: ORGANISATION });
    await row.waitFor();
    await row.locator('[data-test=application-ask] summary').click();
    await row.locator('[data-test=application-question-text]').fill('PC の台数と OS を教えてください。');
    await row.locator('[data-test=application-ask-submit]').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('awaiting_applicant');
    expect(await row.locator('[data-test=application-deadline]').innerText()).toMatch(/回答期限/);
  });

  it('the applicant sees the question and its deadline and answers it', async () => {
    const { page, errors } = await freshPage();
    await page.goto(followUp);
    await page.locator('[data-test=application-question]').waitFor();
    expect(await page.locator('[data-test=application-question]').innerText()).toContain('PC の台数と OS');
    expect(await page.locator('[data-test=application-deadline]').innerText()).toMatch(/回答期限: \d{4}/);
    await page.locator('[data-test=application-answer]').fill('Windows 11 が 5 台、Ubuntu が 1 台です。');
    await page.locator('[data-test=application-send]').click();
    await expect.poll(() => page.locator('[data-test=application-state]').getAttribute('data-status')).toBe('applied');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the operator reads the answer, approves, starts the service and issues an enrollment secret', async () => {
    await operator.reload();
    const row = operator.locator('[data-test=application-row]', { hasText: ORGANISATION });
    await row.waitFor();
    expect(await row.locator('[data-test=application-note]').innerText()).toContain('Ubuntu が 1 台');
    await row.locator('[data-test=application-approve]').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('approved');
    await row.locator('[data-test=application-start]').click();
    await operator.locator('[data-test=applications-status]', { hasText: '利用を開始する' }).waitFor();
    await expect.poll(() => operator.locator('[data-test=application-row]', { hasText: ORGANISATION }).count()).toBe(0);
    // The started participant is managed from its page.
    await operator.locator('[data-test=applications-manage]').click();
    await operator.waitForURL(/\/participants\/[0-9a-f-]{36}\/admin$/);
    participantPath = new URL(operator.url()).pathname.replace(/\/admin$/, '');
    await expect
      .poll(() => operator.locator('[data-test=participant-status]').getAttribute('data-status'))
      .toBe('active');
    await operator.locator('[data-test=secret-label]').fill('本社');
    await operator.locator('[data-test=secret-issue]').click();
    await operator.locator('[data-test=install-linux]').waitFor();
    expect(await operator.locator('[data-test=install-linux]').innerText()).toContain('--secret');
  });

  it('a simulated PC enrolls with the secret shown on the page, and the operator creates a portal user', async () => {
    const secret = await operator.locator('[data-test=enrollment-secret]').innerText();
    await enroll(yorozu.url, secret.trim(), HOST);
    await operator.locator('[data-test=user-login]').fill('hidamari-it');
    await operator.locator('[data-test=user-name]').fill('日向 花子');
    await operator.locator('[data-test=user-email]').fill('it@hidamari.example.jp');
    await operator.locator('[data-test=user-create-submit]').click();
    portalPassword = (await operator.locator('[data-test=initial-password]').innerText()).trim();
    expect(portalPassword.length).toBeGreaterThanOrEqual(12);
    await operator.locator('[data-test=portal-user]', { hasText: 'hidamari-it' }).waitFor();
    // The operator looks at the participant's devices: a visit the participant will see.
    await operator.goto(`${yorozu.url}${participantPath}/devices`);
    await operator.getByText(HOST).first().waitFor();
    await operator.context().close();
  });

  it('the portal user signs in from the bare address, lands on its devices and sees the operator in the access log', async () => {
    const { page, errors } = await freshPage();
    await page.goto(`${yorozu.url}/`);
    await page.waitForURL(/\/login\?next=/);
    await page.locator('input[name=loginName]').fill('hidamari-it');
    await page.locator('input[name=password]').fill(portalPassword);
    await page.locator('button[type=submit]').click();
    // The initial password must be changed first.
    await page.locator('input[name=current]').fill(portalPassword);
    await page.locator('input[name=next]').fill('ひだまりの新しいパスワード-2026');
    await page.locator('yorozu-password-page button[type=submit]').click();
    await page.waitForURL(`**${participantPath}/devices`);
    await page.getByText(HOST).first().waitFor();
    await page.locator('[data-test=nav-access-log]').click();
    const entry = page.locator('[data-test=access-log-entry]').first();
    await entry.waitFor();
    const text = await page.locator('[data-test=access-log]').innerText();
    expect(text).toContain('運用');
    expect(text).toContain('端末');
    expect(text).not.toMatch(/device list|registered details/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
