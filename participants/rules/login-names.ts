import { createHash } from 'node:crypto';

/**
 * Login names are compared after NFKC normalisation, trimming and lower-casing, so "Ｙａｍａｄａ"
 * and "yamada" are one name. The account id is a UUID derived from the normalised name: two
 * requests creating the same name write the same account id and race for its version 1.
 */
export const LOGIN_NAME_PATTERN = /^[a-z0-9][a-z0-9._@+-]{2,63}$/;

export function normaliseLoginName(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

export function loginNameProblem(normalised: string): string | undefined {
  if (LOGIN_NAME_PATTERN.test(normalised)) return undefined;
  return 'A login name has 3-64 characters: letters, digits and . _ @ + - (an e-mail address works), starting with a letter or digit.';
}

export function accountIdFor(normalisedLoginName: string): string {
  const hex = createHash('sha256').update(`yorozu-login:${normalisedLoginName}`).digest('hex');
  // RFC 4122 layout, version 8 (custom), variant 10.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
