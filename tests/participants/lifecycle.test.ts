import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import type { ServerMessage } from '../../agent-protocol/index.js';
import { addDays, jstDateOf } from '../../common/jst-time.js';
import { TERMS_IN_FORCE } from '../../participants/terms.js';
import { callApi, operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { simpleEvents } from '../support/every-category.js';
import { queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/** The participant lifecycle of the terms, article by article, through the REST API. */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;

beforeAll(async () => {
  yorozu = await startTestYorozu('lifecycle', { YOROZU_MAX_UPLOAD_BYTES: String(256 * 1024) });
  operator = await operatorClient(yorozu.url);
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const application = (organisation: string, termsVersion: string = TERMS_IN_FORCE.version) => ({
  organisation,
  representative: '代表取締役 山田太郎',
  address: '東京都千代田区丸の内1-1-1',
  phone: '03-1234-5678',
  contactName: '情報システム部 佐藤花子',
  contactEmail: `it@${organisation.length}.example.jp`,
  termsVersion,
  agreeToTerms: true,
});

async function apply(organisation: string) {
  const reply = await callApi<contract.ApplicationSubmitted>(
    yorozu.url,
    'POST',
    '/api/v1/applications',
    application(organisation),
  );
  expect(reply.status).toBe(201);
  return reply.body;
}

const asApplicant = (applicant: { applicationId: string; applicantToken: string }) =>
  callApi<Record<string, unknown>>(yorozu.url, 'GET', `/api/v1/applications/${applicant.applicationId}`, undefined, {
    'x-applicant-token': applicant.applicantToken,
  });

async function notices(participantId: string) {
  const reply = await operator.call<contract.NoticeList>('GET', `/api/v1/participants/${participantId}/notices`);
  return reply.body.notices;
}

/** An approved, started participant with a user and an enrollment secret. */
async function activeParticipant(organisation: string, userLogin: string) {
  const { applicationId: participantId } = await apply(organisation);
  expect((await operator.call('POST', `/api/v1/admin/participants/${participantId}/approve`, {})).status).toBe(200);
  expect(
    (
      await operator.call('POST', `/api/v1/admin/participants/${participantId}/start`, {
        startDate: jstDateOf(new Date()),
      })
    ).status,
  ).toBe(200);
  const secret = await operator.call<contract.EnrollmentSecret>(
    'POST',
    `/api/v1/admin/participants/${participantId}/enrollment-secrets`,
    { label: '本社' },
  );
  const user = await participantUserClient(yorozu.url, operator, participantId, userLogin);
  return { participantId, secret: secret.body.secret, user };
}

const isCommand =
  (kind: string) =>
  (message: ServerMessage): message is Extract<ServerMessage, { type: 'command' }> =>
    message.type === 'command' && message.command.kind === kind;

describe('art. 3: application, decisions and the start date', () => {
  it('an application agrees to the terms in force; an outdated version or no agreement is refused with the reason', async () => {
    const outdated = await callApi(
      yorozu.url,
      'POST',
      '/api/v1/applications',
      application('古い規約株式会社', '2022-04-01'),
    );
    expect(outdated.status).toBe(409);
    expect(outdated.body).toMatchObject({
      error: { code: 'terms_outdated', message: expect.stringContaining(TERMS_IN_FORCE.version) },
    });
    const unagreed = await callApi(yorozu.url, 'POST', '/api/v1/applications', {
      ...application('同意なし株式会社'),
      agreeToTerms: false,
    });
    expect(unagreed.status).toBe(400);
    expect(unagreed.body).toMatchObject({
      error: { code: 'invalid_request', issues: [expect.objectContaining({ path: 'agreeToTerms' })] },
    });

    const applicant = await apply('株式会社申込');
    const queue = await operator.call<contract.ParticipantList>(
      'GET',
      '/api/v1/admin/participants?status=applied,awaiting_applicant',
    );
    expect(queue.body.participants).toContainEqual(
      expect.objectContaining({ participant_id: applicant.applicationId, status: 'applied' }),
    );
    expect(await notices(applicant.applicationId)).toContainEqual(
      expect.objectContaining({ kind: 'application_received' }),
    );
  });

  it('rejecting with reason code 5 needs a declined interview on record, and tells the applicant why, naming art. 3 (5)', async () => {
    const applicant = await apply('株式会社アンケート拒否');
    const reject = () =>
      operator.call('POST', `/api/v1/admin/participants/${applicant.applicationId}/reject`, {
        reasonCode: 'refused_survey',
        note: 'ヒアリング日程の調整に応じていただけませんでした',
      });
    // Ground (5) without a refusal on record is refused: nothing shows the applicant refused.
    const early = await reject();
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: { code: 'no_survey_refusal' } });
    const invited = await operator.call<{ surveyId: string }>('POST', '/api/v1/admin/surveys', {
      kind: 'interview',
      titleJa: 'ご利用予定についてのヒアリング',
      interviewAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      interviewPlace: 'オンライン（Web会議）',
      deadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      participantIds: [applicant.applicationId],
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const declined = await callApi(
      yorozu.url,
      'POST',
      `/api/v1/applications/${applicant.applicationId}/surveys/${invited.body.surveyId}/answer`,
      { response: 'refused', comment: '日程が合いません' },
      { 'x-applicant-token': applicant.applicantToken },
    );
    expect(declined.body).toEqual({ surveyId: invited.body.surveyId, state: 'refused' });
    const rejected = await reject();
    expect(rejected.body).toMatchObject({ status: 'rejected', reason_code: 'refused_survey' });
    expect(await notices(applicant.applicationId)).toContainEqual(
      expect.objectContaining({
        kind: 'application_rejected',
        body_ja: expect.stringMatching(
          /第3条第5号[\s\S]*根拠: インタビュー「ご利用予定についてのヒアリング」への協力を .* に辞退/,
        ),
        body_en: expect.stringContaining('art. 3 (5)'),
      }),
    );
    expect((await asApplicant(applicant)).body).toMatchObject({
      status: 'rejected',
      reasonCode: 'refused_survey',
      reason: { ja: expect.stringContaining('アンケート') },
    });
    // A decided application cannot be decided again.
    const again = await operator.call('POST', `/api/v1/admin/participants/${applicant.applicationId}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: { code: 'invalid_transition', message: expect.stringContaining('"rejected"') },
    });
    // An unknown reason code is refused with the list of the six.
    const other = await apply('株式会社理由不明');
    const bad = await operator.call('POST', `/api/v1/admin/participants/${other.applicationId}/reject`, {
      reasonCode: 'dislike',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { message: expect.stringContaining('technically_infeasible') } });
  });

  it('an application left unanswered past its deadline lapses when the job runs, and the applicant is told (art. 3 (4))', async () => {
    const applicant = await apply('株式会社回答なし');
    const deadline = new Date(Date.now() + 2 * 86_400_000);
    const asked = await operator.call('POST', `/api/v1/admin/participants/${applicant.applicationId}/request-answer`, {
      question: '利用予定の端末台数をご回答ください',
      deadline: deadline.toISOString(),
    });
    expect(asked.body).toMatchObject({ status: 'awaiting_applicant' });
    expect((await asApplicant(applicant)).body).toMatchObject({
      status: 'awaiting_applicant',
      question: '利用予定の端末台数をご回答ください',
    });

    const before = await yorozu.jobs.runNow('application-deadlines', new Date(deadline.getTime() - 60_000));
    expect(before.result).toEqual({ lapsed: 0 });
    const after = await yorozu.jobs.runNow('application-deadlines', new Date(deadline.getTime() + 60_000));
    expect(after.result).toEqual({ lapsed: 1 });
    expect((await asApplicant(applicant)).body).toMatchObject({
      status: 'lapsed',
      reasonCode: 'no_answer_by_deadline',
    });
    expect(await notices(applicant.applicationId)).toContainEqual(
      expect.objectContaining({ kind: 'application_rejected', body_ja: expect.stringContaining('第3条第4号') }),
    );
  });

  it('an applicant who answers in time goes back to the queue; a wrong token sees nothing', async () => {
    const applicant = await apply('株式会社回答あり');
    await operator.call('POST', `/api/v1/admin/participants/${applicant.applicationId}/request-answer`, {
      question: '台数は？',
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const answered = await callApi(
      yorozu.url,
      'POST',
      `/api/v1/applications/${applicant.applicationId}/answer`,
      { answer: '25台です' },
      { 'x-applicant-token': applicant.applicantToken },
    );
    expect(answered.body).toMatchObject({ status: 'applied' });
    expect((await yorozu.jobs.runNow('application-deadlines', new Date(Date.now() + 2 * 86_400_000))).result).toEqual({
      lapsed: 0,
    });
    const stranger = await callApi(yorozu.url, 'GET', `/api/v1/applications/${applicant.applicationId}`, undefined, {
      'x-applicant-token': 'yap1.guess',
    });
    expect(stranger.status).toBe(404);
  });

  it('approval, then set-up: no agent or account before approval, and the start date is recorded and told', async () => {
    const applicant = await apply('株式会社開始');
    const early = await operator.call(
      'POST',
      `/api/v1/admin/participants/${applicant.applicationId}/enrollment-secrets`,
      {},
    );
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: { code: 'invalid_transition' } });
    await operator.call('POST', `/api/v1/admin/participants/${applicant.applicationId}/approve`, { note: '審査完了' });
    const started = await operator.call('POST', `/api/v1/admin/participants/${applicant.applicationId}/start`, {
      startDate: '2026-12-01',
    });
    expect(started.body).toMatchObject({ status: 'active', start_date: '2026-12-01' });
    expect(await notices(applicant.applicationId)).toContainEqual(
      expect.objectContaining({ kind: 'service_started', body_ja: expect.stringContaining('利用開始日: 2026-12-01') }),
    );
    const history = await operator.call<contract.ParticipantHistory>(
      'GET',
      `/api/v1/participants/${applicant.applicationId}/history`,
    );
    expect(history.body.history.map((v) => v.change_kind)).toEqual(['applied', 'approve', 'start']);
    expect(history.body.history[1]!.changed_by).toBe('admin');
  });
});

describe('art. 7: revocation', () => {
  it('without notice it is refused for a breach, and for an emergency it takes effect at once: the user loses access on the next request', async () => {
    const { participantId, user } = await activeParticipant('株式会社緊急', 'kinkyu-user');
    expect((await user.call('GET', `/api/v1/participants/${participantId}`)).status).toBe(200);
    const refused = await operator.call('POST', `/api/v1/admin/participants/${participantId}/revoke`, {
      reasonCode: 'breach_of_terms',
      withNotice: false,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { code: 'notice_required', message: expect.stringContaining('art. 7') },
    });

    const revoked = await operator.call('POST', `/api/v1/admin/participants/${participantId}/revoke`, {
      reasonCode: 'emergency',
      withNotice: false,
      note: '大規模なマルウェア拡散の踏み台',
    });
    expect(revoked.body).toMatchObject({ participant: { status: 'revoked', reason_code: 'emergency' } });
    const next = await user.call('GET', `/api/v1/participants/${participantId}`);
    expect(next.status).toBe(401);
    expect(next.body).toMatchObject({
      error: { code: 'participant_inactive', message: expect.stringContaining('revoked') },
    });
  });

  it('with prior notice it is announced, and takes effect when the job runs at its time', async () => {
    const { participantId, user } = await activeParticipant('株式会社予告', 'yokoku-user');
    const effectiveAt = new Date(Date.now() + 14 * 86_400_000);
    const announced = await operator.call('POST', `/api/v1/admin/participants/${participantId}/revoke`, {
      reasonCode: 'breach_of_terms',
      withNotice: true,
      effectiveAt: effectiveAt.toISOString(),
    });
    expect(announced.body).toMatchObject({ status: 'active', pending_revocation_reason: 'breach_of_terms' });
    expect(await notices(participantId)).toContainEqual(expect.objectContaining({ kind: 'revocation_scheduled' }));
    expect((await user.call('GET', '/api/v1/me')).status).toBe(200);
    // The period counts from the notice's posting (art. 7 (1), 21), a moment after the request on a loaded machine:
    // the job runs well past the announced time, never a second after it.
    const later = new Date(effectiveAt.getTime() + 10 * 60_000);
    expect((await yorozu.jobs.runNow('scheduled-revocations', later)).result).toEqual({ revoked: 1 });
    expect((await user.call('GET', '/api/v1/me')).status).toBe(401);
    expect((await operator.call('GET', `/api/v1/participants/${participantId}`)).body).toMatchObject({
      participant: { status: 'revoked', reason_code: 'breach_of_terms' },
    });
  });
});

describe('art. 6, 11, 12, 16: withdrawal', () => {
  it('after withdrawal its agents are refused and told to uninstall, its secret and users stop, and the deletion deadline is recorded', async () => {
    const { participantId, secret, user } = await activeParticipant('株式会社退会', 'taikai-user');
    const online = await enroll(yorozu.url, secret, 'PC-ONLINE');
    const offline = await enroll(yorozu.url, secret, 'PC-OFFLINE');
    const connection = await AgentConnection.open(yorozu.url, online.credential);
    expect(await connection.sendEvents('before', simpleEvents(0, 3))).toMatchObject({ type: 'ack', accepted: 3 });

    const requested = await user.call('POST', `/api/v1/participants/${participantId}/withdrawal`, {
      reason: '事業所の統合のため',
    });
    expect(requested.status).toBe(202);
    const uninstall = connection.next(isCommand('uninstall'));
    const completed = await operator.call<{
      devicesRevoked: number;
      secretsRevoked: number;
      accountsSuspended: number;
      participant: { deletion_deadline: string };
    }>('POST', `/api/v1/admin/participants/${participantId}/complete-withdrawal`, {});
    expect(completed.body).toMatchObject({ devicesRevoked: 2, secretsRevoked: 1, accountsSuspended: 1 });
    expect(completed.body.participant.deletion_deadline).toBe(addDays(jstDateOf(new Date()), 30));
    await uninstall;
    await connection.closed;
    expect(connection.closeCode).toBe(4403);

    // The PC that was offline learns it on its next call.
    const later = await AgentConnection.open(yorozu.url, offline.credential);
    await later.closed;
    expect(later.received[0]).toMatchObject({ type: 'command', command: { kind: 'uninstall' } });
    expect(later.received[1]).toMatchObject({ type: 'error', code: 'credential_revoked' });
    await expect(enroll(yorozu.url, secret, 'PC-NEW')).rejects.toThrow(/invalid_enrollment_secret/);
    expect(
      (await callApi(yorozu.url, 'POST', '/api/v1/auth/login', { loginName: 'taikai-user', password: user.password }))
        .status,
    ).toBe(403);
    expect(await notices(participantId)).toContainEqual(
      expect.objectContaining({
        kind: 'participation_ended',
        body_ja: expect.stringContaining(completed.body.participant.deletion_deadline),
      }),
    );
  });
});

describe('art. 4: succession', () => {
  it("a successor sees the predecessor's devices and data after a merger; the documents are kept with their hash; the predecessor's accounts stop", async () => {
    const predecessor = await activeParticipant('株式会社合併前', 'gappei-mae');
    const successor = await activeParticipant('株式会社合併後', 'gappei-go');
    const device = await enroll(yorozu.url, predecessor.secret, 'PC-MERGED');
    const before = await AgentConnection.open(yorozu.url, device.credential);
    expect(await before.sendEvents('pre-merger', simpleEvents(0, 4))).toMatchObject({ accepted: 4 });
    before.socket.close();

    const form = new FormData();
    form.set('kind', 'merger');
    form.set('effectiveOn', '2026-12-01');
    form.set('successorId', successor.participantId);
    form.set('note', '吸収合併');
    const paper = new TextEncoder().encode('登記事項証明書（写し）');
    form.append('documents', new Blob([paper], { type: 'text/plain' }), '登記事項証明書.txt');
    const response = await fetch(
      new URL(`/api/v1/admin/participants/${predecessor.participantId}/succession`, yorozu.url),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${operator.sessionToken}` },
        body: form,
      },
    );
    const recorded = (await response.json()) as {
      successorId: string;
      devicesMoved: number;
      documents: { documentId: string; sha256: string }[];
    };
    expect(response.status).toBe(201);
    expect(recorded).toMatchObject({ successorId: successor.participantId, devicesMoved: 1 });

    const devices = await successor.user.call<contract.DeviceList>(
      'GET',
      `/api/v1/participants/${successor.participantId}/devices`,
    );
    expect(devices.body.devices).toContainEqual(
      expect.objectContaining({ device_id: device.deviceId, participant_id: successor.participantId }),
    );
    // The predecessor's own pages are now the successor's to read.
    expect((await successor.user.call('GET', `/api/v1/participants/${predecessor.participantId}`)).status).toBe(200);
    const documents = await successor.user.call<contract.DocumentList>(
      'GET',
      `/api/v1/participants/${successor.participantId}/documents`,
    );
    expect(documents.body.documents).toContainEqual(
      expect.objectContaining({ filename: '登記事項証明書.txt', sha256: recorded.documents[0]!.sha256 }),
    );
    const download = await fetch(
      new URL(
        `/api/v1/participants/${successor.participantId}/documents/${recorded.documents[0]!.documentId}`,
        yorozu.url,
      ),
      { headers: { authorization: `Bearer ${successor.user.sessionToken}` } },
    );
    expect(new TextDecoder().decode(await download.arrayBuffer())).toBe('登記事項証明書（写し）');

    // The device keeps its credential; what it sends now belongs to the successor.
    const after = await AgentConnection.open(yorozu.url, device.credential);
    expect(await after.sendEvents('post-merger', simpleEvents(100, 2))).toMatchObject({ accepted: 2 });
    after.socket.close();
    const owners = await queryRows<{ participant_id: string; n: string }>(
      yorozu,
      'SELECT participant_id, count() AS n FROM events FINAL WHERE device_id = {d:UUID} GROUP BY participant_id ORDER BY n DESC',
      { d: device.deviceId },
    );
    expect(owners).toEqual([
      { participant_id: predecessor.participantId, n: '4' },
      { participant_id: successor.participantId, n: '2' },
    ]);
    expect((await predecessor.user.call('GET', '/api/v1/me')).status).toBe(401);
    expect((await operator.call('GET', `/api/v1/participants/${predecessor.participantId}`)).body).toMatchObject({
      participant: { status: 'succeeded', successor_id: successor.participantId },
    });

    // The succession is announced to both sides, each with its own copy; the successor, which reads the
    // predecessor's notices too, reads it once: its own copy.
    const successorsNotices = await successor.user.call<contract.NoticeList>(
      'GET',
      `/api/v1/participants/${successor.participantId}/notices`,
    );
    expect(successorsNotices.status).toBe(200);
    const told = successorsNotices.body.notices.filter((notice) => notice.kind === 'succession_recorded');
    expect(told.map((notice) => notice.participant_id)).toEqual([successor.participantId]);
    expect(told[0]!.body_ja).toContain('株式会社合併後');
    const predecessorsCopy = await queryRows<{ n: string }>(
      yorozu,
      "SELECT count() AS n FROM notices WHERE participant_id = {p:UUID} AND kind = 'succession_recorded'",
      { p: predecessor.participantId },
    );
    expect(predecessorsCopy).toEqual([{ n: '1' }]);
  });

  it('a document over the upload limit is refused with the limit named, and nothing is recorded', async () => {
    const big = await activeParticipant('株式会社大容量', 'daiyoryo');
    const form = new FormData();
    form.set('kind', 'split');
    form.set('effectiveOn', '2026-12-01');
    form.set('successorOrganisation', '株式会社分割承継');
    form.append('documents', new Blob([new Uint8Array(400 * 1024)], { type: 'application/pdf' }), 'scan.pdf');
    const response = await fetch(new URL(`/api/v1/admin/participants/${big.participantId}/succession`, yorozu.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${operator.sessionToken}` },
      body: form,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: { code: 'payload_too_large', message: expect.stringContaining('bytes') },
    });
    expect((await operator.call('GET', `/api/v1/participants/${big.participantId}`)).body).toMatchObject({
      participant: { status: 'active' },
    });
  });

  it('a succession without a supporting document is refused', async () => {
    const lone = await activeParticipant('株式会社書類なし', 'shorui-nashi');
    const form = new FormData();
    form.set('kind', 'split');
    form.set('effectiveOn', '2026-12-01');
    form.set('successorOrganisation', '株式会社分割先');
    const response = await fetch(new URL(`/api/v1/admin/participants/${lone.participantId}/succession`, yorozu.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${operator.sessionToken}` },
      body: form,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringContaining('documents') },
    });
  });
});

