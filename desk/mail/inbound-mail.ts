import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import { sha256Hex } from '../../common/hashes.js';
import { comparableAddress } from '../rules/mail-authentication.js';

/** What the desk needs from one received mail; the raw message stays the record, this is derived from it. */
export interface InboundMail {
  /**
   * The Message-ID WITH its angle brackets, trimmed, as In-Reply-To / References quote it, so ids compare
   * as plain strings. A mail without one gets "<sha256.{hex of the raw message}@message-id.invalid>": the
   * MX retrying the same bytes then produces the same id, and deduplication keeps working.
   */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: { address: string; name: string };
  to: string[];
  cc: string[];
  subject: string;
  /** Plain text; converted from the HTML part when there is no text part. */
  text: string;
  /** `text` without the quoted earlier messages and their "On … wrote:" lines. */
  replyText: string;
  date: Date | null;
  /** Auto-replies, bounces and bulk mail: they must never open or reopen a ticket (mail loops). */
  autoSubmitted: boolean;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** Every Authentication-Results header, topmost first (the organisation's MX adds its own on top). */
  authenticationResults: string[];
}

/**
 * Parses a raw RFC 5322 message. `envelopeFrom` is the SMTP MAIL FROM of the transaction ('' for the null
 * sender "<>" of bounces); without it a Return-Path header, if any, stands in.
 */
export async function parseInboundMail(raw: Buffer, envelopeFrom?: string): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true });
  const text = normaliseNewlines(parsed.text ?? '');
  const from = firstAddress(parsed.from);
  return {
    messageId: messageIdsIn(headerText(parsed, 'message-id'))[0] ?? syntheticMessageId(raw),
    inReplyTo: messageIdsIn(headerText(parsed, 'in-reply-to'))[0] ?? null,
    references: messageIdsIn(headerText(parsed, 'references')),
    // The domain in lower case; the local part as written (compared as configured: desk-directory.ts).
    from: { address: comparableAddress(from?.address ?? '', 'sensitive'), name: from?.name ?? '' },
    to: addressesOf(parsed.to),
    cc: addressesOf(parsed.cc),
    subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
    text,
    replyText: withoutQuotedText(text),
    date: dateOf(parsed),
    autoSubmitted: isAutoSubmitted(parsed, envelopeFrom),
    attachments: parsed.attachments.map((attachment, index) => ({
      filename: attachment.filename ?? `attachment-${index + 1}`,
      contentType: attachment.contentType,
      content: attachment.content,
    })),
    authenticationResults: parsed.headerLines
      .filter((header) => header.key === 'authentication-results')
      .map((header) =>
        header.line
          .slice(header.line.indexOf(':') + 1)
          .replace(/\s+/g, ' ')
          .trim(),
      ),
  };
}

function headerText(parsed: ParsedMail, name: string): string {
  return stringsOf(parsed.headers.get(name)).join(' ');
}

function stringsOf(value: HeaderValue | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((item) => stringsOf(item));
  if (value instanceof Date) return [value.toISOString()];
  if ('value' in value && typeof value.value === 'string') return [value.value];
  return [];
}

function messageIdsIn(headerValue: string): string[] {
  return [...headerValue.matchAll(/<[^<>\s]+>/g)].map((match) => match[0]);
}

function syntheticMessageId(raw: Buffer): string {
  return `<sha256.${sha256Hex(raw)}@message-id.invalid>`;
}

function firstAddress(object: AddressObject | undefined): { address?: string; name: string } | undefined {
  return object?.value.flatMap((entry) => entry.group ?? [entry])[0];
}

function addressesOf(objects: AddressObject | AddressObject[] | undefined): string[] {
  const list = objects === undefined ? [] : Array.isArray(objects) ? objects : [objects];
  return list
    .flatMap((object) => object.value)
    .flatMap((entry) => entry.group ?? [entry])
    .flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : []));
}

