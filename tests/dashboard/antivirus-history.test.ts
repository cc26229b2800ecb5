import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlantedIncident, SimulatorResult } from '../../agent/simulator/index.js';
import { operatorClient, participantUserClient, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { backfilledOffices, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * A device's antivirus history on its page, from a simulated week in which the simulator switched real-time
 * protection off on one PC (the antivirus_disabled incident): the day it stopped shows "off" from when, the next
 * day "on" again and marked as a change, the product and the definitions age as the agent reported them. The
 * operator reads it in Japanese at 1280 px; the participant's user in English at 390 px. The participant's PDF
 * report (read back with poppler's pdftotext) sums it up per PC in each language.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let office: { participantId: string };
let simulated: SimulatorResult;
let incident: PlantedIncident;
let user: ApiClient & { password: string };
let engineDays: { day: string; passes: string; failures: string; product: string; oldest: string }[];

const jstDate = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-antivirus-history');
  const offices = await backfilledOffices(yorozu, [{ name: '株式会社あおば', code: 'AOBA' }], {
    seed: 1124,
    days: 7,
    devicesPerParticipant: 3,
    scale: 0.2,
  });
  office = offices.participants[0]!;
  simulated = offices.simulated;
  incident = simulated.incidents.find((planted) => planted.kind === 'antivirus_disabled')!;
  // What the engine itself says of each JST day of the device: the answer the page must show.
  engineDays = await queryRows(
    yorozu,
    `SELECT toString(toDate(time, 'Asia/Tokyo')) AS day,
       countIf(check_id = 'antivirus.running' AND status = 'pass') AS passes,
       countIf(check_id = 'antivirus.running' AND status = 'fail') AS failures,
       argMaxIf(value, time, check_id = 'antivirus.running' AND status = 'pass') AS product,
       maxIf(toUInt32OrZero(value), check_id = 'antivirus.definitions_age_days') AS oldest
     FROM health_results FINAL WHERE participant_id = {p:UUID} AND device_id = {d:UUID}
       AND check_id IN ('antivirus.running', 'antivirus.definitions_age_days')
     GROUP BY day ORDER BY day DESC`,
    { p: office.participantId, d: incident.deviceId! },
  );
  const operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, office.participantId, 'aoba-user');
  browser = await launchBrowser();
});

