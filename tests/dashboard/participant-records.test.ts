import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { addDays, jstDateOf } from '../../common/jst-time.js';
import { operatorClient, participantUserClient, TEST_OPERATOR } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 19, the participant's records from both sides, in Japanese and through the pages only (the fixtures,
 * two participants with a portal user each, are made before): the participant edits its registered details and the
 * operator sees who changed what; an operator revokes with prior notice and the participant reads the notice; the
 * participant asks to withdraw, seeing what it will mean, and the operator completes it.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
const RETENTION_DAYS = 45;
const minato = { participantId: '', login: 'minato-somu', password: '', contact: 'somu@minato.example.jp' };
const aoba = { participantId: '', login: 'aoba-jimu', password: '', contact: 'jimu@aoba.example.jp' };

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-participant-records', {
    YOROZU_DATA_RETENTION_DAYS: String(RETENTION_DAYS),
  });
  const register = (organisation: string, contactEmail: string) =>
    yorozu.participants.applications.registerDirectly(
      { organisation, contactEmail, address: '横浜市中区1-2-3', phone: '045-000-0000', contactName: '総務' },
      'test',
    );
  minato.participantId = await register('有限会社みなと製作所', minato.contact);
  aoba.participantId = await register('医療法人あおば会', aoba.contact);
  const { token } = await yorozu.devices.createEnrollmentSecret(aoba.participantId, 'test', 'test');
  await enroll(yorozu.url, token, 'AOBA-UKETSUKE-01');
  const operator = await operatorClient(yorozu.url);
  minato.password = (await participantUserClient(yorozu.url, operator, minato.participantId, minato.login)).password;
  aoba.password = (await participantUserClient(yorozu.url, operator, aoba.participantId, aoba.login)).password;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

async function signedIn(loginName: string, password: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInThroughForm(page, yorozu.url, loginName, password);
  return { page, errors };
}

/** The operator's page of a participant, after the access purpose asked once per session (art. 15). */
async function operatorOn(participantId: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await signedIn(TEST_OPERATOR.loginName, TEST_OPERATOR.password);
  await opened.page.goto(`${yorozu.url}/participants/${participantId}/admin`);
  await opened.page.locator('[data-test=purpose-dialog] button[type=submit]').click();
  await opened.page.locator('[data-test=participant-status]').waitFor();
  return opened;
}

