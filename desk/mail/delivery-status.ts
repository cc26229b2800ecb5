/**
 * A bounce that comes back later as mail: a delivery status notification (RFC 3464, a
 * multipart/report; report-type=delivery-status) whose recipient's Action is "failed". The mail it
 * is about is named by the Message-ID among the returned headers (its text/rfc822-headers or
 * message/rfc822 part), which is how the outbox finds its own mail. Read from the raw text: MTAs send
 * these parts as 7-bit text; an encoded report is not recognised (and is held like any auto-reply).
 */
export interface BounceReport {
  /** The Message-ID of the mail that bounced, with its angle brackets. */
  originalMessageId: string;
  /** "5.1.1" and the diagnostic, for operators. */
  status: string;
  detail: string;
}

export function bounceReportOf(raw: Buffer | string): BounceReport | undefined {
  const text = (typeof raw === 'string' ? raw : raw.toString('utf8')).replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  if (split < 0) return undefined;
  const headers = text.slice(0, split).replace(/\n[ \t]+/g, ' ');
  if (!/^content-type:\s*multipart\/report\b[^\n]*report-type="?delivery-status"?/im.test(headers)) return undefined;
  const body = text.slice(split + 2);
  const statusPart = /^content-type:\s*message\/delivery-status[^\n]*\n(?:[^\n]+\n)*\n([\s\S]*?)(?=\n--)/im.exec(body);
  if (!statusPart) return undefined;
  const fields = statusPart[1]!;
  if (!/^action:\s*failed\b/im.test(fields)) return undefined;
  const returned = body.slice(statusPart.index + statusPart[0].length);
  const messageId = /^message-id:\s*(<[^>\s]+>)/im.exec(returned)?.[1];
  if (!messageId) return undefined;
  return {
    originalMessageId: messageId,
    status: /^status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(fields)?.[1] ?? '',
    detail: (/^diagnostic-code:\s*(.+)$/im.exec(fields)?.[1] ?? '').trim().slice(0, 500),
  };
}
