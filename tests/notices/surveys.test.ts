import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import type * as contract from '../../contract/index.js';
import { TERMS_IN_FORCE } from '../../participants/terms.js';
import { TestRelay } from '../support/test-relay.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Surveys and interviews (terms art. 3 (3)(5), 23 (2)) through the real server and a real SMTP relay on
 * loopback: the invitation is a notice that reaches the participant by mail and in the portal, the
 * participant answers, operators read the answers only for the purposes of art. 23 (2), and who did not
 * answer by the deadline shows as such.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: TestRelay;
let operator: ApiClient;
let user: ApiClient;
let participantId: string;
let applicant: { applicationId: string; applicantToken: string };
const PARTICIPANT_MAIL = 'soumu@kaede.example.jp';
const APPLICANT_MAIL = 'info@shinki.example.jp';

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('notice-surveys', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
    YOROZU_PUBLIC_URL: 'https://yorozu.example.jp',
  });
  operator = await operatorClient(yorozu.url);
  const created = await operator.call<{ participantId: string }>('POST', '/api/v1/admin/participants', {
    organisation: '株式会社かえで',
    contactEmail: PARTICIPANT_MAIL,
  });
  participantId = created.body.participantId;
  user = await participantUserClient(yorozu.url, operator, participantId, 'kaede-user');
  const applied = await callApi<{ applicationId: string; applicantToken: string }>(
    yorozu.url,
    'POST',
    '/api/v1/applications',
    {
      organisation: '株式会社しんき',
      representative: '代表取締役 新木一郎',
      address: '福岡県福岡市中央区1-1',
      phone: '092-123-4567',
      contactName: '新木花子',
      contactEmail: APPLICANT_MAIL,
      termsVersion: TERMS_IN_FORCE.version,
      agreeToTerms: true,
    },
  );
  applicant = applied.body;
}, 120_000);

afterAll(async () => {
  await yorozu?.cleanup();
  await relay?.stop();
});

const QUESTIONS = [
  {
    type: 'choice',
    textJa: '主に使う機能は？',
    options: [{ ja: 'ログ検索' }, { ja: '健康診断レポート' }, { ja: '相談窓口' }],
  },
  { type: 'scale', textJa: '満足度', min: 1, max: 5, minLabelJa: '不満', maxLabelJa: '満足' },
  { type: 'text', textJa: 'ご意見・ご要望', required: false },
];

