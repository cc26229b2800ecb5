import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as contract from '../../contract/index.js';
import { YorozuAgent } from '../../agent/agent-runtime.js';
import { enroll, reportUninstall } from '../../agent/protocol-client.js';
import { operatorClient, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { until } from '../support/until.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The uninstall command (terms art. 11 (4)) reaches a WebSocket agent as a command and an HTTP-only agent
 * as the `uninstall` flag of its next refused batch; each reports with POST /v1/uninstall-report, the
 * server stores it, and the device page and the fleet (API and browser) show which PCs still have the software.
 */
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let operator: ApiClient;
let participantId: string;
let secret: string;
const stateDirectory = mkdtempSync(path.join(tmpdir(), 'yorozu-uninstall-'));

beforeAll(async () => {
  yorozu = await startTestYorozu('agent-uninstall');
  ({ participantId, secret } = await participantWithSecret(yorozu, '株式会社アンインストール'));
  operator = await operatorClient(yorozu.url);
});
afterAll(async () => {
  await yorozu?.cleanup();
  rmSync(stateDirectory, { recursive: true, force: true });
});

const revokeAndUninstall = (deviceId: string) =>
  operator.call('POST', `/api/v1/admin/devices/${deviceId}/revoke`, { reason: '参加終了', uninstall: true });
const device = async (deviceId: string) =>
  (await operator.call<contract.DeviceAnswer>('GET', `/api/v1/participants/${participantId}/devices/${deviceId}`)).body
    .device;
async function fleet(state: string) {
  const reply = await operator.call<contract.DeviceOverview>(
    'GET',
    `/api/v1/admin/fleet/devices?participant=${participantId}&state=${state}`,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.devices.map((row) => row.hostname);
}

describe('uninstall', () => {
  it('a WebSocket agent removes itself and reports; an HTTP-only agent hears it on its next batch', async () => {
    const lines: string[] = [];
    const agent = new YorozuAgent({
      serverUrl: yorozu.url,
      enrollmentSecret: secret,
      stateDirectory,
      bufferMaxBytes: 1024 * 1024,
      hostname: 'WS-PC-01',
      reconnectMaxMs: 500,
      log: (_level, message) => lines.push(message),
    });
    const ended = agent.run();
    const wsDevice = await until(
      'the WebSocket agent to connect',
      () => lines.includes('connected') && agent.files.readCredential()?.deviceId,
    );
    const httpDevice = await enroll(yorozu.url, secret, 'HTTP-PC-02');
    const stays = await enroll(yorozu.url, secret, 'STAYS-PC-03');
    expect(await fleet('software_installed')).toEqual(['HTTP-PC-02', 'STAYS-PC-03', 'WS-PC-01']);

    // The WebSocket agent: told at once, removes its state, reports, stops with "uninstalled".
    expect((await revokeAndUninstall(wsDevice)).status).toBe(200);
    expect(await ended).toBe('uninstalled');
    expect(existsSync(stateDirectory)).toBe(false);
    expect(lines).toContain('uninstall reported to the desk');
    const ws = await device(wsDevice);
    expect(ws).toMatchObject({ status: 'revoked', uninstall_status: 'done' });
    expect(ws.uninstall_reported_at).not.toBeNull();
    expect(ws.uninstall_detail).toContain('removed: credential, buffer, state');

    // The HTTP-only agent: its next batch is refused with the uninstall flag; then it reports.
    expect((await revokeAndUninstall(httpDevice.deviceId)).status).toBe(200);
    const refused = await fetch(new URL('/v1/batches', yorozu.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${httpDevice.credential}` },
      body: JSON.stringify({ v: 1, type: 'heartbeat', sentAt: new Date().toISOString() }),
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'credential_revoked', uninstall: true });
    expect((await device(httpDevice.deviceId)).uninstall_status).toBeNull();
    await reportUninstall(yorozu.url, httpDevice.credential, {
      status: 'done',
      removed: ['credential', 'buffer', 'state', 'service', 'program'],
      heardBy: 'http',
    });
    expect(await device(httpDevice.deviceId)).toMatchObject({ uninstall_status: 'done' });

    // A device never told to uninstall cannot report one, nor can a bad report be stored.
    await expect(
      reportUninstall(yorozu.url, stays.credential, { status: 'done', removed: [], heardBy: 'http' }),
    ).rejects.toThrow(/409/);
    await expect(
      reportUninstall(yorozu.url, httpDevice.credential, { status: 'gone' as 'done', removed: [], heardBy: 'http' }),
    ).rejects.toThrow(/400.*status/);

    expect(await fleet('uninstalled')).toEqual(['HTTP-PC-02', 'WS-PC-01']);
    expect(await fleet('software_installed')).toEqual(['STAYS-PC-03']);

    // What the operator sees: "uninstalled at … JST" on both device pages, and the fleet filter.
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors = collectPageErrors(page);
      await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
      await page.goto(`${yorozu.url}/participants/${participantId}/devices/${wsDevice}`);
      await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
      const uninstalled = page.locator('[data-test=device-uninstalled-at]');
      await uninstalled.waitFor();
      expect(await uninstalled.innerText()).toMatch(
        /^アンインストール済み（\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} JST）$/,
      );
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${yorozu.url}/participants/${participantId}/devices/${httpDevice.deviceId}`);
      await uninstalled.waitFor();
      expect(await uninstalled.innerText()).toContain('アンインストール済み');
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${yorozu.url}/fleet?state=software_installed`);
      await expect
        .poll(() => page.locator('[data-test=device-row]').allInnerTexts())
        .toEqual([expect.stringContaining('STAYS-PC-03')]);
      await page.goto(`${yorozu.url}/fleet?state=uninstalled`);
      await expect.poll(() => page.locator('[data-test=device-uninstalled]').count()).toBe(2);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
