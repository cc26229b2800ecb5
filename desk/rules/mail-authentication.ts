/**
 * What the organisation's MX found when it checked a mail's sender (RFC 8601 Authentication-Results):
 * the desk trusts the From address only as far as the MX vouches for it. The MX adds its header on
 * top, so the first header is the MX's own; with `authservId` set, only headers carrying that id
 * count (a sender can write any header below it). A mail whose DMARC check failed is held for an
 * operator instead of being put on a participant's ticket.
 */
export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

export interface MailAuthentication {
  /** The MX's verdicts; absent when it said nothing about that method. */
  dmarc?: AuthResult;
  spf?: AuthResult;
  dkim?: AuthResult;
  /** "dmarc=pass spf=pass dkim=pass", or "" when no header counted. */
  summary: string;
}

const RESULTS = new Set<AuthResult>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);
const METHODS = ['dmarc', 'spf', 'dkim'] as const;

export function mailAuthentication(headers: readonly string[], authservId?: string): MailAuthentication {
  const wanted = authservId?.trim().toLowerCase();
  const header = headers.find((value) => !wanted || authservIdOf(value) === wanted);
  if (!header) return { summary: '' };
  const verdict: MailAuthentication = { summary: '' };
  // "mx.example.jp; spf=pass smtp.mailfrom=…; dkim=pass header.d=…; dmarc=pass header.from=…"
  for (const part of header.split(';').slice(1)) {
    const match = /^\s*(dmarc|spf|dkim)\s*=\s*([a-z]+)/i.exec(part);
    if (!match) continue;
    const method = match[1]!.toLowerCase() as (typeof METHODS)[number];
    const result = match[2]!.toLowerCase() as AuthResult;
    // The first result per method counts (several DKIM signatures: the first is the From domain's in practice).
    if (RESULTS.has(result) && verdict[method] === undefined) verdict[method] = result;
  }
  verdict.summary = METHODS.filter((method) => verdict[method] !== undefined).map((method) => `${method}=${verdict[method]}`).join(' ');
  return verdict;
}

function authservIdOf(header: string): string {
  return (header.split(';')[0] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
}

/** Why such a mail must not go on a ticket by itself, or null. */
export function authenticationRefusal(verdict: MailAuthentication): string | null {
  return verdict.dmarc === 'fail' ? `authentication_failed: ${verdict.summary}` : null;
}
