import type { Context } from 'hono';

/**
 * A stored file as a download: its name in UTF-8 (Japanese names survive), its SHA-256 so the
 * receiver can check it is what was filed, and no content sniffing (an uploaded HTML file is never
 * run as a page of the dashboard's origin).
 */
export function fileDownload(c: Context, file: { filename: string; contentType: string; sha256: string; bytes: Buffer }): Response {
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  c.header('X-Content-SHA256', file.sha256);
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(new Uint8Array(file.bytes));
}