describe('art. 8: suspension of the service', () => {
  it('an urgent suspension for one participant tells its connected agents to pause at once; ending it tells them to resume', async () => {
    const { participantId, secret } = await activeParticipant('株式会社停止', 'teishi-user');
    const agent = await enroll(yorozu.url, secret, 'PC-PAUSED');
    const connection = await AgentConnection.open(yorozu.url, agent.credential);
    const planned = await operator.call('POST', '/api/v1/admin/service-suspensions', {
      participantId,
      reasonCode: 'maintenance',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(planned.status).toBe(400);
    expect(planned.body).toMatchObject({ error: { code: 'notice_required' } });

    const pause = connection.next(isCommand('pause'));
    const suspended = await operator.call<contract.SuspensionAnswer>('POST', '/api/v1/admin/service-suspensions', {
      participantId,
      reasonCode: 'unauthorised_access_defence',
      urgent: true,
    });
    expect(suspended.body, JSON.stringify(suspended.body)).toMatchObject({ suspension: { status: 'in_effect' } });
    await pause;
    const resume = connection.next(isCommand('resume'));
    await operator.call('POST', `/api/v1/admin/service-suspensions/${suspended.body.suspension.suspension_id}/end`);
    await resume;
    connection.socket.close();
    expect(await notices(participantId)).toContainEqual(
      expect.objectContaining({ kind: 'service_suspension', body_ja: expect.stringContaining('緊急のため') }),
    );
  });
});

describe('art. 20 (7): registered details', () => {
  it('a participant updates its registered details, and the history keeps every version', async () => {
    const { participantId, user } = await activeParticipant('株式会社住所変更', 'jusho-user');
    const updated = await user.call('PUT', `/api/v1/participants/${participantId}/details`, {
      address: '大阪府大阪市北区梅田2-2-2',
    });
    expect(updated.body).toMatchObject({ participant: { address: '大阪府大阪市北区梅田2-2-2' } });
    const empty = await user.call('PUT', `/api/v1/participants/${participantId}/details`, {});
    expect(empty.status).toBe(400);
    const history = await user.call<contract.ParticipantHistory>(
      'GET',
      `/api/v1/participants/${participantId}/history`,
    );
    expect(history.body.history.map((v) => v.address)).toEqual([
      '東京都千代田区丸の内1-1-1',
      '東京都千代田区丸の内1-1-1',
      '東京都千代田区丸の内1-1-1',
      '大阪府大阪市北区梅田2-2-2',
    ]);
    expect(history.body.history.at(-1)).toMatchObject({ change_kind: 'update_details', changed_by: 'jusho-user' });
  });
});

describe('art. 1, 9, 19: the trial period and the end of use', () => {
  it("a participant's own end date ends its use the next JST day, and stopping the trial ends everyone's", async () => {
    const { participantId, user } = await activeParticipant('株式会社期間終了', 'kikan-user');
    const today = jstDateOf(new Date());
    await operator.call('PUT', `/api/v1/admin/participants/${participantId}/end-date`, { endDate: today });
    expect((await yorozu.jobs.runNow('end-of-use', new Date())).result).toEqual({ ended: 0 });
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await yorozu.jobs.runNow('end-of-use', tomorrow)).result).toEqual({ ended: 1 });
    expect((await user.call('GET', '/api/v1/me')).status).toBe(401);

    const moved = await operator.call('PUT', '/api/v1/admin/trial', {
      startsOn: '2026-11-01',
      endsOn: addDays(today, 60),
      note: '期間延長',
    });
    expect(moved.body).toMatchObject({ trial: { starts_on: '2026-11-01', ends_on: addDays(today, 60) } });
    // Art. 1: a start date outside the trial period is refused, with the period named.
    const { applicationId: outside } = await apply('株式会社期間外');
    await operator.call('POST', `/api/v1/admin/participants/${outside}/approve`, {});
    const early = await operator.call('POST', `/api/v1/admin/participants/${outside}/start`, {
      startDate: '2020-01-01',
    });
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({
      error: { code: 'outside_trial_period', message: expect.stringContaining('2026-11-01') },
    });
    const other = await activeParticipant('株式会社全体終了', 'zentai-user');
    expect(await notices(other.participantId)).toContainEqual(
      expect.objectContaining({ kind: 'trial_period_changed', body_ja: expect.stringContaining('期間延長') }),
    );

    await operator.call('POST', '/api/v1/admin/trial/stop', { reason: '実証実験の終了（第19条）' });
    const stillTakingPart = (
      await operator.call<contract.ParticipantList>(
        'GET',
        '/api/v1/admin/participants?status=approved,active,withdrawal_requested',
      )
    ).body.participants.length;
    expect(stillTakingPart).toBeGreaterThan(0);
    const run = await yorozu.jobs.runNow('end-of-use', tomorrow);
    expect(run.result).toEqual({ ended: stillTakingPart });
    expect(
      (
        await operator.call<contract.ParticipantList>(
          'GET',
          '/api/v1/admin/participants?status=approved,active,withdrawal_requested',
        )
      ).body.participants,
    ).toHaveLength(0);
    expect(
      (
        await callApi(yorozu.url, 'POST', '/api/v1/auth/login', {
          loginName: 'zentai-user',
          password: other.user.password,
        })
      ).status,
    ).toBe(403);
    const jobs = await operator.call<{
      jobs: { name: string; timezone: string; lastRun: { result: Record<string, number> } | null }[];
    }>('GET', '/api/v1/admin/jobs');
    expect(jobs.body.jobs.find((job) => job.name === 'end-of-use')).toMatchObject({
      timezone: 'Asia/Tokyo',
      lastRun: { result: { ended: stillTakingPart } },
    });
  });
});
