import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, operatorClient, participantUserClient } from '../../harness/api-client.js';
import { TERMS_IN_FORCE } from '../../participants/terms.js';
import { collectPageErrors, launchBrowser, signInThroughForm, openAsOperator } from '../support/browser.js';
import { TestRelay } from '../support/test-relay.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Surveys in the browser, in Japanese and in English (art. 3 (3)(5), 23 (2)): an operator writes a survey with the
 * form and sends it; the invitation is mailed through the real relay; the participant answers it in its
 * portal on a phone, reading how answers are used; the operator sees the answer. The steps go through
 * the pages only (the set-up registers the participant through the API, as the other browser tests do).
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: TestRelay;
let browser: Browser;
let participantId: string;
let portalUser: { loginName: string; password: string };
let applicant: { applicationId: string; applicantToken: string };
const ADDRESS = 'jimu@sakuranbo.example.jp';
const TITLE = 'よろず相談窓口のご利用についてのアンケート';

/** A week from now as the value of a datetime-local input, in JST (the form reads it as JST). */
function jstInputValueInAWeek(): string {
  return new Date(Date.now() + 7 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 16);
}

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('dashboard-surveys', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
  });
  const operator = await operatorClient(yorozu.url);
  const created = await operator.call<{ participantId: string }>('POST', '/api/v1/admin/participants', {
    organisation: '株式会社さくらんぼ',
    contactEmail: ADDRESS,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  participantId = created.body.participantId;
  const user = await participantUserClient(yorozu.url, operator, participantId, 'sakuranbo-user');
  portalUser = { loginName: 'sakuranbo-user', password: user.password };
  // An applicant invited to an interview (set up through the API; the test then uses the applicant's page only).
  applicant = (
    await callApi<{ applicationId: string; applicantToken: string }>(yorozu.url, 'POST', '/api/v1/applications', {
      organisation: '株式会社もうしこみ',
      representative: '代表取締役 申込太郎',
      address: '京都府京都市1-1',
      phone: '075-123-4567',
      contactName: '申込花子',
      contactEmail: 'info@moushikomi.example.jp',
      termsVersion: TERMS_IN_FORCE.version,
      agreeToTerms: true,
    })
  ).body;
  const interview = await operator.call('POST', '/api/v1/admin/surveys', {
    kind: 'interview',
    titleJa: 'お申込み内容についてのヒアリング',
    interviewAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    interviewPlace: 'オンライン（Web会議）',
    deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    participantIds: [applicant.applicationId],
  });
  expect(interview.status, JSON.stringify(interview.body)).toBe(201);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
  await relay?.stop();
});

