import { Readable } from 'node:stream';
import type { Context } from 'hono';

/**
 * A stored file as a download: its name in UTF-8 (Japanese names survive), its SHA-256 so the
 * receiver can check it is what was filed, and no content sniffing (an uploaded HTML file is never
 * run as a page of the dashboard's origin).
 */
export function fileDownload(
  c: Context,
  file: { filename: string; contentType: string; sha256: string } & (
    { bytes: Buffer } | { body: Readable; sizeBytes: number }
  ),
): Response {
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(downloadName(file.filename))}`);
  c.header('X-Content-SHA256', file.sha256);
  c.header('X-Content-Type-Options', 'nosniff');
  if ('bytes' in file) return c.body(new Uint8Array(file.bytes));
  // Streamed from disk: a large file is never held whole in memory on the way out either.
  c.header('Content-Length', String(file.sizeBytes));
  return c.body(Readable.toWeb(file.body) as ReadableStream<Uint8Array>);
}

/**
 * The name a file is saved under: without bidirectional controls ("請求書\u202Efdp.exe" would show as
 * "請求書exe.pdf" in a file manager) nor other control characters. The stored name keeps them; the
 * dashboard shows them visibly (dashboard/src/format/visible-controls.ts).
 */
export function downloadName(filename: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = filename.replace(/[\u0000-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').trim();
  return cleaned || 'download';
}