const scratch = mkdtempSync(path.join(tmpdir(), 'yorozu-antivirus-report-'));

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe("a device's antivirus history", () => {
  it('the simulated week switched real-time protection off on one PC', () => {
    expect(incident, 'an antivirus_disabled incident in the simulated week').toBeDefined();
    expect(engineDays.some((day) => Number(day.failures) > 0)).toBe(true);
  });

  it('an operator sees, in Japanese, the day protection stopped and from when, and the next day it is back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.goto(`${yorozu.url}/participants/${office.participantId}/devices/${incident.deviceId}`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    const days = page.locator('[data-test=antivirus-day]');
    await expect.poll(() => days.count()).toBe(engineDays.length);
    expect(await days.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-day')))).toEqual(
      engineDays.map((day) => day.day),
    );
    for (const [index, engine] of engineDays.entries()) {
      const row = days.nth(index);
      const failures = Number(engine.failures);
      const expected = failures === 0 ? 'on' : Number(engine.passes) === 0 ? 'off' : 'partly_off';
      expect(await row.locator('[data-test=antivirus-protection]').getAttribute('data-protection'), engine.day).toBe(
        expected,
      );
      expect(await row.locator('[data-test=antivirus-product]').innerText()).toBe(
        engine.product || '（動作中の製品なし）',
      );
      expect(await row.locator('[data-test=antivirus-definitions]').innerText()).toBe(`${engine.oldest} 日`);
    }
    // The day it stopped: off, from a JST time no earlier than the incident; the day after is on again, a change.
    const stopped = page.locator(`[data-test=antivirus-day][data-day="${jstDate(incident.fromMs)}"]`);
    const protection = await stopped.locator('[data-test=antivirus-protection]').innerText();
    expect(protection).toMatch(/無効（\d\d:\d\d:\d\d から）|一時無効（\d\d:\d\d:\d\d に停止）/);
    const [hh, mm] = /(\d\d):(\d\d)/.exec(protection)!.slice(1).map(Number) as [number, number];
    const incidentJst = new Date(incident.fromMs + 9 * 3_600_000);
    expect(hh * 60 + mm).toBeGreaterThanOrEqual(incidentJst.getUTCHours() * 60 + incidentJst.getUTCMinutes());
    const stoppedIndex = engineDays.findIndex((day) => day.day === jstDate(incident.fromMs));
    if (stoppedIndex > 0) {
      const after = days.nth(stoppedIndex - 1);
      expect(await after.locator('[data-test=antivirus-protection]').getAttribute('data-protection')).toBe('on');
      expect(await after.getAttribute('data-changed')).toBe('true');
    }
    expect(await stopped.getAttribute('data-changed')).toBe(String(stoppedIndex < engineDays.length - 1));
    expect(await page.locator('[data-test=antivirus-section]').innerText()).toContain('ウイルス対策の履歴');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the participant's user reads it in English at 390 px, with no Japanese", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, 'aoba-user', user.password);
    await page.locator('[data-test=language-switch]').click();
    await page.goto(`${yorozu.url}/participants/${office.participantId}/devices/${incident.deviceId}`);
    const section = page.locator('[data-test=antivirus-section]');
    await expect.poll(() => section.locator('[data-test=antivirus-day]').count()).toBe(engineDays.length);
    const stopped = section.locator(`[data-test=antivirus-day][data-day="${jstDate(incident.fromMs)}"]`);
    expect(await stopped.locator('[data-test=antivirus-protection]').innerText()).toMatch(
      /^Off (\(since|for a while \(stopped at) \d\d:\d\d:\d\d\)$/,
    );
    // Product names are the vendor's own; everything else in the section is the English catalogue.
    const products = new Set(engineDays.map((day) => day.product));
    let text = await section.innerText();
    for (const product of products) text = text.replaceAll(product, '');
    expect(text).toContain('Antivirus history');
    expect(text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the report on a 390 px phone shows the table without widening the page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, 'aoba-user', user.password);
    await page.goto(`${yorozu.url}/participants/${office.participantId}/report`);
    await page.locator('[data-test=report-ready]').waitFor();
    // One row per PC of the participant that reported its antivirus (every simulated PC does).
    const hosts = simulated.devices.filter((d) => d.participantId === office.participantId);
    await expect.poll(() => page.locator('[data-test=report-antivirus-row]').count()).toBe(hosts.length);
    const row = page.locator(`[data-test=report-antivirus-row][data-device-id="${incident.deviceId}"]`);
    expect(await row.locator('[data-test=report-antivirus-stopped]').innerText()).toMatch(
      /^\d+ 日 \/ \d+ 日（終日 \d+ 日）$/,
    );
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the participant's PDF report sums it up per PC: days stopped of days checked, all-day stops, definitions age", async () => {
    // The incident PC's figures as the engine counts them, independently of the report's own query.
    const stopped = engineDays.filter((day) => Number(day.failures) > 0);
    const off = stopped.filter((day) => Number(day.passes) === 0).length;
    const checked = engineDays.filter((day) => Number(day.passes) + Number(day.failures) > 0).length;
    const [definitions] = await queryRows<{ newest: string; largest: string; stopJa: string; stopEn: string }>(
      yorozu,
      `SELECT argMaxIf(toUInt32OrZero(value), time, check_id = 'antivirus.definitions_age_days') AS newest,
         maxIf(toUInt32OrZero(value), check_id = 'antivirus.definitions_age_days') AS largest,
         toTimeZone(maxIf(time, check_id = 'antivirus.running' AND status = 'fail'), 'Asia/Tokyo') AS last_stop,
         formatDateTime(last_stop, '%Y/%m/%d %H:%i') AS stopJa, formatDateTime(last_stop, '%Y-%m-%d, %H:%i') AS stopEn
       FROM health_results FINAL WHERE participant_id = {p:UUID} AND device_id = {d:UUID}`,
      { p: office.participantId, d: incident.deviceId! },
    );
    expect(stopped.length).toBeGreaterThan(0);
    // A table cell may wrap: compare without the line breaks and spaces pdftotext puts in.
    const flat = (words: string) => words.replace(/\s+/g, '');
    const section = async (language: 'ja' | 'en', from: string, to: string) => {
      const response = await fetch(
        new URL(`/api/v1/participants/${office.participantId}/health/report.pdf?lang=${language}`, yorozu.url),
        { headers: { authorization: `Bearer ${user.sessionToken}` } },
      );
      expect(response.status, response.status === 200 ? '' : await response.clone().text()).toBe(200);
      const file = path.join(scratch, `report-${language}.pdf`);
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const text = flat(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
      const start = text.indexOf(flat(from));
      expect(start, `the PDF has the section ${from}`).toBeGreaterThan(-1);
      return text.slice(start, text.indexOf(flat(to), start));
    };

    const japanese = await section('ja', '端末ごとのウイルス対策', 'インベントリの概要');
    // The rows are counted on the page (the 390 px test): in the PDF a wrapped cell's pieces land beside other cells'.
    expect(japanese).toContain(flat(`${stopped.length} 日 / ${checked} 日（終日 ${off} 日）`));
    expect(japanese).toContain(flat(`${definitions!.newest} 日 / ${definitions!.largest} 日`));
    for (const part of definitions!.stopJa.split(' ')) expect(japanese).toContain(part);

    const english = await section('en', 'Antivirus per device', 'Inventory summary');
    expect(english).toContain(flat(`${stopped.length} of ${checked} days (${off} all day)`));
    expect(english).toContain(flat(`${definitions!.newest} / ${definitions!.largest} days`));
    for (const part of definitions!.stopEn.split(' ')) expect(english).toContain(part);
    // The only Japanese is the product's name as the agent reported it (a wrapped cell splits it, so by character).
    const japaneseCharacter = /[\u3040-\u30ff\u4e00-\u9fff]/;
    const productCharacters = new Set(engineDays.flatMap((day) => [...day.product]));
    const foreign = [...english].filter((c) => japaneseCharacter.test(c) && !productCharacters.has(c));
    expect(foreign.join('')).toBe('');
  });
});
