import { ApiFailure } from '../api/api-client.js';
import { API_ERROR_CODES, API_ERROR_TEXTS_EN, API_ERROR_TEXTS_JA } from './api-error-texts.js';
import { defineMessages } from './i18n.js';

/**
 * The API's error codes in both languages: a page shows these, never the server's English message.
 * The texts: api-error-texts.ts. `tests/dashboard/api-error-catalogue.test.ts` finds every code the server's routes can answer and fails when one
 * is missing here. A code not listed (a newer server) is shown as the generic text with its code.
 */
const t = defineMessages(API_ERROR_TEXTS_JA, API_ERROR_TEXTS_EN);
type KnownCode = Exclude<keyof typeof API_ERROR_TEXTS_JA, 'generic'>;

const KNOWN: ReadonlySet<string> = new Set(API_ERROR_CODES);

/** An API failure in the reader's language. */
export function apiErrorText(error: unknown): string {
  const code = error instanceof ApiFailure ? error.code : 'internal_error';
  return KNOWN.has(code) ? t(code as KnownCode) : t('generic', { code });
}
