import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { readCappedBody } from '../capped-body.js';

/** Reading an OTLP body within its limits: the bytes as sent, then gunzip with a cap on what it inflates to. */
const gunzipAsync = promisify(gunzip);

export type BodyOutcome = { ok: true; bytes: Buffer } | { ok: false; status: 400 | 413 | 415; message: string };

export async function readOtlpBody(
  request: Request,
  maxBodyBytes: number,
  maxDecompressedBytes: number,
): Promise<BodyOutcome> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'identity' && encoding !== '') {
    return {
      ok: false,
      status: 415,
      message: `Content-Encoding ${JSON.stringify(encoding)} is not supported; send gzip or no encoding.`,
    };
  }
  const body = await readCappedBody(request, maxBodyBytes);
  if (!body.ok) return tooLarge(`${body.size} bytes`, maxBodyBytes);
  const raw = body.bytes;
  if (encoding !== 'gzip') return { ok: true, bytes: raw };
  try {
    return { ok: true, bytes: await gunzipAsync(raw, { maxOutputLength: maxDecompressedBytes }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return {
        ok: false,
        status: 413,
        message: `The body inflates to more than ${maxDecompressedBytes} bytes; send smaller batches.`,
      };
    }
    return { ok: false, status: 400, message: `The body is not valid gzip: ${(error as Error).message}` };
  }
}

const tooLarge = (size: string, limit: number): BodyOutcome => ({
  ok: false,
  status: 413,
  message: `The body is ${size}; the limit is ${limit} bytes (INGEST_OTLP_MAX_BODY_BYTES). Send smaller batches.`,
});
