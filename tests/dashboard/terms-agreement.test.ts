import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jstDateOf } from '../../common/jst-time.js';
import { callApi, operatorClient, participantUserClient, signIn, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { TestRelay } from '../support/test-relay.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Re-agreement to the terms (art. 2, 3) in the browser: a new version is published (every participant
 * is mailed), and at the next sign-in the portal asks in Japanese before anything else; the agreement is
 * recorded with who and when, and the next sign-in goes straight in. A participant registered by an
 * operator is "not yet agreed" and must agree to the version in force. The terms and the trial-wide
 * notices are public pages.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: TestRelay;
let browser: Browser;
let operator: ApiClient;
let participantId: string;
let portalUser: { loginName: string; password: string };
const ADDRESS = 'kanri@midori.example.jp';
const tomorrow = jstDateOf(new Date(Date.now() + 2 * 86_400_000));

interface Standing {
  mustAgree: boolean;
  inForce: { version: string };
  coming: { version: string } | null;
  agreements: { version: string; via: string; login_name: string; agreed_at: string | null }[];
}

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('dashboard-terms', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
  });
  operator = await operatorClient(yorozu.url);
  const created = await operator.call<{ participantId: string }>('POST', '/api/v1/admin/participants', {
    organisation: '株式会社みどり',
    contactEmail: ADDRESS,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  participantId = created.body.participantId;
  const user = await participantUserClient(yorozu.url, operator, participantId, 'midori-user');
  portalUser = { loginName: 'midori-user', password: user.password };
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
  await relay?.stop();
});

describe('agreeing to the terms', () => {
  it('a participant registered by an operator is not yet agreed; its user agrees to the version in force, recorded with who and when', async () => {
    const other = await operator.call<{ participantId: string }>('POST', '/api/v1/admin/participants', {
      organisation: '株式会社あお',
      contactEmail: 'ao@example.jp',
    });
    const otherId = other.body.participantId;
    const before = await operator.call<Standing>('GET', `/api/v1/participants/${otherId}/terms`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ mustAgree: true, inForce: { version: '1' }, agreements: [] });
    // An operator reads the record but never agrees for the participant.
    const byOperator = await operator.call('POST', `/api/v1/participants/${otherId}/terms/agreement`, { version: '1' });
    expect(byOperator.status).toBe(403);
    const user = await participantUserClient(yorozu.url, operator, otherId, 'ao-user');
    const after = await user.call<Standing>('GET', `/api/v1/participants/${otherId}/terms`);
    expect(after.body.mustAgree).toBe(false);
    expect(after.body.agreements).toEqual([
      { version: '1', via: 'sign_in', login_name: 'ao-user', agreed_at: expect.any(String) },
    ]);
    // A version that is neither in force nor coming cannot be agreed to.
    const wrong = await user.call('POST', `/api/v1/participants/${otherId}/terms/agreement`, { version: '0' });
    expect(wrong.status).toBe(409);
  });

  it('a new version is published and mailed; at the next sign-in the portal asks in Japanese, and the agreement is recorded', async () => {
    const published = await operator.call<{ noticeId: string }>('POST', '/api/v1/admin/terms', {
      version: '2',
      effectiveOn: tomorrow,
      titleJa: 'ITセキュリティよろず相談窓口 実証実験規約（第2版）',
      summaryJa: '第8条の計画停止の予告期間を3営業日に改めました。',
      textJa: '第1条（目的）\n本規約は……\n第8条（サービスの停止）\n3営業日前までに通知します。',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    // Every participant is told: the mail reaches the registered address.
    await expect
      .poll(() => relay.mails.find((m) => m.to.includes(ADDRESS) && m.text.includes(tomorrow)), { timeout: 30_000 })
      .toBeDefined();

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, portalUser.loginName, portalUser.password);
    const form = page.locator('[data-test=terms-agreement]');
    await form.waitFor();
    expect(await form.getAttribute('data-version')).toBe('2');
    const shown = await form.innerText();
    expect(shown).toContain('規約が改定されました');
    expect(shown).toContain('第8条の計画停止の予告期間を3営業日に改めました。');
    await expect.poll(() => page.locator('[data-test=terms-text]').innerText()).toContain('3営業日前までに通知します');
    expect(shown).not.toMatch(/The terms have changed/);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.locator('[data-test=terms-check]').check();
    await page.locator('[data-test=terms-agree]').click();
    await page.locator('[data-test=terms-agreement]').waitFor({ state: 'detached' });
    await page.locator('[data-nav=devices]').waitFor();
    expect(errors).toEqual([]);

    const user = await signIn(yorozu.url, portalUser.loginName, portalUser.password);
    const standing = await user.call<Standing>('GET', `/api/v1/participants/${participantId}/terms`);
    expect(standing.body.coming).toBeNull();
    expect(standing.body.agreements.map((a) => [a.version, a.login_name])).toEqual([
      ['1', 'midori-user'],
      ['2', 'midori-user'],
    ]);

    // The next sign-in is not asked again.
    await page.locator('[data-test=sign-out]').click();
    await signInThroughForm(page, yorozu.url, portalUser.loginName, portalUser.password);
    await page.locator('[data-nav=devices]').waitFor();
    expect(await page.locator('[data-test=terms-agreement]').count()).toBe(0);
    await page.close();
  });

  it('the terms and the trial-wide notices are public pages, readable without signing in', async () => {
    const anonymous = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await anonymous.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${yorozu.url}/terms`);
    await page.locator('[data-test=terms-version][data-version="2"]').waitFor();
    expect(await page.locator('[data-test=terms-in-force]').innerText()).toContain('2022-12-01');
    expect(await page.locator('[data-test=terms-version][data-version="1"]').innerText()).toContain('施行中');
    expect(await page.locator('[data-test=terms-version][data-version="2"]').innerText()).toContain('施行予定');
    await expect
      .poll(() => page.locator('[data-test=terms-text]').innerText())
      .toContain('この規約は、2022 年 12 月 1 日から実施します');
    expect(page.url()).toBe(`${yorozu.url}/terms`);

    await page.goto(`${yorozu.url}/public/notices`);
    const notice = page.locator('[data-test=public-notice][data-kind=terms_published]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain(tomorrow);
    expect(page.url()).toBe(`${yorozu.url}/public/notices`);
    const api = await callApi<{ notices: { kind: string }[] }>(yorozu.url, 'GET', '/api/v1/public/notices');
    expect(api.body.notices.map((n) => n.kind)).toContain('terms_published');
    expect(errors).toEqual([]);
    await anonymous.close();
  });
});
