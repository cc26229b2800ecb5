/**
 * What the organisation's MX found when it checked a mail's sender (RFC 8601 Authentication-Results):
 * the desk trusts the From address only as far as the MX vouches for it.
 *
 * Only headers carrying the configured authserv-id (`YOROZU_MAIL_AUTHSERV_ID`, the MX's name) count:
 * anyone can write an Authentication-Results header into a mail, so one under another name, or any
 * header at all when no authserv-id is configured, says nothing. The MX adds its header on top, so the
 * topmost header with its id is its own.
 *
 * A mail from a registered address goes on that participant's ticket only with `dmarc=pass` from the
 * MX for the From address's domain; otherwise it is held for an operator: `authentication_failed` when
 * DMARC failed, `unverified_sender` when the MX did not vouch for it (no authserv-id configured, no
 * header from it, or a verdict other than pass). Safe by default: a desk without a configured MX
 * holds every mail from a registered address until an operator assigns it.
 */
export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

export interface MailAuthentication {
  /** The MX's verdicts; absent when it said nothing about that method. */
  dmarc?: AuthResult;
  spf?: AuthResult;
  dkim?: AuthResult;
  /** The domain DMARC was evaluated for (`header.from=`), lower case, when the MX named it. */
  dmarcDomain?: string;
  /** "dmarc=pass spf=pass dkim=pass", or "" when no header counted. */
  summary: string;
}

const RESULTS = new Set<AuthResult>([
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
  'policy',
]);
const METHODS = ['dmarc', 'spf', 'dkim'] as const;

export function mailAuthentication(headers: readonly string[], authservId: string | undefined): MailAuthentication {
  const wanted = authservId?.trim().toLowerCase();
  if (!wanted) return { summary: '' };
  const header = headers.find((value) => authservIdOf(value) === wanted);
  if (!header) return { summary: '' };
  const verdict: MailAuthentication = { summary: '' };
  // "mx.example.jp; spf=pass smtp.mailfrom=…; dkim=pass header.d=…; dmarc=pass header.from=…"
  for (const part of header.split(';').slice(1)) {
    const match = /^\s*(dmarc|spf|dkim)\s*=\s*([a-z]+)/i.exec(part);
    if (!match) continue;
    const method = match[1]!.toLowerCase() as (typeof METHODS)[number];
    const result = match[2]!.toLowerCase() as AuthResult;
    // The first result per method counts (several DKIM signatures: the first is the From domain's in practice).
    if (!RESULTS.has(result) || verdict[method] !== undefined) continue;
    verdict[method] = result;
    if (method === 'dmarc') {
      const domain = /\bheader\.from\s*=\s*([^\s;]+)/i.exec(part)?.[1];
      if (domain) verdict.dmarcDomain = domain.toLowerCase();
    }
  }
  verdict.summary = METHODS.filter((method) => verdict[method] !== undefined)
    .map((method) => `${method}=${verdict[method]}`)
    .join(' ');
  return verdict;
}

function authservIdOf(header: string): string {
  return (header.split(';')[0] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
}

/** A failed DMARC check: held whoever the sender claims to be. */
export function authenticationRefusal(verdict: MailAuthentication): string | null {
  return verdict.dmarc === 'fail' ? `authentication_failed: ${verdict.summary}` : null;
}

/** Why a mail from a registered address cannot be taken as that participant by itself, or null. */
export function unverifiedSender(
  verdict: MailAuthentication,
  authservId: string | undefined,
  fromAddress: string,
): string | null {
  if (!authservId?.trim())
    return 'unverified_sender: no MX is configured to vouch for senders (YOROZU_MAIL_AUTHSERV_ID)';
  if (verdict.dmarc !== 'pass')
    return `unverified_sender: ${verdict.summary ? verdict.summary : `no verdict from ${authservId}`}`;
  const fromDomain = domainOf(fromAddress);
  if (verdict.dmarcDomain && verdict.dmarcDomain !== fromDomain)
    return `unverified_sender: dmarc=pass for ${verdict.dmarcDomain}, not ${fromDomain}`;
  return null;
}

export type LocalPartCase = 'insensitive' | 'sensitive';

/**
 * The form an address is compared in: the domain always in lower case (DNS names are), the local part
 * as configured (RFC 5321 lets a mail system tell `Sakura@` from `sakura@`; almost none does).
 */
export function comparableAddress(address: string, localPartCase: LocalPartCase): string {
  const text = address.trim();
  const at = text.lastIndexOf('@');
  if (at < 0) return localPartCase === 'insensitive' ? text.toLowerCase() : text;
  const local = text.slice(0, at);
  return `${localPartCase === 'insensitive' ? local.toLowerCase() : local}@${text.slice(at + 1).toLowerCase()}`;
}

function domainOf(address: string): string {
  return address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
}
