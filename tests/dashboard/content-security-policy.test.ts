import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { callApi, operatorClient, participantUserClient, TEST_OPERATOR } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 15, finding 5: every page of the dashboard runs under the strict Content-Security-Policy with no
 * violation (an inline style attribute or element, an inline script, a foreign connection would each
 * be one), in real Chromium; and the other browser protections are on the answers.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let participantId: string;
let deviceId: string;
let ticketId: string;
let portalUser: { loginName: string; password: string };
let newcomer: { loginName: string; password: string };

beforeAll(async () => {
  yorozu = await startTestYorozu('csp');
  const office = await participantWithSecret(yorozu, '株式会社しーえすぴー');
  participantId = office.participantId;
  deviceId = (await enroll(yorozu.url, office.secret, 'CSP-PC-01')).deviceId;
  const operator = await operatorClient(yorozu.url);
  const user = await participantUserClient(yorozu.url, operator, participantId, 'csp-user');
  portalUser = { loginName: 'csp-user', password: user.password };
  const created = await operator.call<{ initialPassword: string }>(
    'POST',
    `/api/v1/admin/participants/${participantId}/users`,
    { loginName: 'csp-newcomer', displayName: '新人', email: 'csp-newcomer@example.jp' },
  );
  newcomer = { loginName: 'csp-newcomer', password: created.body.initialPassword };
  const ticket = await operator.call<{ ticketId: string }>(
    'POST',
    `/api/v1/admin/participants/${participantId}/tickets`,
    {
      subject: 'CSP の確認',
      category: 'installation',
      caller: '総務',
      calledAt: new Date(Date.now() - 3_600_000).toISOString(),
      durationMinutes: 3,
      summary: '電話で受付',
    },
  );
  ticketId = ticket.body.ticketId;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

/** A page that records every CSP violation, from the DOM event and from Chromium's console. */
async function watchedPage(): Promise<{ page: Page; violations: () => Promise<string[]>; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = collectPageErrors(page);
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  // Runs in the page (the test's own TypeScript has no DOM types).
  await page.addInitScript({
    content: `window.cspViolations = []; document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sourceFile + ':' + event.lineNumber));`,
  });
  return {
    page,
    errors,
    violations: async () => [...console, ...((await page.evaluate('window.cspViolations ?? []')) as string[])],
  };
}

async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${yorozu.url}${path}`, { waitUntil: 'networkidle' });
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await page.locator('yorozu-app').waitFor();
}

describe('the Content-Security-Policy in Chromium', () => {
  it('an operator opens every page without a violation', async () => {
    const { page, violations, errors } = await watchedPage();
    await visit(page, '/login');
    await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await visit(page, '/fleet');
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=participant-row]').first().waitFor();
    const pages = [
      `/participants/${participantId}/devices`,
      `/participants/${participantId}/devices/${deviceId}`,
      `/participants/${participantId}/explorer`,
      `/participants/${participantId}/inventory`,
      `/participants/${participantId}/report`,
      `/participants/${participantId}/report?print=1`,
      '/policies',
      '/policies?policy=new',
      `/participants/${participantId}/tickets`,
      `/participants/${participantId}/tickets/new`,
      `/participants/${participantId}/tickets/${ticketId}`,
      '/desk',
      '/notices',
      `/participants/${participantId}/notices`,
      '/maintenance',
      '/settings/trial',
      '/terms',
      '/public/notices',
      '/no-such-page',
    ];
    for (const path of pages) await visit(page, path);
    // The timeline's tooltip and the histogram's are drawn on hover: hover the charts too.
    await visit(page, `/participants/${participantId}/devices/${deviceId}`);
    const chart = page.locator('canvas').first();
    if (await chart.isVisible()) await chart.hover();
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('a participant user, and a newcomer who must change the password, see their pages without a violation', async () => {
    const { page, violations, errors } = await watchedPage();
    await signInThroughForm(page, yorozu.url, portalUser.loginName, portalUser.password);
    for (const path of [
      `/participants/${participantId}/devices`,
      `/participants/${participantId}/report`,
      `/participants/${participantId}/tickets`,
      `/participants/${participantId}/tickets/${ticketId}`,
      `/participants/${participantId}/notices`,
    ])
      await visit(page, path);
    await page.context().clearCookies();
    await visit(page, '/login');
    await page.locator('input[name=loginName]').fill(newcomer.loginName);
    await page.locator('input[name=password]').fill(newcomer.password);
    await page.locator('button[type=submit]').click();
    await page.locator('input[name=next]').waitFor();
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('the other browser protections', () => {
  it('pages and API answers carry them; API answers are not stored; no source map is served', async () => {
    const page = await fetch(`${yorozu.url}/fleet`);
    for (const [name, value] of [
      ['x-frame-options', 'DENY'],
      ['x-content-type-options', 'nosniff'],
      ['referrer-policy', 'same-origin'],
    ])
      expect(page.headers.get(name!)).toBe(value);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const operator = await operatorClient(yorozu.url);
    const me = await operator.call('GET', '/api/v1/me');
    expect(me.headers.get('cache-control')).toBe('no-store');
    const exported = await operator.call(
      'GET',
      `/api/v1/participants/${participantId}/events/export?format=csv&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`,
    );
    expect(exported.headers.get('cache-control')).toBe('no-store');
    const login = await callApi(yorozu.url, 'POST', '/api/v1/auth/login', {
      loginName: 'nobody',
      password: 'nothing-at-all-1',
    });
    expect(login.headers.get('cache-control')).toBe('no-store');
    const html = await (await fetch(`${yorozu.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    expect((await fetch(`${yorozu.url}${script}.map`)).status).toBe(404);
    expect(await (await fetch(`${yorozu.url}${script}`)).text()).not.toMatch(/sourceMappingURL/);
  });
});
