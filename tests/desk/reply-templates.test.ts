import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * Answer templates (定型文) on the real engine: kept in both languages, offered on a ticket in the ticket's
 * language (what the participant wrote), with the ticket's reference, organisation and requester filled in.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let user: ApiClient;
let participantId: string;

const receipt = {
  title: { ja: '受付のご連絡', en: 'We received your question' },
  body: {
    ja: '{organisation} {requester} 様\nお問い合わせ [{reference}] を承りました。',
    en: 'Dear {requester} of {organisation},\nwe received your question [{reference}].',
  },
};

async function open(subject: string, body: string) {
  const data = new FormData();
  data.append('subject', subject);
  data.append('category', 'service_usage');
  data.append('body', body);
  const reply = await user.upload<contract.TicketDetail>('POST', `/api/v1/participants/${participantId}/tickets`, data);
  expect(reply.status).toBe(201);
  return reply.body;
}
const templatesOf = async (ticket: contract.TicketDetail) => {
  const reply = await operator.call<contract.TicketTemplates>(
    'GET',
    `/api/v1/admin/participants/${participantId}/tickets/${ticket.ticketId}/templates`,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
};

beforeAll(async () => {
  yorozu = await startTestYorozu('reply-templates');
  participantId = (await participantWithSecret(yorozu, '株式会社ていけい')).participantId;
  operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'teikei-user');
});

afterAll(async () => {
  await yorozu?.cleanup();
});

describe('answer templates', () => {
  it('are kept in both languages, changed and removed by operators', async () => {
    const created = await operator.call<contract.ReplyTemplateList>('POST', '/api/v1/admin/reply-templates', receipt);
    expect(created.status).toBe(201);
    expect(created.body.templates).toEqual([expect.objectContaining(receipt)]);
    const extra = await operator.call<contract.ReplyTemplateList>('POST', '/api/v1/admin/reply-templates', {
      title: { ja: '削除予定', en: 'To remove' },
      body: { ja: '本文', en: 'text' },
    });
    const toRemove = extra.body.templates.find((t) => t.title.ja === '削除予定')!;
    const changed = await operator.call<contract.ReplyTemplateList>(
      'PUT',
      `/api/v1/admin/reply-templates/${toRemove.templateId}`,
      { title: { ja: '削除予定(改)', en: 'To remove' }, body: { ja: '本文', en: 'text' } },
    );
    expect(changed.body.templates.map((t) => t.title.ja).sort()).toEqual(['削除予定(改)', '受付のご連絡']);
    const removed = await operator.call<contract.ReplyTemplateList>(
      'DELETE',
      `/api/v1/admin/reply-templates/${toRemove.templateId}`,
    );
    expect(removed.body.templates.map((t) => t.title.ja)).toEqual(['受付のご連絡']);
    const again = await operator.call('DELETE', `/api/v1/admin/reply-templates/${toRemove.templateId}`);
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error: { code: 'template_not_found' } });
    const missingEnglish = await operator.call('POST', '/api/v1/admin/reply-templates', {
      title: { ja: '英語なし', en: '' },
      body: { ja: '本文', en: 'text' },
    });
    expect(missingEnglish.status).toBe(400);
    expect(JSON.stringify(missingEnglish.body)).toContain('title');
    // A participant's user never reaches them.
    expect((await user.call('GET', '/api/v1/admin/reply-templates')).status).toBe(403);
  });

  it("are offered in the ticket's language with the ticket's details filled in", async () => {
    const japanese = await open('ログインできません', 'パスワードを変えてから入れなくなりました。');
    const english = await open('Cannot sign in', 'Since I changed my password I cannot sign in.');
    const ja = await templatesOf(japanese);
    expect(ja.language).toBe('ja');
    expect(ja.templates).toEqual([
      expect.objectContaining({
        title: '受付のご連絡',
        body: `株式会社ていけい ${japanese.requesterName} 様\nお問い合わせ [${japanese.reference}] を承りました。`,
      }),
    ]);
    const en = await templatesOf(english);
    expect(en.language).toBe('en');
    expect(en.templates).toEqual([
      expect.objectContaining({
        title: 'We received your question',
        body: `Dear ${english.requesterName} of 株式会社ていけい,\nwe received your question [${english.reference}].`,
      }),
    ]);
    // A participant who writes in Japanese later makes the ticket Japanese.
    const followUp = new FormData();
    followUp.append('body', '日本語で説明します。');
    const added = await user.upload(
      'POST',
      `/api/v1/participants/${participantId}/tickets/${english.ticketId}/messages`,
      followUp,
    );
    expect(added.status).toBe(201);
    expect((await templatesOf(english)).language).toBe('ja');
  });
});
