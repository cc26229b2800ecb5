/**
 * URLs are stored with their non-ASCII parts decoded (`/d/abc/請求書.zip`, not `/d/abc/%E8%AB%8B…`), so a
 * search for 請求書 finds the download and the explorer shows what a person would read. Only percent-escapes
 * that form valid UTF-8 for characters beyond ASCII are decoded: ASCII escapes (`%2F`, `%3F`, `%0A`, `%20`…)
 * keep their meaning in the URL's structure and stay as they are, and so does anything malformed.
 */
const NON_ASCII_ESCAPES = /(?:%[89a-fA-F][0-9a-fA-F])+/g;

export function readableUrl(url: string): string {
  if (!url.includes('%')) return url;
  return url.replace(NON_ASCII_ESCAPES, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
