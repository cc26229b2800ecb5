import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { heldMultipartUpload } from '../support/held-multipart-upload.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 15, finding 8: uploads in progress are bounded per user (and in total), so one signed-in user
 * cannot fill the server's memory with concurrent large messages: beyond the bound the request is
 * refused at once with 429 and Retry-After, before its body is read. Uploads are held open here with a
 * body that has not finished arriving, over real HTTP.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let user: ApiClient;
let neighbour: ApiClient;
let messagesPath: string;

beforeAll(async () => {
  yorozu = await startTestYorozu('upload-limits', { YOROZU_UPLOADS_PER_USER: '2', YOROZU_UPLOADS_TOTAL: '8' });
  const { participantId } = await participantWithSecret(yorozu, '株式会社あっぷ');
  const operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'upload-user');
  neighbour = await participantUserClient(yorozu.url, operator, participantId, 'upload-neighbour');
  const form = new FormData();
  form.append('subject', 'ログの送付');
  form.append('category', 'software_fault');
  form.append('body', 'ログを送ります');
  const opened = await user.upload<{ ticketId: string }>('POST', `/api/v1/participants/${participantId}/tickets`, form);
  expect(opened.status).toBe(201);
  messagesPath = `/api/v1/participants/${participantId}/tickets/${opened.body.ticketId}/messages`;
}, 90_000);

afterAll(async () => {
  await yorozu?.cleanup();
});

/** A multipart message whose file keeps arriving until `finish` is called. */
const heldUpload = (client: ApiClient) =>
  heldMultipartUpload({
    url: new URL(messagesPath, yorozu.url),
    sessionToken: client.sessionToken,
    text: '大きなログです',
    filename: 'big.log',
    first: new Uint8Array(256 * 1024).fill(0x61),
  });

const smallMessage = (client: ApiClient) => {
  const form = new FormData();
  form.append('body', '追記です');
  return client.upload('POST', messagesPath, form);
};

describe('uploads in progress', () => {
  it('a third concurrent upload of one user gets 429 with Retry-After; another user is not held up; all finish', async () => {
    const held = [heldUpload(user), heldUpload(user)];
    // Once both hold their slots, the user's next upload is refused at once.
    let refused: Awaited<ReturnType<typeof smallMessage>> | undefined;
    await expect
      .poll(
        async () => {
          refused = await smallMessage(user);
          return refused.status;
        },
        { timeout: 20_000 },
      )
      .toBe(429);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.body).toMatchObject({ error: { code: 'too_many_in_progress' } });
    expect((await smallMessage(neighbour)).status).toBe(201);
    for (const upload of held) upload.finish();
    expect(await Promise.all(held.map(async (upload) => (await upload.answer).status))).toEqual([201, 201]);
    expect((await smallMessage(user)).status).toBe(201);
  });
});
