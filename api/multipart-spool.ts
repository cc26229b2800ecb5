import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { ApiError } from './errors.js';

/**
 * One file of a multipart request, written to disk while it arrived (issue 15, finding 8): the server
 * never holds an upload in memory, so concurrent large uploads cost disk, not RAM. Its size and SHA-256
 * were computed on the way in. A handler keeps it by moving it (`rename`) into its store; whatever is
 * still in the spool when the request ends is removed.
 */
export class SpooledUpload {
  constructor(
    readonly name: string,
    readonly type: string,
    readonly size: number,
    readonly sha256: string,
    readonly path: string,
  ) {}
}

export type MultipartValue = string | SpooledUpload;
export type MultipartBody = Record<string, MultipartValue | MultipartValue[]>;

export interface SpoolLimits {
  /** The whole body, files and fields together. */
  maxBytes: number;
  /** The folder the files go to while the request lasts; on the same file system as the stores they move to. */
  directory: string;
}

/** Text fields are small by nature: a message is at most 20,000 characters. */
const MAX_FIELD_BYTES = 256 * 1024;
const MAX_PARTS = 200;

/**
 * Reads a multipart/form-data body as it arrives: text fields into memory (bounded), files into the
 * spool folder. Returns the fields as Hono's `parseBody({ all: true })` would (a repeated name becomes
 * an array) and the spooled files, which the caller removes with `discardSpool` when the request ends.
 */
export async function spoolMultipart(
  request: Request,
  limits: SpoolLimits,
): Promise<{ body: MultipartBody; files: SpooledUpload[] }> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!request.body) throw new ApiError(400, 'malformed_body', 'The request has no body; send multipart/form-data.');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      limits: { fieldSize: MAX_FIELD_BYTES, parts: MAX_PARTS, fileSize: limits.maxBytes },
      defParamCharset: 'utf8',
    });
  } catch {
    throw new ApiError(400, 'malformed_body', 'The request body is not valid multipart/form-data (no boundary).');
  }
  await mkdir(limits.directory, { recursive: true });
  const body: MultipartBody = {};
  const files: SpooledUpload[] = [];
  // Every file started, finished or not: a failed request leaves nothing in the spool.
  const started: string[] = [];
  const writes: Promise<void>[] = [];
  let failure: ApiError | undefined;
  const fail = (error: ApiError) => {
    failure ??= error;
  };
  const add = (name: string, value: MultipartValue) => {
    const earlier = body[name];
    if (earlier === undefined) body[name] = value;
    else body[name] = Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  };

  parser.on('field', (name, value, info) => {
    if (info.valueTruncated)
      fail(new ApiError(413, 'payload_too_large', `The field "${name}" is longer than ${MAX_FIELD_BYTES} bytes.`));
    else add(name, value);
  });
  parser.on('file', (name, stream, info) => {
    const spoolPath = path.join(limits.directory, randomUUID());
    started.push(spoolPath);
    const hash = createHash('sha256');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
    });
    stream.on('limit', () =>
      fail(
        new ApiError(
          413,
          'payload_too_large',
          `The file "${info.filename}" is larger than the limit of ${limits.maxBytes} bytes for one request.`,
        ),
      ),
    );
    writes.push(
      pipeline(stream, counter, createWriteStream(spoolPath, { flags: 'wx' })).then(() => {
        // A form's empty file input arrives as a part with no name and no bytes: not a file.
        const upload = new SpooledUpload(info.filename ?? '', info.mimeType, size, hash.digest('hex'), spoolPath);
        files.push(upload);
        if (upload.name !== '' || upload.size > 0) add(name, upload);
      }),
    );
  });
  parser.on('partsLimit', () =>
    fail(new ApiError(413, 'payload_too_large', `The request has more than ${MAX_PARTS} parts.`)),
  );

  let received = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > limits.maxBytes) {
        done(
          new ApiError(
            413,
            'payload_too_large',
            `The request body is larger than the limit of ${limits.maxBytes} bytes.`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>), bounded, parser);
    await Promise.all(writes);
  } catch (error) {
    await Promise.allSettled(writes);
    await removeAll(started);
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, 'malformed_body', 'The request body is not valid multipart/form-data.');
  }
  if (failure) {
    await removeAll(started);
    throw failure;
  }
  return { body, files };
}

/** Removes what is left of a request's spooled files (those moved into a store are gone already). */
export async function discardSpool(files: readonly SpooledUpload[]): Promise<void> {
  await removeAll(files.map((file) => file.path));
}

async function removeAll(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((spoolPath) => rm(spoolPath, { force: true })));
}