describe('a survey', () => {
  it('reaches participant and applicant by mail and in the portal; the participant answers once; operators see answers and who is still waiting', async () => {
    const sent = await operator.call<contract.SurveyCreated>('POST', '/api/v1/admin/surveys', {
      kind: 'survey',
      titleJa: '実証実験の利用状況アンケート',
      titleEn: 'How you use the trial',
      questions: QUESTIONS,
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      participantIds: [participantId, applicant.applicationId],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const surveyId = sent.body.surveyId;

    // The invitation is mailed through the relay, with the portal link, the deadline and art. 23 (2).
    const mailTo = (address: string) =>
      relay.mails.find((m) => m.to.includes(address) && m.subject.includes('実証実験の利用状況アンケート'));
    await expect.poll(() => mailTo(PARTICIPANT_MAIL), { timeout: 30_000 }).toBeDefined();
    await expect.poll(() => mailTo(APPLICANT_MAIL), { timeout: 30_000 }).toBeDefined();
    const mail = mailTo(PARTICIPANT_MAIL)!;
    expect(mail.subject).toBe('【よろず相談窓口】アンケートのお願い: 実証実験の利用状況アンケート');
    expect(mail.text).toContain(`https://yorozu.example.jp/participants/${participantId}/surveys`);
    expect(mail.text).toContain('回答期限:');
    expect(mail.text).toContain('第23条第2項');
    expect(mailTo(APPLICANT_MAIL)!.text).toContain('第3条第3項第5号');

    // In the portal: the notice is posted and its e-mail counts as delivered at the relay's acceptance.
    const invitation = async () =>
      (await user.call<contract.NoticeList>('GET', `/api/v1/participants/${participantId}/notices`)).body.notices.find(
        (n) => n.kind === 'survey_invitation',
      );
    await expect.poll(async () => (await invitation())?.delivery.state, { timeout: 30_000 }).toBe('delivered');

    const mine = await user.call<contract.OwnSurveys>('GET', `/api/v1/participants/${participantId}/surveys`);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.use.ja).toContain('第23条第2項');
    expect(mine.body.surveys).toEqual([
      expect.objectContaining({ survey_id: surveyId, state: 'waiting', answer: null, questions: expect.any(Array) }),
    ]);
    expect(mine.body.surveys[0]!.questions.map((q) => [q.id, q.type])).toEqual([
      ['q1', 'choice'],
      ['q2', 'scale'],
      ['q3', 'text'],
    ]);

    // A bad answer is refused naming the question; nothing is recorded.
    const answerPath = `/api/v1/participants/${participantId}/surveys/${surveyId}/answer`;
    const bad = await user.call('POST', answerPath, { response: 'answered', answers: { q1: 1, q2: 9 } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_answers', message: expect.stringContaining('q2') } });
    const missing = await user.call('POST', answerPath, { response: 'answered', answers: { q2: 4 } });
    expect(missing.body).toMatchObject({ error: { code: 'invalid_answers', message: expect.stringContaining('q1') } });
    // An operator cannot answer for the participant.
    const forThem = await operator.call('POST', answerPath, { response: 'answered', answers: { q1: 0, q2: 3 } });
    expect(forThem.status).toBe(403);

    const good = await user.call('POST', answerPath, {
      response: 'answered',
      answers: { q1: 1, q2: 4, q3: '月次レポートが役に立っています' },
    });
    expect(good.body).toEqual({ surveyId, state: 'answered' });
    const again = await user.call('POST', answerPath, { response: 'refused', comment: '' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'survey_already_answered' } });

    // Operators read answers for operation or improvement only (art. 23 (2)), never for maintenance.
    await operator.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'maintenance', note: '保守' });
    const refused = await operator.call('GET', `/api/v1/admin/surveys/${surveyId}`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'survey_purpose_not_allowed' } });
    await operator.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'improvement', note: '改善の分析' });
    const results = await operator.call<contract.SurveyResults>('GET', `/api/v1/admin/surveys/${surveyId}`);
    expect(results.status).toBe(200);
    expect(results.body.recipients).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          participant_id: participantId,
          organisation: '株式会社かえで',
          state: 'answered',
          answer: expect.objectContaining({
            answers: { q1: 1, q2: 4, q3: '月次レポートが役に立っています' },
            answered_by: 'kaede-user',
          }),
        }),
        expect.objectContaining({ participant_id: applicant.applicationId, state: 'waiting', answer: null }),
      ]),
    );
    // The read is in the participant's access log with its purpose (art. 15).
    const log = await user.call<{ accessLog: { purpose: string; route: string }[] }>(
      'GET',
      `/api/v1/participants/${participantId}/access-log`,
    );
    expect(log.body.accessLog).toContainEqual(
      expect.objectContaining({ purpose: 'improvement', route: 'GET /api/v1/admin/surveys/:surveyId' }),
    );
    const list = await operator.call<contract.SurveyList>('GET', '/api/v1/admin/surveys');
    expect(list.body.surveys.find((s) => s.survey_id === surveyId)).toMatchObject({
      invited: 2,
      answered: 1,
      refused: 0,
      noAnswer: 0,
    });
    await operator.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'operation', note: 'tests' });
  });

  it('shows who did not answer by the deadline, and refuses an answer after it', async () => {
    const deadline = Date.now() + 1500;
    const sent = await operator.call<contract.SurveyCreated>('POST', '/api/v1/admin/surveys', {
      kind: 'interview',
      titleJa: '導入後のインタビュー',
      interviewAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      interviewPlace: 'オンライン',
      deadline: new Date(deadline).toISOString(),
      participantIds: [participantId],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const stateNow = async () =>
      (await operator.call<contract.SurveyResults>('GET', `/api/v1/admin/surveys/${sent.body.surveyId}`)).body
        .recipients[0]!.state;
    await expect.poll(stateNow, { timeout: 20_000 }).toBe('no_answer');
    const late = await user.call('POST', `/api/v1/participants/${participantId}/surveys/${sent.body.surveyId}/answer`, {
      response: 'answered',
      answers: {},
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'survey_closed' } });
  });

  it('refuses a survey that cannot be answered, naming what is wrong', async () => {
    const base = {
      kind: 'survey',
      titleJa: 'x',
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
      participantIds: [participantId],
    };
    const oneOption = await operator.call('POST', '/api/v1/admin/surveys', {
      ...base,
      questions: [{ type: 'choice', textJa: '一つだけ', options: [{ ja: 'はい' }] }],
    });
    expect(oneOption.body).toMatchObject({
      error: { code: 'invalid_survey', message: expect.stringContaining('question 1') },
    });
    const past = await operator.call('POST', '/api/v1/admin/surveys', {
      ...base,
      questions: [{ type: 'text', textJa: '?' }],
      deadline: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(past.body).toMatchObject({
      error: { code: 'invalid_survey', message: expect.stringContaining('deadline') },
    });
  });
});
