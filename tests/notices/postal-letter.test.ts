import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, operatorClient, type ApiClient } from '../../harness/api-client.js';
import { TERMS_IN_FORCE } from '../../participants/terms.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * A notice by post (art. 21 (3)): the operator prints an A4 letter (PDF rendered by the shared
 * headless Chromium) with the registered address in the Japanese layout; read back with pdftotext.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;

beforeAll(async () => {
  yorozu = await startTestYorozu('postal-letter');
  operator = await operatorClient(yorozu.url);
}, 120_000);

afterAll(async () => {
  await yorozu?.cleanup();
});

describe('the postal letter', () => {
  it('is an A4 PDF in Japanese with the postal code, the registered address, the organisation 御中 and the text', async () => {
    const applied = await callApi<{ applicationId: string }>(yorozu.url, 'POST', '/api/v1/applications', {
      organisation: '株式会社ゆうびん',
      representative: '代表取締役 山田太郎',
      address: '〒100-0005 東京都千代田区丸の内1-1-1 ゆうびんビル3階',
      phone: '03-1234-5678',
      contactName: '総務部 佐藤花子',
      contactEmail: 'soumu@yubin.example.jp',
      termsVersion: TERMS_IN_FORCE.version,
      agreeToTerms: true,
    });
    const participantId = applied.body.applicationId;
    const sent = await operator.call<{ notices: string[] }>('POST', '/api/v1/admin/notices', {
      recipients: { participantIds: [participantId] },
      subjectJa: '登録内容の確認のお願い',
      bodyJa: '登録されている住所に変更がないか、ご確認ください。',
      channels: ['post'],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const noticeId = sent.body.notices[0]!;
    const response = await fetch(new URL(`/api/v1/admin/notices/${noticeId}/letter`, yorozu.url), {
      headers: { authorization: `Bearer ${operator.sessionToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(yorozu.dataDir, 'letter.pdf');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    expect(info).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('〒100-0005');
    expect(text).toContain('東京都千代田区丸の内1-1-1 ゆうびんビル3階');
    expect(text).toContain('株式会社ゆうびん 御中');
    expect(text).toContain('総務部 佐藤花子 様');
    expect(text).toContain('登録内容の確認のお願い');
    expect(text).toContain('登録されている住所に変更がないか');
    expect(text.replace(/\s+/g, '')).toContain(`通知番号:${noticeId}`);
    // Until the arrival is entered, the letter's channel is pending (art. 21 (3)).
    const list = await operator.call<{ notices: { notice_id: string; delivery: { state: string } }[] }>(
      'GET',
      `/api/v1/participants/${participantId}/notices`,
    );
    expect(list.body.notices.find((n) => n.notice_id === noticeId)?.delivery.state).toBe('pending');
  });

  it('a participant without a registered address has no letter to print, and says so', async () => {
    const created = await operator.call<{ participantId: string }>('POST', '/api/v1/admin/participants', {
      organisation: '株式会社じゅうしょなし',
      contactEmail: 'none@example.jp',
    });
    const sent = await operator.call<{ notices: string[] }>('POST', '/api/v1/admin/notices', {
      recipients: { participantIds: [created.body.participantId] },
      subjectJa: 'お知らせ',
      bodyJa: '本文',
    });
    const letter = await operator.call('GET', `/api/v1/admin/notices/${sent.body.notices[0]}/letter`);
    expect(letter.status).toBe(409);
    expect(letter.body).toMatchObject({ error: { code: 'no_postal_address' } });
  });
});
