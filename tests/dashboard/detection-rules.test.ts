import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { operatorClient, type ApiClient } from '../../harness/api-client.js';
import { collectPageErrors, launchBrowser, openAsOperator } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The rule editor and the lists editor in the browser, in Japanese: a pasted Sigma rule with a field Yorozu
 * does not have is refused with the field named; corrected, it finds the planted event on the participant's
 * PC, is saved enabled, and is disabled again from the list. A known-bad domain is added to a list, a bad
 * value is refused in Japanese, and the entry is removed.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let operator: ApiClient;
let participantId = '';
const RULE_ID = 'op-test-mimikatz-name';
/** SigmaHQ's "HackTool - Mimikatz Execution" (detections/rule-pack/sigmahq/), which the planted command line matches. */
const SIGMAHQ_MIMIKATZ = 'a642964e-bead-4bed-8910-1bb4d63e3b4d';

const rule = (field: string) => `title: ツール名で見る mimikatz
id: ${RULE_ID}
status: experimental
logsource:
  product: yorozu
  category: software_operation
detection:
  selection:
    ${field}|endswith: 'mimikatz.exe'
  condition: selection
level: high
tags:
  - attack.t1003
`;

const ch = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-detection-rules');
  const office = await participantWithSecret(yorozu, '株式会社ルール商会');
  participantId = office.participantId;
  const device = await enroll(yorozu.url, office.secret, 'RULE-PC-01');
  const at = Date.now() - 3_600_000;
  await yorozu.database.client.insert({
    table: 'events',
    values: [
      {
        participant_id: office.participantId,
        device_id: device.deviceId,
        seq: 1,
        time: ch(at),
        received_at: ch(at),
        category: 'software_operation',
        action: 'start',
        user_name: 'rule.taro',
        process_name: 'mimikatz.exe',
        process_path: 'C:\\Tools\\mimikatz.exe',
        command_line: 'mimikatz.exe "privilege::debug" "sekurlsa::logonpasswords" exit',
      },
    ],
    format: 'JSONEachRow',
  });
  operator = await operatorClient(yorozu.url);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

async function operatorPage(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = collectPageErrors(page);
  await openAsOperator(page, yorozu.url, path);
  return { page, errors };
}

const savedRule = async () =>
  (
    await operator.call<{ rules: { rule_id: string; enabled: boolean }[] }>('GET', '/api/v1/admin/detection-rules')
  ).body.rules.find((r) => r.rule_id === RULE_ID);

