import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { operatorClient, participantUserClient } from '../../harness/api-client.js';
import type * as contract from '../../contract/index.js';
import { launchBrowser, signInThroughForm, openAsOperator } from '../support/browser.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 19: no page is wider than a 390 px phone. Every page of both roles (and the public ones) is opened at
 * 390 × 844 and the document's scrollWidth is measured once the page has loaded its data.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let browser: Browser;
let participantId = '';
let deviceId = '';
let ticketId = '';
let surveyId = '';
let user: { password: string };

beforeAll(async () => {
  yorozu = await startTestYorozu('dashboard-narrow');
  const office = await participantWithSecret(yorozu, '株式会社とても長い名前の参加者ホールディングス');
  participantId = office.participantId;
  deviceId = (await enroll(yorozu.url, office.secret, 'NAGAI-NAMAE-NO-PC-0123456789')).deviceId;
  const operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'narrow-user');
  await operator.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'operation', note: '' });
  const ticket = await operator.call<contract.TicketDetail>(
    'POST',
    `/api/v1/admin/participants/${participantId}/outreach`,
    { subject: '狭い画面の確認のための、とても長い件名のお問い合わせです', body: '確認してください。' },
  );
  ticketId = ticket.body.ticketId;
  const survey = await operator.call<contract.SurveyCreated>('POST', '/api/v1/admin/surveys', {
    kind: 'survey',
    titleJa: '狭い画面の確認のための、とても長い件名のアンケートです',
    questions: [
      { type: 'choice', textJa: 'どれですか', options: [{ ja: 'とても長い選択肢の一つめです' }, { ja: '二つめ' }] },
      {
        type: 'scale',
        textJa: '満足度',
        min: 0,
        max: 10,
        minLabelJa: 'まったく満足していない',
        maxLabelJa: 'とても満足',
      },
    ],
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    participantIds: [participantId],
  });
  surveyId = survey.body.surveyId;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await yorozu?.cleanup();
});

const participantPages = () => [
  `/participants/${participantId}/devices`,
  `/participants/${participantId}/devices/${deviceId}`,
  `/participants/${participantId}/explorer?q=&range=24h`,
  `/participants/${participantId}/inventory`,
  `/participants/${participantId}/report`,
  `/participants/${participantId}/tickets`,
  `/participants/${participantId}/tickets/new`,
  `/participants/${participantId}/tickets/${ticketId}`,
  `/participants/${participantId}/notices`,
  `/participants/${participantId}/access-log`,
  `/participants/${participantId}/registration`,
  `/participants/${participantId}/surveys`,
];

async function widthOf(page: Page, path: string): Promise<number> {
  await page.goto(`${yorozu.url}${path}`);
  await page.waitForLoadState('networkidle');
  await page.locator('main').waitFor();
  // The width that counts is the settled one: a section can lay out once more after its data arrives (a
  // participant's report measured 460 px once, in a fresh-clone run, and 390 px in every other run). Read it frame
  // by frame until it fits, or until the deadline, and return the last reading.
  const deadline = Date.now() + 5_000;
  let width = await page.evaluate<number>('document.documentElement.scrollWidth');
  while (width > 390 && Date.now() < deadline) {
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))');
    width = await page.evaluate<number>('document.documentElement.scrollWidth');
  }
  return width;
}

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  return context.newPage();
}

describe('every page fits a 390 px screen', () => {
  it('the public pages', async () => {
    const page = await phone();
    for (const path of ['/login', '/apply']) expect(await widthOf(page, path), path).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it("an operator's pages", async () => {
    const page = await phone();
    await openAsOperator(page, yorozu.url, '/fleet');
    const paths = [
      '/fleet',
      '/applications',
      '/desk',
      '/notices',
      '/policies',
      '/detection-rules',
      '/detection-rules?rule=new',
      '/lists',
      '/deletions',
      '/investigation?q=domain%3Awww.example.jp&range=7d',
      '/surveys',
      `/surveys/${surveyId}`,
      ...participantPages(),
      `/participants/${participantId}/admin`,
      `/participants/${participantId}/outreach`,
      '/settings/operators',
    ];
    const wide: string[] = [];
    for (const path of paths) {
      const width = await widthOf(page, path);
      if (width > 390) wide.push(`${path}: ${width}`);
    }
    expect(wide).toEqual([]);
    await page.context().close();
  });

  it("a participant user's pages", async () => {
    const page = await phone();
    await signInThroughForm(page, yorozu.url, 'narrow-user', user.password);
    const wide: string[] = [];
    for (const path of participantPages()) {
      const width = await widthOf(page, path);
      if (width > 390) wide.push(`${path}: ${width}`);
    }
    expect(wide).toEqual([]);
    await page.context().close();
  });
});
