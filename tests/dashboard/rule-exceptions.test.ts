import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, signInThroughForm } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * A rule's exceptions in the rule editor, in Japanese on a phone-wide screen: a field Yorozu does not have is
 * refused with the field named, a value exception is added for one participant and listed with its reason and
 * who set it, and it is lifted after a confirmation — each step checked against the API too.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let operator: ApiClient;
let participantId = '';
const RULE_ID = 'op-test-exception-ui';
const RULE = `title: 例外を試す mimikatz
id: ${RULE_ID}
status: experimental
logsource:
  product: yorozu
  category: software_operation
detection:
  selection:
    process_name|endswith: 'mimikatz.exe'
  condition: selection
level: high
`;

/** A bundled SigmaHQ rule: SigmaHQ's English title, and its Japanese one from detections/rule-pack/sigmahq-ja.yml. */
const MIMIKATZ = {
  id: 'a642964e-bead-4bed-8910-1bb4d63e3b4d',
  en: 'HackTool - Mimikatz Execution',
  ja: 'ハッキングツール Mimikatz の実行',
};

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-rule-exceptions');
  participantId = (await participantWithSecret(yorozu, '株式会社れいがい商店')).participantId;
  await participantWithSecret(yorozu, '株式会社ほかの');
  operator = await operatorClient(yorozu.url);
  expect(
    (await operator.call('PUT', `/api/v1/admin/detection-rules/${RULE_ID}`, { enabled: true, yaml: RULE })).status,
  ).toBe(200);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

const storedExceptions = async () =>
  (
    await operator.call<{ exceptions: { ruleId: string; participantId: string; field: string; value: string }[] }>(
      'GET',
      '/api/v1/admin/detection-exceptions',
    )
  ).body.exceptions.filter((e) => e.ruleId === RULE_ID);

describe("a rule's exceptions", () => {
  it('refuses an unknown field by name, adds a value exception, lists it, and lifts it after a confirmation', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    // As the attention queue's 「この参加者では検知しない」 opens it: the finding's participant already chosen.
    await page.goto(`${yorozu.url}/detection-rules?rule=${RULE_ID}&exceptionFor=${participantId}`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    const section = page.locator('[data-test=rule-exceptions]');
    await section.locator('[data-test=exceptions-none]').waitFor();
    expect(await section.locator('[data-test=exceptions-none]').innerText()).toBe('このルールに例外はありません。');

    await expect.poll(() => section.locator('[data-test=exception-participant]').inputValue()).toBe(participantId);
    await section.locator('[data-test=exception-by-value]').check();
    await section.locator('[data-test=exception-field]').fill('NoSuchField');
    await section.locator('[data-test=exception-value]').fill('svc-backup');
    await section.locator('[data-test=exception-reason]').fill('バックアップ用アカウントの定期作業');
    await section.locator('[data-test=exception-add]').click();
    const refusal = section.locator('[data-test=exception-error]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe('Yorozu にない項目が使われています: NoSuchField');
    expect(await storedExceptions()).toEqual([]);

    await section.locator('[data-test=exception-field]').fill('user_name');
    await section.locator('[data-test=exception-add]').click();
    const row = section.locator('[data-test=exception-row]');
    await row.waitFor();
    const listed = await row.innerText();
    expect(listed).toContain('株式会社れいがい商店');
    expect(listed).toContain('user_name = svc-backup');
    expect(listed).toContain('バックアップ用アカウントの定期作業');
    expect(listed).toContain(TEST_OPERATOR.loginName);
    expect(await storedExceptions()).toMatchObject([{ participantId, field: 'user_name', value: 'svc-backup' }]);

    await row.locator('[data-test=exception-lift]').click();
    const confirm = section.locator('[data-test=exception-confirm]');
    expect(await confirm.innerText()).toContain('株式会社れいがい商店 の「例外を試す mimikatz」の例外を解除します');
    expect(await storedExceptions()).toHaveLength(1);
    await confirm.locator('[data-test=exception-confirm-lift]').click();
    await row.waitFor({ state: 'detached' });
    await expect.poll(storedExceptions).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("names a bundled SigmaHQ rule by its Japanese title in Japanese and by SigmaHQ's title in English", async () => {
    const added = await operator.call('POST', `/api/v1/admin/participants/${participantId}/detection-exceptions`, {
      ruleId: MIMIKATZ.id,
      reason: '検証用の端末',
    });
    expect(added.status).toBe(200);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    await page.goto(`${yorozu.url}/detection-rules?rule=${MIMIKATZ.id}`);
    await page.locator('[data-test=purpose-dialog] button[type=submit]').click();
    const section = page.locator('[data-test=rule-exceptions]');
    await section.locator('[data-test=exception-row] [data-test=exception-lift]').click();
    const confirm = section.locator('[data-test=exception-confirm]');
    const japanese = await confirm.innerText();
    expect(japanese).toContain(`株式会社れいがい商店 の「${MIMIKATZ.ja}」の例外を解除します`);
    expect(japanese).not.toContain(MIMIKATZ.en);

    await page.locator('[data-test=language-switch]').click();
    await expect.poll(() => confirm.innerText()).toContain(`exception to “${MIMIKATZ.en}” is lifted`);
    expect(await confirm.innerText()).not.toContain(MIMIKATZ.ja);
    expect(errors).toEqual([]);
    await page.close();
  });
});
