import { nameBasedUuid } from '../../ingest/credentials.js';

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
  return nameBasedUuid(`yorozu-login:${normalisedLoginName}`);
}