describe("the participant's records", () => {
  it('the participant changes its registered details in its portal, and the operator sees who changed what, when', async () => {
    const { page, errors } = await signedIn(minato.login, minato.password);
    await page.locator('[data-test=nav-registration]').click();
    await page.locator('[data-test=details-form]').waitFor();
    expect(await page.locator('[data-test=registration-name]').innerText()).toBe('有限会社みなと製作所');
    await page.locator('[data-test=details-representative]').fill('港 花子');
    await page.locator('[data-test=details-phone]').fill('045-123-4567');
    await page.locator('[data-test=details-save]').click();
    await page.locator('[data-test=details-saved]').waitFor();
    const own = page.locator('[data-test=history-entry][data-kind=update_details]');
    await own.waitFor();
    expect(await own.innerText()).toContain('港 花子');
    expect(await own.innerText()).toContain('登録事項の変更');
    await page.context().close();
    expect(errors).toEqual([]);

    const desk = await operatorOn(minato.participantId);
    expect(await desk.page.locator('[data-test=participant-details]').innerText()).toContain('港 花子');
    const entry = desk.page.locator('[data-test=history-entry][data-kind=update_details]');
    await entry.waitFor();
    expect(await entry.locator('[data-test=history-by]').innerText()).toBe(minato.login);
    const phone = entry.locator('[data-test=history-change][data-field=phone]');
    expect(await phone.innerText()).toContain('045-000-0000');
    expect(await phone.innerText()).toContain('045-123-4567');
    // English second: the same history in English, no Japanese label left in it.
    await desk.page.locator('[data-test=language-switch]').click();
    await entry.filter({ hasText: 'Registered details changed' }).waitFor();
    expect(await entry.innerText()).not.toContain('登録事項の変更');
    await desk.page.context().close();
    expect(desk.errors).toEqual([]);
  });

  it('an operator revokes with prior notice, the confirmation naming the notice and its recipient, and the participant reads the notice', async () => {
    const { page, errors } = await operatorOn(minato.participantId);
    const form = page.locator('[data-test=revocation-form]');
    await form.locator('[data-test=revocation-reason] option[value=breach_of_terms]').waitFor({ state: 'attached' });
    await form.locator('[data-test=revocation-reason]').selectOption('breach_of_terms');
    await form.locator('[data-test=revocation-note]').fill('利用規約第7条に反する利用が確認されました。');
    await form.locator('[data-test=revocation-review-button]').click();
    const notice = await page.locator('[data-test=revocation-notice]').innerText();
    expect(notice).toContain('参加資格取消しの予告');
    expect(notice).toContain('有限会社みなと製作所');
    expect(notice).toContain(minato.contact);
    await page.locator('[data-test=revocation-confirm]').click();
    await page
      .locator('[data-test=lifecycle-outcome][data-kind=revocation]', { hasText: '取消しを予告しました' })
      .waitFor();
    await page.locator('[data-test=revocation-pending]').waitFor();
    // What was sent, on the participant's page, with its delivery state.
    await page.locator('[data-test=participant-notices] [data-test=notice][data-kind=revocation_scheduled]').waitFor();
    const announced = page.locator('[data-test=history-entry][data-kind=revoke]', { hasText: TEST_OPERATOR.loginName });
    await announced.waitFor();
    expect(await announced.innerText()).toContain('取消しの予告');
    await page.context().close();
    expect(errors).toEqual([]);

    const portal = await signedIn(minato.login, minato.password, 390);
    await portal.page.locator('[data-test=nav-participant-notices]').click();
    const received = portal.page.locator('[data-test=notice][data-kind=revocation_scheduled]');
    await received.waitFor();
    expect(await received.innerText()).toContain('参加資格取消しの予告');
    expect(await received.innerText()).toContain('利用規約第7条に反する利用が確認されました。');
    await portal.page.context().close();
    expect(portal.errors).toEqual([]);
  });

  it('the participant asks to withdraw after seeing what it will mean, and the operator completes the withdrawal', async () => {
    const today = jstDateOf(new Date());
    const { page, errors } = await signedIn(aoba.login, aoba.password, 390);
    await page.locator('[data-test=nav-registration]').click();
    await page.locator('[data-test=withdrawal-form] textarea').fill('事業の見直しのため');
    await page.locator('[data-test=withdrawal-review]').click();
    await page.locator('[data-test=withdrawal-preview]').waitFor();
    expect(await page.locator('[data-test=withdrawal-agents]').innerText()).toContain('1 台');
    expect(await page.locator('[data-test=withdrawal-accounts]').innerText()).toContain('1 件');
    const deletion = await page.locator('[data-test=withdrawal-deletion]').innerText();
    expect([addDays(today, RETENTION_DAYS), addDays(jstDateOf(new Date()), RETENTION_DAYS)]).toContain(
      /(\d{4}-\d{2}-\d{2})/.exec(deletion)?.[1],
    );
    await page.locator('[data-test=withdrawal-confirm]').click();
    await page.locator('[data-test=withdrawal-requested]').waitFor();
    await expect
      .poll(() => page.locator('[data-test=registration-status]').getAttribute('data-status'))
      .toBe('withdrawal_requested');
    await page.context().close();
    expect(errors).toEqual([]);

    const desk = await operatorOn(aoba.participantId);
    const section = desk.page.locator('[data-test=withdrawal-section]');
    expect(await section.locator('[data-test=withdrawal-requested]').innerText()).toContain('事業の見直しのため');
    await section.locator('[data-test=withdrawal-effects]').waitFor();
    expect(await section.locator('[data-test=withdrawal-effects]').innerText()).toContain('1 台');
    const notice = await section.locator('[data-test=withdrawal-notice]').innerText();
    expect(notice).toContain('退会手続き完了のお知らせ');
    expect(notice).toContain(aoba.contact);
    await section.locator('[data-test=withdrawal-complete]').click();
    await desk.page.locator('[data-test=lifecycle-outcome][data-kind=withdrawal]').waitFor();
    await expect
      .poll(() => desk.page.locator('[data-test=participant-status]').getAttribute('data-status'))
      .toBe('withdrawn');
    await desk.page
      .locator('[data-test=participant-notices] [data-test=notice][data-kind=participation_ended]')
      .waitFor();
    await desk.page.locator('[data-test=history-entry][data-kind=complete_withdrawal]').waitFor();
    await desk.page.context().close();
    expect(desk.errors).toEqual([]);
  });
});
