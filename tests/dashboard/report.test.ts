import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorResult } from '../../agent/simulator/index.js';
import { operatorClient, participantUserClient, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { backfilledOffices, startTestYorozu } from '../support/yorozu-under-test.js';
import type { DeviceHealth, HealthReport } from '../../contract/index.js';

/** The participant's health report: on screen, in print, and as a PDF, with only its own PCs. */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let mine: { participantId: string; secret: string };
let theirs: { participantId: string; secret: string };
let simulated: SimulatorResult;
let user: ApiClient & { password: string };
const scratch = mkdtempSync(path.join(tmpdir(), 'yorozu-report-'));

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-report');
  const offices = await backfilledOffices(
    yorozu,
    [
      { name: '株式会社はるかぜ', code: 'HARU' },
      { name: '株式会社あきかぜ', code: 'AKI' },
    ],
    { seed: 20261127, days: 3, devicesPerParticipant: 3, scale: 0.2 },
  );
  [mine, theirs] = offices.participants as [typeof mine, typeof theirs];
  simulated = offices.simulated;
  for (const participant of [mine, theirs])
    await yorozu.health.evaluation.evaluate(participant.participantId, new Date(), 'test');
  const operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, mine.participantId, 'harukaze-user');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

const hostsOf = (participantId: string) =>
  simulated.devices.filter((d) => d.participantId === participantId).map((d) => d.hostname);

