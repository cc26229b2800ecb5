import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, participantUserClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm, openAsOperator } from '../support/browser.js';
import { TestRelay } from '../support/test-relay.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The notice centre in the browser: an operator writes a notice in Japanese with the form, it is
 * mailed through the real relay, and the participant reads it in its portal (phone width).
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: TestRelay;
let browser: Browser;
let participantId: string;
let portalUser: { loginName: string; password: string };
const ADDRESS = 'soumu@hikari.example.jp';

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('dashboard-notices', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
  });
  const operator = await operatorClient(yorozu.url);
  const created = await operator.call<{ participantId: string }>('POST', '/api/v1/admin/participants', {
    organisation: '株式会社ひかり',
    contactEmail: ADDRESS,
    address: '大阪府大阪市北区1-2-3',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  participantId = created.body.participantId;
  const user = await participantUserClient(yorozu.url, operator, participantId, 'hikari-user');
  portalUser = { loginName: 'hikari-user', password: user.password };
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
  await relay?.stop();
});

describe('notices in the dashboard', () => {
  it('an operator writes a notice in Japanese; it is mailed, and the participant reads it in its portal', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await openAsOperator(page, yorozu.url, '/notices');
    await page.locator('[data-test=notice-form]').waitFor();
    expect(await page.locator('[data-test=notice-form]').innerText()).toContain('お知らせを書く');
    await page.locator('[data-test=notice-to-one]').check();
    await page.locator('[data-test=notice-participant]').selectOption(participantId);
    await page.locator('[data-test=notice-subject-ja]').fill('年末年始の窓口休止のお知らせ');
    await page.locator('[data-test=notice-body-ja]').fill('12月29日から1月3日まで、窓口を休止します。');
    await page.locator('[data-test=notice-send]').click();
    await page.locator('[data-test=notice-sent]').waitFor();
    await expect
      .poll(
        () => relay.mails.find((mail) => mail.to.includes(ADDRESS) && mail.subject === '年末年始の窓口休止のお知らせ'),
        { timeout: 20_000 },
      )
      .toBeDefined();
    // The operator's list shows the e-mail channel delivered once the relay accepted it.
    await expect
      .poll(
        async () => {
          await page.reload();
          const notice = page.locator('[data-test=notice][data-kind=free_form]').first();
          await notice.waitFor();
          return notice.locator('[data-test=notice-channels] [data-state=delivered]').count();
        },
        { timeout: 20_000 },
      )
      .toBe(2);
    expect(errors).toEqual([]);
    await page.close();

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInThroughForm(phone, yorozu.url, portalUser.loginName, portalUser.password);
    await phone.goto(`${yorozu.url}/participants/${participantId}/notices`);
    const mine = phone.locator('[data-test=notice][data-kind=free_form]');
    await mine.waitFor();
    expect(await mine.innerText()).toContain('年末年始の窓口休止のお知らせ');
    expect(await mine.innerText()).toContain('12月29日から1月3日まで');
    expect(await mine.locator('[data-state=delivered]').count()).toBe(1);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await phone.close();
  });
});
