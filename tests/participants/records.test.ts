import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { addDays, jstDateOf } from '../../common/jst-time.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * The routes the participant's record pages added (issue 19): the desk files a document the participant then
 * sees and downloads intact; the withdrawal preview says what withdrawing today would do (art. 6, 16).
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let user: ApiClient;
let participantId = '';
const RETENTION_DAYS = 60;

beforeAll(async () => {
  yorozu = await startTestYorozu('participant-records', {
    YOROZU_MAX_UPLOAD_BYTES: String(64 * 1024),
    YOROZU_DATA_RETENTION_DAYS: String(RETENTION_DAYS),
  });
  operator = await operatorClient(yorozu.url);
  await operator.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'operation', note: '' });
  participantId = await yorozu.participants.applications.registerDirectly({ organisation: '株式会社ふたば' }, 'test');
  const { token } = await yorozu.devices.createEnrollmentSecret(participantId, 'test', 'test');
  await enroll(yorozu.url, token, 'FUTABA-PC-01');
  await enroll(yorozu.url, token, 'FUTABA-PC-02');
  user = await participantUserClient(yorozu.url, operator, participantId, 'futaba-user');
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const filed = (name: string, bytes: Uint8Array | string, subject = 'registration') => {
  const form = new FormData();
  form.set('subject', subject);
  form.append('document', new Blob([bytes], { type: 'application/pdf' }), name);
  return form;
};

describe('documents filed by the desk', () => {
  it('are stored with their SHA-256, listed for the participant and downloaded byte for byte', async () => {
    const bytes = new Uint8Array(5000).map((_, i) => (i * 7) % 256);
    const reply = await operator.upload<contract.DocumentFiled>(
      'POST',
      `/api/v1/admin/participants/${participantId}/documents`,
      filed('登録事項変更届.pdf', bytes),
    );
    expect(reply.status).toBe(201);
    const { document } = reply.body;
    expect(document).toMatchObject({
      participant_id: participantId,
      subject: 'registration',
      filename: '登録事項変更届.pdf',
      uploaded_by: 'admin',
    });
    // UInt64 travels as a string in ClickHouse's JSON (contract/common.ts).
    expect(Number(document.size_bytes)).toBe(5000);
    const expectedSha = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
    expect(document.sha256).toBe(expectedSha);

    const list = await user.call<contract.DocumentList>('GET', `/api/v1/participants/${participantId}/documents`);
    expect(list.body.documents.map((d) => d.document_id)).toContain(document.document_id);
    const download = await fetch(
      new URL(`/api/v1/participants/${participantId}/documents/${document.document_id}`, yorozu.url),
      { headers: { authorization: `Bearer ${user.sessionToken}` } },
    );
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuse a missing, empty or too large file, naming what was wrong, and store nothing', async () => {
    const before = (await user.call<contract.DocumentList>('GET', `/api/v1/participants/${participantId}/documents`))
      .body.documents.length;
    const path = `/api/v1/admin/participants/${participantId}/documents`;
    const none = new FormData();
    none.set('subject', 'other');
    const missing = await operator.upload('POST', path, none);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('document');
    const empty = await operator.upload('POST', path, filed('空.pdf', ''));
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('空.pdf');
    const large = await operator.upload('POST', path, filed('大きい.pdf', 'x'.repeat(70 * 1024)));
    expect(large.status).toBe(413);
    const badSubject = await operator.upload('POST', path, filed('a.pdf', 'abc', 'nonsense'));
    expect(badSubject.status).toBe(400);
    expect(JSON.stringify(badSubject.body)).toContain('subject');
    const after = (await user.call<contract.DocumentList>('GET', `/api/v1/participants/${participantId}/documents`))
      .body.documents.length;
    expect(after).toBe(before);
  });
});

describe('the withdrawal preview (art. 6, 16)', () => {
  it('says how many agents are told to uninstall, how many accounts stop and the deletion date, and matches what completion does', async () => {
    const today = jstDateOf(new Date());
    const preview = await user.call<contract.EndingPreview>(
      'GET',
      `/api/v1/participants/${participantId}/withdrawal-preview`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      participantId,
      status: 'active',
      devicesToUninstall: 2,
      accountsToStop: 1,
      deletionBasis: 'default',
      retentionDays: RETENTION_DAYS,
    });
    expect(preview.body.deletionDeadline).toBe(addDays(preview.body.endDate, RETENTION_DAYS));
    expect([today, jstDateOf(new Date())]).toContain(preview.body.endDate);

    expect((await user.call('POST', `/api/v1/participants/${participantId}/withdrawal`, { reason: '' })).status).toBe(
      202,
    );
    const done = await operator.call<contract.EndingSummary>(
      'POST',
      `/api/v1/admin/participants/${participantId}/complete-withdrawal`,
      {},
    );
    expect(done.status).toBe(200);
    expect(done.body.devicesRevoked).toBe(preview.body.devicesToUninstall);
    expect(done.body.accountsSuspended).toBe(preview.body.accountsToStop);
    expect(done.body.participant.deletion_deadline).toBe(preview.body.deletionDeadline);
  });
});
