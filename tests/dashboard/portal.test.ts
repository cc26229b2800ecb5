import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorResult } from '../../agent/simulator/index.js';
import { operatorClient, participantUserClient, TEST_OPERATOR } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm, shownText } from '../support/browser.js';
import { backfilledOffices, startTestYorozu } from '../support/yorozu-under-test.js';

/** Signing in, the fleet and device pages, the language switch, and tenancy as a browser sees it. */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let mine: { participantId: string; secret: string };
let theirs: { participantId: string; secret: string };
let simulated: SimulatorResult;
let portalUser: { loginName: string; password: string };

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-portal');
  const offices = await backfilledOffices(
    yorozu,
    [
      { name: '株式会社わかば', code: 'WAKABA' },
      { name: '株式会社こだま', code: 'KODAMA' },
    ],
    { seed: 5, days: 1, devicesPerParticipant: 2, scale: 0.2 },
  );
  [mine, theirs] = offices.participants as [typeof mine, typeof theirs];
  simulated = offices.simulated;
  const operator = await operatorClient(yorozu.url);
  const user = await participantUserClient(yorozu.url, operator, mine.participantId, 'wakaba-user');
  portalUser = { loginName: 'wakaba-user', password: user.password };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

const hostsOf = (participantId: string) =>
  simulated.devices.filter((d) => d.participantId === participantId).map((d) => d.hostname);

describe('the dashboard', () => {
  it('a wrong password shows the reason on the login form', async () => {
    const page = await browser.newPage();
    await page.goto(`${yorozu.url}/login`);
    await page.locator('input[name=loginName]').fill('admin');
    await page.locator('input[name=password]').fill('definitely-not-it');
    await page.locator('button[type=submit]').click();
    await page.locator('[data-test=login-error]').waitFor();
    expect(await page.locator('[data-test=login-error]').innerText()).toMatch(/ログイン名またはパスワード/);
    await page.close();
  });

  it('an operator signs in, sees the fleet in Japanese, and switches to English, which is remembered', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.goto(`${yorozu.url}/fleet`);
    // The fleet shows every participant's activity: the purpose is asked first (terms art. 15).
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=participant-row]', { hasText: '株式会社わかば' }).waitFor();
    await expect.poll(() => page.locator('[data-test=participant-row]').count()).toBe(2);
    await expect.poll(() => page.locator('[data-test=device-row]').count()).toBe(simulated.devices.length);
    // The header's links sit in closed menus: the current page's link (aria-current) names it.
    const current = page.locator('header a[aria-current=page]');
    const currentName = async () => (await current.textContent())?.trim();
    await expect.poll(currentName).toBe('フリート');
    await page.locator('[data-test=language-switch]').click();
    await expect.poll(currentName).toBe('Fleet');
    await page.reload();
    await expect.poll(currentName).toBe('Fleet');
    await page.locator('[data-test=language-switch]').click(); // back to Japanese for the next tests
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the device page shows the device and its timeline', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInThroughForm(page, yorozu.url, portalUser.loginName, portalUser.password);
    const device = simulated.devices.find((d) => d.participantId === mine.participantId)!;
    await page.goto(`${yorozu.url}/participants/${mine.participantId}/devices/${device.deviceId}`);
    await page.getByText(device.hostname).first().waitFor();
    await page.locator('canvas').first().waitFor();
    await page.close();
  });

  it('a participant user signing in from the bare address lands on its own devices, not the fleet (issue 19)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(`${yorozu.url}/`);
    await page.waitForURL(/\/login\?next=/);
    await page.locator('input[name=loginName]').fill(portalUser.loginName);
    await page.locator('input[name=password]').fill(portalUser.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`**/participants/${mine.participantId}/devices`);
    for (const host of hostsOf(mine.participantId)) await page.getByText(host).first().waitFor();
    expect(await shownText(page.locator('main'))).not.toContain('オペレーターだけ');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a participant user changes its own password at any time from the header (issue 19)', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInThroughForm(page, yorozu.url, portalUser.loginName, portalUser.password);
    await page.locator('[data-test=nav-password]').click();
    const next = 'わかばの新しいパスワード-2026-12';
    await page.locator('input[name=current]').fill(portalUser.password);
    await page.locator('input[name=next]').fill(next);
    await page.locator('yorozu-password-page button[type=submit]').click();
    await page.locator('[data-test=password-changed]').waitFor();
    portalUser = { ...portalUser, password: next };
    await page.close();
  });

  it("a participant user sees its own devices, and not another participant's even by typing the address", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInThroughForm(page, yorozu.url, portalUser.loginName, portalUser.password);
    await page.waitForURL(`**/participants/${mine.participantId}/devices`);
    for (const host of hostsOf(mine.participantId)) await page.getByText(host).first().waitFor();
    const own = await shownText(page.locator('main'));
    for (const host of hostsOf(theirs.participantId)) expect(own).not.toContain(host);

    for (const path of ['devices', 'explorer', 'inventory']) {
      await page.goto(
        `${yorozu.url}/participants/${theirs.participantId}/${path}${path === 'explorer' ? '?q=&range=7d' : ''}`,
      );
      await page.waitForLoadState('networkidle');
      const text = await shownText(page.locator('main'));
      for (const host of hostsOf(theirs.participantId)) expect(text, path).not.toContain(host);
      expect(text, path).not.toContain('株式会社こだま');
    }
    const device = simulated.devices.find((d) => d.participantId === theirs.participantId)!;
    await page.goto(`${yorozu.url}/participants/${theirs.participantId}/devices/${device.deviceId}`);
    await page.waitForLoadState('networkidle');
    expect(await shownText(page.locator('main'))).not.toContain(device.hostname);
    await page.close();
  });
});
