import { SigmaRuleError } from './sigma-rule.js';

/**
 * Sigma's string values: `*` any run of characters, `?` one character, and a backslash escapes only
 * `*`, `?` and itself (`\*` is a star; `C:\Windows\` keeps its backslashes), as the Sigma specification
 * says. Turned into ClickHouse LIKE patterns with LIKE's own `%`, `_` and `\` made literal.
 */
type Part = { literal: string } | { wildcard: '*' | '?' };

export function sigmaParts(value: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    const next = value[i + 1];
    if (char === '\\' && (next === '*' || next === '?' || next === '\\')) {
      literal += next;
      i++;
    } else if (char === '*' || char === '?') {
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ wildcard: char });
    } else literal += char;
  }
  if (literal) parts.push({ literal });
  return parts;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export type StringMatch = 'equals' | 'contains' | 'startswith' | 'endswith';

/** The LIKE pattern of a Sigma value under a matching modifier. */
export function likePattern(value: string, match: StringMatch): string {
  const body = sigmaParts(value)
    .map((part) => ('literal' in part ? escapeLike(part.literal) : part.wildcard === '*' ? '%' : '_'))
    .join('');
  const before = match === 'contains' || match === 'endswith' ? '%' : '';
  const after = match === 'contains' || match === 'startswith' ? '%' : '';
  return `${before}${body}${after}`;
}

/** `|windash`: a command-line switch written with `-` also matches `/`, en dash, em dash and horizontal bar. */
export function windashVariants(value: string): string[] {
  if (!value.includes('-')) return [value];
  return ['-', '/', '\u2013', '\u2014', '\u2015'].map((dash) => value.replace(/-/g, dash));
}

/** A CIDR range for `|cidr`, checked here so a typo is an error naming the value rather than an engine failure. */
export function checkedCidr(value: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (v4 && v4.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(v4[5]) <= 32) return value;
  if (/^[0-9a-f:]+\/\d{1,3}$/i.test(value) && value.includes(':') && Number(value.split('/')[1]) <= 128) return value;
  throw new SigmaRuleError('value', `${value} is not a CIDR range (a.b.c.d/n or an IPv6 prefix)`);
}

/** A value of a number field: a number, or text that is one. */
export function numericValue(field: string, value: unknown): number {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(number))
    throw new SigmaRuleError('value', `${field} is a number field; ${String(value)} is not a number`);
  return number;
}

/** `%name%` of `|expand`: the name of a list (lists-as-data, e.g. ioc_domains). */
export function placeholderName(field: string, value: unknown): string {
  const match = typeof value === 'string' ? /^%([a-z][a-z0-9_]{0,63})%$/.exec(value) : null;
  if (!match) throw new SigmaRuleError('value', `${field}|expand needs a list placeholder such as %ioc_domains%`);
  return match[1]!;
}
