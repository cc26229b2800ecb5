import type { Context } from 'hono';
import type { OtlpEncoding } from './otlp-decode.js';
import { ExportLogsServiceResponse, RpcStatus } from './otlp-proto.js';

/**
 * OTLP/HTTP answers, in the encoding of the request (the specification's rule): a success with
 * partialSuccess when records were refused one by one, and failures as a google.rpc.Status with a
 * message that names what was wrong. Retryable statuses carry Retry-After.
 */
const CONTENT_TYPE: Record<OtlpEncoding, string> = { protobuf: 'application/x-protobuf', json: 'application/json' };

/** gRPC codes the Status carries, by HTTP status. */
const RPC_CODE: Record<number, number> = {
  400: 3,
  401: 16,
  403: 7,
  413: 3,
  415: 3,
  429: 8,
  500: 13,
  502: 14,
  503: 14,
  504: 14,
};

export function exportSuccess(c: Context, encoding: OtlpEncoding, rejected: number, errorMessage: string): Response {
  const partial = rejected > 0 ? { partialSuccess: { rejectedLogRecords: rejected, errorMessage } } : {};
  if (encoding === 'json') {
    const body = rejected > 0 ? { partialSuccess: { rejectedLogRecords: String(rejected), errorMessage } } : {};
    return c.body(JSON.stringify(body), 200, { 'Content-Type': CONTENT_TYPE.json });
  }
  const bytes = ExportLogsServiceResponse.encode(ExportLogsServiceResponse.create(partial)).finish();
  return c.body(Buffer.from(bytes), 200, { 'Content-Type': CONTENT_TYPE.protobuf });
}

export function exportFailure(
  c: Context,
  encoding: OtlpEncoding,
  status: 400 | 401 | 403 | 413 | 415 | 429 | 500 | 503,
  message: string,
  retryAfterSeconds?: number,
): Response {
  const headers: Record<string, string> = { 'Content-Type': CONTENT_TYPE[encoding] };
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  const status_ = { code: RPC_CODE[status] ?? 2, message };
  const body =
    encoding === 'json' ? JSON.stringify(status_) : Buffer.from(RpcStatus.encode(RpcStatus.create(status_)).finish());
  return c.body(body, status, headers);
}
