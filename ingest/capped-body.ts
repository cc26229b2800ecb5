/**
 * Reads a request body up to a limit, refusing it as soon as it passes the limit (on its declared
 * Content-Length, or while reading) instead of buffering it whole. Used by the agents' HTTP routes
 * and by OTLP, which word the refusal each in their own error shape.
 */
export type CappedBody = { ok: true; bytes: Buffer } | { ok: false; size: string };

export async function readCappedBody(request: Request, limit: number): Promise<CappedBody> {
  const declared = Number(request.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > limit) return { ok: false, size: String(declared) };
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, size: `more than ${limit}` };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