describe('the health report', () => {
  it('a participant user opens its report: the score, the failing policies with advice, its own PCs only, and the disclaimer', async () => {
    const expected = await user.call<{ score: number; failing: { slug: string; title: { ja: string } }[] }>(
      'GET',
      `/api/v1/participants/${mine.participantId}/health`,
    );
    expect(expected.body.failing.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, 'harukaze-user', user.password);
    await page.goto(`${yorozu.url}/participants/${mine.participantId}/report`);
    await page.locator('[data-test=report-ready]').waitFor();
    expect(Number(await page.locator('[data-test=report-score]').innerText())).toBeCloseTo(expected.body.score, 1);
    const slugs = await page
      .locator('[data-test=report-failing-policy]')
      .evaluateAll((blocks) => blocks.map((block) => block.getAttribute('data-slug')));
    expect(new Set(slugs)).toEqual(new Set(expected.body.failing.map((policy) => policy.slug)));
    const text = await page.locator('main').innerText();
    for (const host of hostsOf(mine.participantId)) expect(text).toContain(host);
    for (const host of hostsOf(theirs.participantId)) expect(text).not.toContain(host);
    expect(await page.locator('[data-test=report-disclaimer]').innerText()).toContain(
      'リスクそのものを取り除くものではありません',
    );

    // The print layout carries the same score and policies, without the app's header.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').first().isVisible()).toBe(false);
    expect(await page.locator('[data-test=report-score]').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the PDF download holds the score and the failing policies', async () => {
    const expected = await user.call<{ score: number; failing: { title: { ja: string } }[] }>(
      'GET',
      `/api/v1/participants/${mine.participantId}/health`,
    );
    const response = await fetch(new URL(`/api/v1/participants/${mine.participantId}/health/report.pdf`, yorozu.url), {
      headers: { authorization: `Bearer ${user.sessionToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(scratch, 'report.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(String(expected.body.score));
    for (const policy of expected.body.failing) expect(text).toContain(policy.title.ja);
    for (const host of hostsOf(theirs.participantId)) expect(text).not.toContain(host);
  });

  it("in English, the participant's report, its device page and the PDF it downloads show each finding in English and none in Japanese", async () => {
    const report = await user.call<HealthReport>('GET', `/api/v1/participants/${mine.participantId}/health`);
    const findings = report.body.failing.flatMap((policy) => policy.devices.map((device) => device.detail));
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding.en).not.toBe(finding.ja);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, 'harukaze-user', user.password);
    await page.goto(`${yorozu.url}/participants/${mine.participantId}/report`);
    await page.locator('[data-test=report-ready]').waitFor();
    await page.locator('[data-test=language-switch]').click();
    const shown = (selector: string) => page.locator(selector).allInnerTexts();
    await expect
      .poll(async () => (await shown('[data-test=report-finding]')).sort())
      .toEqual(findings.map((f) => f.en).sort());
    let text = await page.locator('main').innerText();
    for (const finding of findings) expect(text).not.toContain(finding.ja);

    // The device failing the most policies, on its own page.
    const worst = [...report.body.devices].sort((a, b) => b.failing - a.failing)[0]!;
    expect(worst.failing).toBeGreaterThan(0);
    const device = await user.call<DeviceHealth>(
      'GET',
      `/api/v1/participants/${mine.participantId}/devices/${worst.device_id}/health`,
    );
    await page.locator(`a[href$="/devices/${worst.device_id}"]`).first().click();
    await page.locator('[data-test=device-health-row]').first().waitFor();
    await expect
      .poll(async () => (await shown('[data-test=device-health-finding]')).sort())
      .toEqual(device.body.policies.map((p) => p.detail.en || '—').sort());
    text = await page.locator('main').innerText();
    for (const { detail } of device.body.policies) if (detail.ja !== detail.en) expect(text).not.toContain(detail.ja);

    // The PDF the English page offers is in English.
    await page.goBack();
    await page.locator('[data-test=report-ready]').waitFor();
    const [download] = await Promise.all([
      // The download starts once the server has rendered the PDF with its own Chromium.
      page.waitForEvent('download', { timeout: 120_000 }),
      page.locator('[data-test=report-pdf]').click(),
    ]);
    const file = path.join(scratch, 'report-en.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    // A table cell may wrap: compare without the line breaks and spaces pdftotext puts in, and without the
    // "failing since" times of the next column (2026-12-06, 10:52), which pdftotext reads into a wrapped cell.
    const flat = (words: string) => words.replace(/\s+/g, '');
    const pdfText = flat(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).replace(
      /\d{4}-\d{2}-\d{2},\d{2}:\d{2}/g,
      '',
    );
    for (const finding of findings) {
      expect(pdfText).toContain(flat(finding.en));
      expect(pdfText).not.toContain(flat(finding.ja));
    }
    for (const policy of report.body.failing) expect(pdfText).toContain(flat(policy.title.en));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an operator edits a policy: a query reading a raw table is refused under the editor, in Japanese', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.goto(`${yorozu.url}/policies`);
    // The editor lists the participants to try a policy on: the access purpose is asked first (terms art. 15).
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=policy-row]').first().waitFor();
    await expect.poll(() => page.locator('[data-test=policy-row]').count()).toBe(15);
    await page.locator('[data-test=policy-new]').click();
    await page.locator('[data-test=policy-query]').fill('SELECT device_id, 1 AS passed, detail FROM health_results');
    await page.locator('[data-test=policy-slug]').fill('raw-table-attempt');
    for (const field of [
      'title_ja',
      'title_en',
      'description_ja',
      'description_en',
      'remediation_ja',
      'remediation_en',
    ])
      await page.locator(`[data-test=policy-${field}]`).fill('テスト');
    await page.locator('[data-test=policy-save]').click();
    const error = page.locator('[data-test=policy-error]');
    await error.waitFor();
    expect(await error.innerText()).toContain('health_results');
    await page.close();
  });

  it('an operator writes a policy answering detail_en: the editor says what it is for, and the trial in English shows it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.goto(`${yorozu.url}/policies`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    await page.locator('[data-test=policy-row]').first().waitFor();
    await page.locator('[data-test=policy-new]').click();
    expect(await page.locator('[data-test=policy-query-help]').innerText()).toContain('detail_en');
    await page.locator('[data-test=language-switch]').click();
    await expect
      .poll(() => page.locator('[data-test=policy-query-help]').innerText())
      .toMatch(/^detail is the finding/);
    await page
      .locator('[data-test=policy-query]')
      .fill(
        "SELECT device_id, 0 AS passed, concat(hostname, ' の確認が必要です') AS detail, concat(hostname, ' needs a look') AS detail_en FROM p_devices",
      );
    await page.locator('[data-test=policy-try-participant]').selectOption(mine.participantId);
    await page.locator('[data-test=policy-try-run]').click();
    await expect
      .poll(async () => (await page.locator('[data-test=policy-try-finding]').allInnerTexts()).sort())
      .toEqual(
        hostsOf(mine.participantId)
          .map((host) => `${host} needs a look`)
          .sort(),
      );
    expect(errors).toEqual([]);
    await page.close();
  });

  it("another participant's user cannot get this report, on screen or as a PDF", async () => {
    const operator = await operatorClient(yorozu.url);
    const stranger = await participantUserClient(yorozu.url, operator, theirs.participantId, 'akikaze-user');
    expect((await stranger.call('GET', `/api/v1/participants/${mine.participantId}/health`)).status).toBe(403);
    const pdf = await fetch(new URL(`/api/v1/participants/${mine.participantId}/health/report.pdf`, yorozu.url), {
      headers: { authorization: `Bearer ${stranger.sessionToken}` },
    });
    expect(pdf.status).toBe(403);
  });
});
