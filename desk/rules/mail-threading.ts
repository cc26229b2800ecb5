/**
 * How a mail finds its ticket: the reference people see in subjects ("YZ-7K2M9QX4") and the
 * Message-IDs Yorozu sends, which carry the same reference so that a reply whose subject was
 * rewritten still threads through In-Reply-To / References. Pure functions, no I/O.
 */

// Crockford base32: no I, L, O, U, so a reference read aloud or retyped cannot be ambiguous.
const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE_PATTERN = /^YZ-[0-9A-HJKMNP-TV-Z]{8}$/;

/**
 * A reference in free text. People retype references, so the Crockford decoding rules apply:
 * case does not matter and I, L read as 1, O as 0 (U stays invalid). The look-arounds keep
 * "XYZ-…" and a ninth character out; Japanese text around it is fine because it is not [A-Z0-9_].
 */
const REFERENCE_IN_TEXT = /(?<![A-Za-z0-9_])YZ-([0-9A-TV-Z]{8})(?![A-Za-z0-9_])/i;

/** "YZ-" + 8 Crockford base32 characters of the first 40 bits of the ticket UUID. */
export function ticketReferenceOf(ticketId: string): string {
  if (!UUID_PATTERN.test(ticketId)) throw new Error(`not a UUID: ${ticketId}`);
  // 10 hex digits = 40 bits = exactly 8 base32 characters, so no padding question arises.
  let bits = BigInt(`0x${ticketId.replaceAll('-', '').slice(0, 10)}`);
  let characters = '';
  for (let index = 0; index < 8; index += 1) {
    characters = CROCKFORD_ALPHABET[Number(bits & 31n)] + characters;
    bits >>= 5n;
  }
  return `YZ-${characters}`;
}

/** Finds a reference like [YZ-7K2M9QX4] in a subject (any case, with or without brackets, after any prefixes). */
export function ticketReferenceIn(subject: string): string | null {
  // NFKC turns full-width "ＹＺ－７Ｋ…" typed with a Japanese IME into ASCII.
  const match = REFERENCE_IN_TEXT.exec(subject.normalize('NFKC'));
  if (!match?.[1]) return null;
  const characters = match[1].toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  return `YZ-${characters}`;
}

// One leading prefix: a reply/forward marker in the usual languages (Re[2]:, RE：, Fwd:, AW:, 返信:, 転送: …)
// or a bracketed ticket reference, ours or another ticket's.
const LEADING_PREFIX =
  /^\s*(?:(?:re|fwd?|aw|wg|sv|vs|tr|rif|enc|返信|転送|回答)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]|[[［【]\s*YZ-[0-9A-Z]{8}\s*[\]］】])\s*/i;

/** "[YZ-…] subject", without piling up Re:/RE:/Fwd:/[YZ-…] prefixes however often the mail went back and forth. */
export function threadedSubject(reference: string, subject: string): string {
  assertReference(reference);
  let rest = subject.replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== rest;) {
    previous = rest;
    rest = rest.replace(LEADING_PREFIX, '');
  }
  return rest ? `[${reference}] ${rest}` : `[${reference}]`;
}

/** Message-ID for a mail Yorozu sends about a ticket: "<yz.{reference lowercase}.{messageUuid}@{domain}>". */
export function outgoingMessageId(reference: string, messageUuid: string, domain: string): string {
  assertReference(reference);
  if (!UUID_PATTERN.test(messageUuid)) throw new Error(`not a UUID: ${messageUuid}`);
  assertDomain(domain);
  return `<yz.${reference.toLowerCase()}.${messageUuid.toLowerCase()}@${domain.toLowerCase()}>`;
}

/** The ticket reference a Message-ID of ours carries (for In-Reply-To / References), or null. */
export function ticketReferenceInMessageId(messageId: string, domain: string): string | null {
  const match = /^<?yz\.(yz-[0-9a-hjkmnp-tv-z]{8})\.[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}@([^<>@\s]+)>?$/i.exec(
    messageId.trim(),
  );
  if (!match?.[1] || !match[2]) return null;
  // Another installation's ids look the same; only ours may thread into our tickets.
  if (match[2].toLowerCase() !== domain.trim().toLowerCase()) return null;
  return match[1].toUpperCase();
}

function assertReference(reference: string): void {
  if (!REFERENCE_PATTERN.test(reference)) throw new Error(`not a ticket reference: ${reference}`);
}

function assertDomain(domain: string): void {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(domain)) throw new Error(`not a mail domain: ${domain}`);
}
