/**
 * A bounce that comes back later as mail: a delivery status notification (RFC 3464, a
 * multipart/report; report-type=delivery-status) whose recipient's Action is "failed". The mail it
 * is about is named by the Message-ID among the returned headers (its text/rfc822-headers or
 * message/rfc822 part), which is how the outbox finds its own mail. The report's parts are read one by
 * one and decoded by their Content-Transfer-Encoding (7bit/8bit, base64, quoted-printable): some MTAs
 * (Exchange, several hosted services) send the status and the returned headers base64-encoded.
 * mailparser is not used here: it folds a message/delivery-status part into the mail's text.
 */
export interface BounceReport {
  /** The Message-ID of the mail that bounced, with its angle brackets. */
  originalMessageId: string;
  /** "5.1.1" and the diagnostic, for operators. */
  status: string;
  detail: string;
}

interface MimePart {
  headers: string;
  body: string;
}

export function bounceReportOf(raw: Buffer | string): BounceReport | undefined {
  const text = (typeof raw === 'string' ? raw : raw.toString('latin1')).replace(/\r\n/g, '\n');
  const top = splitHeaders(text);
  if (!top) return undefined;
  if (!/^content-type:\s*multipart\/report\b[^\n]*report-type="?delivery-status"?/im.test(top.headers))
    return undefined;
  const boundary = /^content-type:[^\n]*\bboundary=(?:"([^"\n]+)"|([^\s;]+))/im.exec(top.headers);
  if (!boundary) return undefined;
  const parts = partsOf(top.body, boundary[1] ?? boundary[2]!);
  const statusPart = parts.find((part) => contentTypeOf(part) === 'message/delivery-status');
  if (!statusPart) return undefined;
  const fields = decodedBody(statusPart);
  if (!/^action:\s*failed\b/im.test(fields)) return undefined;
  const returned = parts.find((part) => ['text/rfc822-headers', 'message/rfc822'].includes(contentTypeOf(part)));
  const messageId = returned ? /^message-id:\s*(<[^>\s]+>)/im.exec(decodedBody(returned))?.[1] : undefined;
  if (!messageId) return undefined;
  return {
    originalMessageId: messageId,
    status: /^status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(fields)?.[1] ?? '',
    detail: (/^diagnostic-code:\s*(.+)$/im.exec(fields)?.[1] ?? '').trim().slice(0, 500),
  };
}

function splitHeaders(text: string): MimePart | undefined {
  const split = text.indexOf('\n\n');
  if (split < 0) return undefined;
  return { headers: text.slice(0, split).replace(/\n[ \t]+/g, ' '), body: text.slice(split + 2) };
}

function partsOf(body: string, boundary: string): MimePart[] {
  const delimiter = `--${boundary}`;
  const parts: MimePart[] = [];
  const chunks = body.split('\n');
  let current: string[] | undefined;
  for (const line of chunks) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) {
        const part = splitHeaders(current.join('\n') + '\n');
        if (part) parts.push(part);
      }
      if (trimmed === `${delimiter}--`) break;
      current = [];
    } else current?.push(line);
  }
  return parts;
}

function contentTypeOf(part: MimePart): string {
  return (/^content-type:\s*([^;\s]+)/im.exec(part.headers)?.[1] ?? 'text/plain').toLowerCase();
}

function decodedBody(part: MimePart): string {
  const encoding = (/^content-transfer-encoding:\s*([^;\s]+)/im.exec(part.headers)?.[1] ?? '7bit').toLowerCase();
  if (encoding === 'base64')
    return Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')
      .toString('latin1')
      .replace(/\r\n/g, '\n');
  if (encoding === 'quoted-printable')
    return part.body
      .replace(/=\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return part.body;
}