describe('the rule editor', () => {
  it('names a missing field in Japanese, finds the planted event once corrected, saves, and disables', async () => {
    const { page, errors } = await operatorPage('/detection-rules');
    await page.locator('[data-test=rule-row]').first().waitFor();
    expect(await page.locator('[data-test=rule-row]').count()).toBeGreaterThanOrEqual(14);

    await page.locator('[data-test=rule-new]').click();
    await page.locator('[data-test=rule-yaml]').fill(rule('ImageFileName'));
    await page.locator('[data-test=rule-try-participant]').selectOption({ label: '株式会社ルール商会' });
    await page.locator('[data-test=rule-try-run]').click();
    const refusal = page.locator('[data-test=rule-try-error]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe('Yorozu にない項目が使われています: ImageFileName');

    await page.locator('[data-test=rule-yaml]').fill(rule('process_name'));
    await page.locator('[data-test=rule-try-run]').click();
    const result = page.locator('[data-test=rule-try-result]');
    await result.waitFor();
    expect(await result.getAttribute('data-rows')).toBe('1');
    const row = await page.locator('[data-test=rule-try-row]').innerText();
    expect(row).toContain('RULE-PC-01');
    expect(row).toContain('rule.taro');

    await page.locator('[data-test=rule-enable-on-save]').check();
    await page.locator('[data-test=rule-save]').click();
    await page.locator('[data-test=rule-saved]').waitFor();
    expect(await savedRule()).toMatchObject({ enabled: true });
    const listed = page.locator(`[data-test=rule-row][data-rule-id=${RULE_ID}]`);
    await listed.waitFor();
    expect(await listed.locator('[data-test=rule-enabled]').isChecked()).toBe(true);

    await listed.locator('[data-test=rule-enabled]').uncheck();
    await expect.poll(async () => (await savedRule())?.enabled).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a SigmaHQ rule in each language', () => {
  const JAPANESE_TITLE = 'ハッキングツール Mimikatz の実行';
  const ENGLISH_TITLE = 'HackTool - Mimikatz Execution';

  it('answers both titles for the rule and its finding', async () => {
    const rules = await operator.call<{
      rules: { rule_id: string; title: string; titleEn: string; description: string }[];
    }>('GET', '/api/v1/admin/detection-rules');
    expect(rules.body.rules.find((r) => r.rule_id === SIGMAHQ_MIMIKATZ)).toMatchObject({
      title: JAPANESE_TITLE,
      titleEn: ENGLISH_TITLE,
      description: 'よく知られた Mimikatz のコマンドライン引数を含むプロセスの実行を検知します。',
    });
    await yorozu.detections.run.runFor(participantId, new Date());
    const queue = await operator.call<{ items: { ruleId: string; title: string; titleEn: string }[] }>(
      'GET',
      `/api/v1/admin/attention?participant=${participantId}`,
    );
    expect(queue.status).toBe(200);
    expect(queue.body.items.filter((item) => item.ruleId === SIGMAHQ_MIMIKATZ)).toEqual([
      expect.objectContaining({ title: JAPANESE_TITLE, titleEn: ENGLISH_TITLE }),
    ]);
  });

  it("shows the Japanese title on the Japanese pages and SigmaHQ's in English", async () => {
    const { page, errors } = await operatorPage('/');
    const finding = page.locator('[data-test=attention-item]', { hasText: JAPANESE_TITLE });
    await finding.waitFor();
    expect(await finding.locator('[data-test=attention-title]').innerText()).toBe(JAPANESE_TITLE);
    expect(await page.locator('[data-test=attention-title]', { hasText: ENGLISH_TITLE }).count()).toBe(0);

    await page.goto(`${yorozu.url}/detection-rules`);
    const row = page.locator(`[data-test=rule-row][data-rule-id="${SIGMAHQ_MIMIKATZ}"]`);
    await row.waitFor();
    expect(await row.locator('[data-test=rule-open]').innerText()).toBe(JAPANESE_TITLE);
    expect(await row.locator('[data-test=rule-description]').innerText()).toContain('コマンドライン引数');

    await page.locator('[data-test=language-switch]').click();
    await expect.poll(async () => row.locator('[data-test=rule-open]').innerText()).toBe(ENGLISH_TITLE);
    expect(await row.locator('[data-test=rule-description]').innerText()).toBe(
      'Detection well-known mimikatz command line arguments',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the lists editor', () => {
  it('adds a known-bad domain, refuses a bad value in Japanese, and removes the entry', async () => {
    const { page, errors } = await operatorPage('/lists');
    const ioc = page.locator('[data-test=list][data-list=ioc_domains]');
    await ioc.waitFor();
    await ioc.locator('[data-test=list-value]').fill('Phish.Example');
    await ioc.locator('[data-test=list-note]').fill('注意喚起メールより');
    await ioc.locator('[data-test=list-add]').click();
    const entry = ioc.locator('[data-test=list-entry][data-value="phish.example"]');
    await entry.waitFor();
    expect(await entry.innerText()).toContain('全参加者');

    await ioc.locator('[data-test=list-value]').fill('これはドメインではない');
    await ioc.locator('[data-test=list-add]').click();
    await ioc.locator('[data-test=list-error]').waitFor();
    // The catalogue's sentence, then the refused field worded from the validation catalogue (never server English).
    const refusal = await ioc.locator('[data-test=list-error]').innerText();
    expect(refusal).toMatch(/^リストの値の形式が正しくありません。 add\.0\.value: 内容が正しくありません/);

    await entry.locator('[data-test=list-remove]').click();
    await entry.waitFor({ state: 'detached' });
    const { body } = await operator.call<{ lists: { name: string; entries: { value: string }[] }[] }>(
      'GET',
      '/api/v1/admin/lists',
    );
    expect(body.lists.find((list) => list.name === 'ioc_domains')?.entries.map((e) => e.value)).not.toContain(
      'phish.example',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
