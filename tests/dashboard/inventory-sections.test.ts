import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { TEST_OPERATOR } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The inventory explorer's hardware summary and update gaps load for the participant shown, and again when the
 * page turns to another participant without a reload (the shell keeps the page's element): one office whose only
 * PC installed its last update 100 days ago, another whose two PCs updated yesterday.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let stale = '';
let current = '';
const DAY = 86_400_000;

async function sendInventory(secret: string, hostname: string, model: string, lastUpdate: number): Promise<void> {
  const device = await enroll(yorozu.url, secret, hostname);
  const response = await fetch(new URL('/v1/batches', yorozu.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${device.credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      v: 1,
      batchId: randomUUID(),
      type: 'inventory',
      snapshot: {
        collectedAt: new Date().toISOString(),
        hardware: {
          hostname,
          os: { name: 'Windows 11 Pro', version: '23H2', build: '22631.4460', architecture: 'x64' },
          manufacturer: 'Dell Inc.',
          model,
          memoryBytes: 17179869184,
          diskTotalBytes: 512110190592,
          diskFreeBytes: 201110190592,
        },
        software: [],
        osUpdates: [
          {
            id: 'KB5032190',
            title: '累積更新プログラム',
            kind: 'security',
            status: 'installed',
            installedAt: new Date(lastUpdate).toISOString(),
          },
        ],
      },
    }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-inventory-sections');
  const staleOffice = await participantWithSecret(yorozu, '株式会社ふるい');
  stale = staleOffice.participantId;
  await sendInventory(staleOffice.secret, 'FURUI-PC-01', 'Latitude 5440', Date.now() - 100 * DAY);
  const currentOffice = await participantWithSecret(yorozu, '株式会社あたらしい');
  current = currentOffice.participantId;
  await sendInventory(currentOffice.secret, 'ATARA-PC-01', 'OptiPlex 7010', Date.now() - DAY);
  await sendInventory(currentOffice.secret, 'ATARA-PC-02', 'OptiPlex 7010', Date.now() - DAY);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

describe('the inventory explorer', () => {
  it("shows each participant's hardware and update gaps, and the other participant's after an in-page change", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.goto(`${yorozu.url}/participants/${stale}/inventory`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    const total = page.locator('[data-test=hardware-summary-total]');
    const models = page.locator('[data-test=model-table] tbody');
    const gaps = page.locator('yorozu-update-gaps');
    await expect.poll(() => total.innerText()).toBe('ハードウェア情報のある端末: 1 台');
    expect(await models.innerText()).toContain('Latitude 5440');
    await expect.poll(() => gaps.locator('[data-test=update-gaps-table] tbody').innerText()).toContain('FURUI-PC-01');

    // The shell's own navigation (as a link inside the app does): the same page element, another participant.
    const next = JSON.stringify(`/participants/${current}/inventory`);
    await page.evaluate(`history.pushState(null, '', ${next}); window.dispatchEvent(new PopStateEvent('popstate'))`);
    await expect.poll(() => total.innerText()).toBe('ハードウェア情報のある端末: 2 台');
    expect(await models.innerText()).toContain('OptiPlex 7010');
    expect(await models.innerText()).not.toContain('Latitude 5440');
    await gaps.locator('[data-test=update-gaps-empty]').waitFor();
    expect(await gaps.innerText()).not.toContain('FURUI-PC-01');

    await page.goBack();
    await expect.poll(() => total.innerText()).toBe('ハードウェア情報のある端末: 1 台');
    await expect.poll(() => gaps.locator('[data-test=update-gaps-table] tbody').innerText()).toContain('FURUI-PC-01');
    expect(errors).toEqual([]);
    await page.close();
  });
});