// mailparser gives "now" for an unparseable Date header; a wrong date is worse than none.
function dateOf(parsed: ParsedMail): Date | null {
  const line = parsed.headerLines.find((header) => header.key === 'date')?.line;
  if (!line) return null;
  const time = Date.parse(
    line
      .slice(line.indexOf(':') + 1)
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return Number.isNaN(time) ? null : new Date(time);
}

function isAutoSubmitted(parsed: ParsedMail, envelopeFrom: string | undefined): boolean {
  // RFC 3834: anything but "no" is automatic. Precedence is the older convention of lists and vacation programs.
  const autoSubmitted = headerText(parsed, 'auto-submitted').trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return true;
  if (/\b(bulk|junk|list|auto_reply)\b/i.test(headerText(parsed, 'precedence'))) return true;
  if (parsed.headers.has('x-autoreply') || parsed.headers.has('x-autorespond')) return true;
  // Delivery status notifications (bounces) and read receipts.
  if (/^multipart\/report\b/i.test(headerText(parsed, 'content-type'))) return true;
  // The null sender "<>" is reserved for notifications that must not be answered (RFC 5321 4.5.5).
  const sender = envelopeFrom ?? returnPathOf(parsed);
  return sender !== undefined && sender.trim() === '';
}

function returnPathOf(parsed: ParsedMail): string | undefined {
  const line = parsed.headerLines.find((header) => header.key === 'return-path')?.line;
  if (line === undefined) return undefined;
  return line.slice(line.indexOf(':') + 1).replace(/[<>\s]/g, '');
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

// The earlier message follows unquoted after these (Outlook, Thunderbird, Japanese Outlook).
const SEPARATOR_LINE = /^\s*-{2,}\s*(?:original message|元のメッセージ|オリジナル\s*メッセージ)\s*-{2,}\s*$/i;
const HEADER_BLOCK_START = /^\s*(?:\*\s*)?(?:from|差出人|送信者)\s*\*?\s*[:：]/i;
// Only Outlook's "Sent:" makes a From: line a separator: a pasted suspicious mail's From/Date/To must stay.
const HEADER_BLOCK_FOLLOWER = /^\s*(?:\*\s*)?(?:sent|送信日時)\s*\*?\s*[:：]/i;
// "On … wrote:", Gmail ja "2026年11月24日(火) 10:30 山田 太郎 <taro@example.jp>:", Apple Mail ja
// "2026/11/24 10:30、山田太郎 <taro@example.jp>のメール:", Thunderbird ja "…さんは書きました:".
const ATTRIBUTION_LINE = [
  /\bwrote\s*:\s*$/i,
  /書きました\s*[:：]\s*$/,
  /のメール\s*[:：]\s*$/,
  /^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*[:：]\s*$/,
  /^\s*\d{4}\/\d{1,2}\/\d{1,2}.*[:：]\s*$/,
];

/**
 * Removes quoted earlier messages. Lines starting with ">" go wherever they are (so inline answers
 * between quotes stay); an attribution line goes only when quoted lines follow it, so a sentence of
 * the participant that happens to end with ":" survives; at a separator ("-----Original Message-----",
 * an Outlook "From:/Sent:" block) everything below is the earlier message.
 */
export function withoutQuotedText(text: string): string {
  const lines = normaliseNewlines(text).split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (isSeparator(lines, index)) break;
    if (isQuoted(line)) continue;
    if (ATTRIBUTION_LINE.some((pattern) => pattern.test(line)) && quotedLinesFollow(lines, index)) {
      // Gmail wraps a long "On … <address> wrote:" over two lines.
      const previous = kept.at(-1);
      if (previous !== undefined && /^\s*On\s/.test(previous) && !/^\s*On\s/.test(line)) kept.pop();
      continue;
    }
    kept.push(line);
  }
  while (kept.length > 0 && /^[\s_]*$/.test(kept.at(-1) ?? '')) kept.pop();
  while (kept.length > 0 && /^\s*$/.test(kept[0] ?? '')) kept.shift();
  return kept.join('\n').replace(/\n{3,}/g, '\n\n');
}

function isQuoted(line: string): boolean {
  return /^\s*(?:>|＞)/.test(line);
}

function quotedLinesFollow(lines: string[], index: number): boolean {
  const next = lines.slice(index + 1).find((line) => line.trim() !== '');
  return next !== undefined && isQuoted(next);
}

function isSeparator(lines: string[], index: number): boolean {
  const line = lines[index] ?? '';
  if (SEPARATOR_LINE.test(line)) return true;
  if (!HEADER_BLOCK_START.test(line)) return false;
  return lines.slice(index + 1, index + 5).some((follower) => HEADER_BLOCK_FOLLOWER.test(follower));
}
