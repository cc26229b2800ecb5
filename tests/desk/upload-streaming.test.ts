import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { heldMultipartUpload } from '../support/held-multipart-upload.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Issue 15, finding 8: an upload is written to disk while it arrives, then stored in pieces of at most
 * 1 MiB, never held whole in memory. Shown by what can be seen from outside the request: while a file is
 * still arriving its bytes are already in the spool folder; once stored, they are pieces in
 * ticket_attachment_chunks, not one value; the download streams the same bytes; a refused upload leaves
 * nothing behind.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let user: ApiClient;
let participantId: string;
let messagesPath: string;
let ticketId: string;
const MAX_FILE = 4 * 1024 * 1024;

beforeAll(async () => {
  yorozu = await startTestYorozu('upload-streaming', { YOROZU_MAX_UPLOAD_BYTES: String(MAX_FILE) });
  ({ participantId } = await participantWithSecret(yorozu, '株式会社すとりーむ'));
  const operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'stream-user');
  const form = new FormData();
  form.append('subject', '大きなログ');
  form.append('category', 'software_fault');
  form.append('body', 'ログを送ります');
  const opened = await user.upload<{ ticketId: string }>('POST', `/api/v1/participants/${participantId}/tickets`, form);
  expect(opened.status).toBe(201);
  ticketId = opened.body.ticketId;
  messagesPath = `/api/v1/participants/${participantId}/tickets/${ticketId}/messages`;
}, 90_000);

afterAll(async () => {
  await yorozu?.cleanup();
});

const spoolDir = () => path.join(yorozu.dataDir, 'upload-spool');
const spooledBytes = () =>
  existsSync(spoolDir()) ? readdirSync(spoolDir()).map((name) => statSync(path.join(spoolDir(), name)).size) : [];

/** A multipart message whose file is sent in two parts: `first`, then (after `finish`) `rest` and the end. */
const streamedUpload = (first: Buffer, rest: Buffer) =>
  heldMultipartUpload({
    url: new URL(messagesPath, yorozu.url),
    sessionToken: user.sessionToken,
    text: '続きです',
    filename: '操作ログ.bin',
    first: new Uint8Array(first),
    rest: new Uint8Array(rest),
  });

const pattern = (size: number, seed: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * seed) % 251));

describe('uploads go to disk as they arrive', () => {
  it('the bytes already sent are on disk before the upload ends; then the file is kept outside the table and downloads intact', async () => {
    const first = pattern(1024 * 1024, 7);
    const rest = pattern(512 * 1024, 13);
    const upload = streamedUpload(first, rest);
    await expect.poll(() => spooledBytes().some((size) => size >= first.length)).toBe(true);
    upload.finish();
    const answer = await upload.answer;
    expect(answer.status).toBe(201);
    const detail = (await answer.json()) as {
      messages: { body: string; attachments: { attachmentId: string; sizeBytes: number; sha256: string }[] }[];
    };
    const file = detail.messages.find((message) => message.body === '続きです')!.attachments[0]!;
    const whole = Buffer.concat([first, rest]);
    expect(file.sizeBytes).toBe(whole.length);
    expect(file.sha256).toBe(createHash('sha256').update(whole).digest('hex'));

    const [row] = await queryRows<{ chunks: number; content_bytes: string; pieces: string; piece_bytes: string }>(
      yorozu,
      `SELECT a.chunk_count AS chunks, length(a.content) AS content_bytes,
              (SELECT count() FROM ticket_attachment_chunks WHERE attachment_id = {id:UUID}) AS pieces,
              (SELECT sum(length(base64Decode(content))) FROM ticket_attachment_chunks WHERE attachment_id = {id:UUID}) AS piece_bytes
       FROM ticket_attachments AS a WHERE a.attachment_id = {id:UUID}`,
      { id: file.attachmentId },
    );
    // 1.5 MiB: two pieces of at most 1 MiB, and nothing in the row's own column.
    expect(row).toEqual({ chunks: 2, content_bytes: '0', pieces: '2', piece_bytes: String(whole.length) });
    expect(spooledBytes()).toEqual([]);

    const download = await fetch(
      `${yorozu.url}/api/v1/participants/${participantId}/tickets/${ticketId}/attachments/${file.attachmentId}`,
      {
        headers: { authorization: `Bearer ${user.sessionToken}` },
      },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-length')).toBe(String(whole.length));
    expect(download.headers.get('x-content-sha256')).toBe(file.sha256);
    expect(Buffer.from(await download.arrayBuffer()).equals(whole)).toBe(true);
  });

  it('a file that grows past the limit while arriving is refused, and nothing of it stays on disk', async () => {
    const upload = streamedUpload(pattern(1024 * 1024, 3), pattern(MAX_FILE + 128 * 1024, 5));
    upload.finish();
    const answer = await upload.answer;
    expect(answer.status).toBe(413);
    const { error } = (await answer.json()) as { error: { code: string; message: string } };
    // Within the message's body limit (several files) but over the per-file one: named by its file.
    expect(error.code).toBe('attachment_too_large');
    expect(error.message).toContain('操作ログ.bin');
    await expect.poll(() => spooledBytes()).toEqual([]);
    const files = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM ticket_attachments WHERE ticket_id = {ticketId:UUID}',
      { ticketId },
    );
    expect(files[0]!.n).toBe('1');
  });

  it('a body that is not multipart at all is a named error, not a failure of the server', async () => {
    const answer = await fetch(new URL(messagesPath, yorozu.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${user.sessionToken}`, 'content-type': 'multipart/form-data' },
      body: 'no boundary here',
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('malformed_body');
  });
});