describe('surveys in the dashboard', () => {
  it('an operator sends a survey; the participant answers it in its portal; the operator sees the answer', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await openAsOperator(page, yorozu.url, '/surveys');
    const form = page.locator('[data-test=survey-form]');
    await form.waitFor();
    expect(await form.innerText()).toContain('アンケート・インタビューを作る');
    await page.locator('[data-test=survey-title-ja]').fill(TITLE);
    await page.locator('[data-test=survey-deadline]').fill(jstInputValueInAWeek());
    await page.locator('[data-test=add-choice]').click();
    const choice = page.locator('[data-test=survey-question][data-type=choice]');
    await choice.locator('[data-test=question-text]').fill('よく使う機能はどれですか');
    await choice.locator('[data-test=question-options]').fill('ログ検索\n健康診断レポート\n相談窓口');
    await page.locator('[data-test=add-scale]').click();
    await page.locator('[data-test=survey-question][data-type=scale] [data-test=question-text]').fill('満足度');
    await page.locator('[data-test=add-text]').click();
    await page.locator('[data-test=survey-question][data-type=text] [data-test=question-text]').fill('ご意見');
    await page.locator(`[data-test=survey-recipient][value="${participantId}"]`).check();
    await page.locator('[data-test=survey-send]').click();
    await page.locator('[data-test=survey-sent]').waitFor();
    // The invitation reached the participant's mailbox through the relay.
    await expect
      .poll(() => relay.mails.find((m) => m.to.includes(ADDRESS) && m.subject.includes(TITLE)), { timeout: 30_000 })
      .toBeDefined();
    expect(relay.mails.find((m) => m.subject.includes(TITLE))!.text).toContain('第23条第2項');
    await page.close();

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const phoneErrors = collectPageErrors(phone);
    await signInThroughForm(phone, yorozu.url, portalUser.loginName, portalUser.password);
    await phone.goto(`${yorozu.url}/participants/${participantId}/surveys`);
    const mine = phone.locator('[data-test=own-survey][data-state=waiting]');
    await mine.waitFor();
    expect(await mine.innerText()).toContain(TITLE);
    expect(await phone.locator('[data-test=survey-use]').innerText()).toContain('第23条第2項');
    await mine.locator('[data-test=answer-q1] label', { hasText: '健康診断レポート' }).locator('input').check();
    await mine.locator('[data-test=answer-q2] input[value="4"]').check();
    await mine.locator('[data-test=answer-q3]').fill('毎月のレポートが役に立っています');
    await mine.locator('[data-test=survey-submit]').click();
    await phone.locator('[data-test=survey-thanks]').waitFor();
    const answered = phone.locator('[data-test=own-survey][data-state=answered]');
    await answered.waitFor();
    expect(await answered.innerText()).toContain('回答済み');
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await phone.close();

    const back = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const backErrors = collectPageErrors(back);
    await openAsOperator(back, yorozu.url, '/surveys');
    const row = back.locator('[data-test=survey-row]', { hasText: TITLE });
    await row.waitFor();
    expect(await row.locator('[data-test=survey-answered]').innerText()).toBe('1');
    await row.locator('[data-test=survey-link]').click();
    const result = back.locator('[data-test=survey-recipient-row][data-state=answered]');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('株式会社さくらんぼ');
    expect(text).toContain('回答済み');
    expect(text).toContain('健康診断レポート');
    expect(text).toContain('4 / 5');
    expect(text).toContain('毎月のレポートが役に立っています');
    expect([...errors, ...phoneErrors, ...backErrors]).toEqual([]);
    await back.close();
  });

  it('written in both languages, an English reader answers it in English and the operator reads the answer in English', async () => {
    const TITLE_EN = 'Survey on using the Yorozu desk';
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await openAsOperator(page, yorozu.url, '/surveys');
    await page.locator('[data-test=survey-title-ja]').fill('二か国語のアンケート');
    await page.locator('[data-test=survey-title-en]').fill(TITLE_EN);
    await page.locator('[data-test=survey-intro]').fill('ご協力をお願いします。');
    await page.locator('[data-test=survey-intro-en]').fill('Thank you for your help.');
    await page.locator('[data-test=survey-deadline]').fill(jstInputValueInAWeek());
    await page.locator('[data-test=add-choice]').click();
    const choice = page.locator('[data-test=survey-question][data-type=choice]');
    await choice.locator('[data-test=question-text]').fill('よく使う機能はどれですか');
    await choice.locator('[data-test=question-text-en]').fill('Which feature do you use most?');
    await choice.locator('[data-test=question-options]').fill('ログ検索\n健康診断レポート');
    await choice.locator('[data-test=question-options-en]').fill('Log search\nHealth report');
    await page.locator('[data-test=add-scale]').click();
    const scale = page.locator('[data-test=survey-question][data-type=scale]');
    await scale.locator('[data-test=question-text]').fill('満足度');
    await scale.locator('[data-test=question-text-en]').fill('How satisfied are you?');
    await scale.locator('[data-test=question-min-label]').fill('不満');
    await scale.locator('[data-test=question-max-label]').fill('満足');
    await scale.locator('[data-test=question-min-label-en]').fill('Unhappy');
    await scale.locator('[data-test=question-max-label-en]').fill('Happy');
    await page.locator(`[data-test=survey-recipient][value="${participantId}"]`).check();
    await page.locator('[data-test=survey-send]').click();
    await page.locator('[data-test=survey-sent]').waitFor();

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const phoneErrors = collectPageErrors(phone);
    await signInThroughForm(phone, yorozu.url, portalUser.loginName, portalUser.password);
    await phone.locator('[data-test=language-switch]').click();
    await phone.goto(`${yorozu.url}/participants/${participantId}/surveys`);
    const mine = phone.locator('[data-test=own-survey][data-state=waiting]', { hasText: TITLE_EN });
    await mine.waitFor();
    const shown = await mine.innerText();
    for (const english of ['Thank you for your help.', 'Which feature do you use most?', 'Log search', 'Health report'])
      expect(shown).toContain(english);
    expect(shown).toContain('How satisfied are you?');
    expect(shown).toMatch(/Unhappy[\s\S]*Happy/);
    // Nothing the operator wrote in Japanese, and no Japanese UI text, reaches the English reader.
    expect(shown).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    await mine.locator('[data-test=answer-q1] label', { hasText: 'Health report' }).locator('input').check();
    await mine.locator('[data-test=answer-q2] input[value="5"]').check();
    await mine.locator('[data-test=survey-submit]').click();
    await phone.locator('[data-test=own-survey][data-state=answered]', { hasText: TITLE_EN }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await phone.close();

    await page.locator('[data-test=language-switch]').click();
    await page.goto(`${yorozu.url}/surveys`);
    const row = page.locator('[data-test=survey-row]', { hasText: TITLE_EN });
    await row.waitFor();
    await row.locator('[data-test=survey-link]').click();
    const result = page.locator('[data-test=survey-recipient-row][data-state=answered]');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('Health report');
    expect(text).toContain('5 / 5');
    expect([...errors, ...phoneErrors]).toEqual([]);
    await page.close();
  });

  it('an applicant reads the interview request on its application page and declines it, which is recorded', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = collectPageErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${yorozu.url}/apply/${applicant.applicationId}#token=${applicant.applicantToken}`);
    const request = page.locator('[data-test=own-survey][data-state=waiting]');
    await request.waitFor();
    expect(await request.innerText()).toContain('お申込み内容についてのヒアリング');
    expect(await page.locator('[data-test=survey-use]').innerText()).toContain('第23条第2項');
    await request.locator('[data-test=survey-decline]').click();
    const declined = page.locator('[data-test=own-survey][data-state=refused]');
    await declined.waitFor();
    expect(await declined.innerText()).toContain('辞退しました');
    expect(errors).toEqual([]);
    await page.close();
  });
});
