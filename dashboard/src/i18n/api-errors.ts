import { ApiFailure } from '../api/api-client.js';
import { API_ERROR_CODES, API_ERROR_TEXTS_EN, API_ERROR_TEXTS_JA } from './api-error-texts.js';
import { defineMessages } from './i18n.js';
import { VALIDATION_TEXTS_EN, VALIDATION_TEXTS_JA, validationTextKey } from './validation-texts.js';

/**
 * The API's error codes in both languages: a page shows these, never the server's English message.
 * The texts: api-error-texts.ts. `tests/dashboard/api-error-catalogue.test.ts` finds every code the server's routes can answer and fails when one
 * is missing here. A code not listed (a newer server) is shown as the generic text with its code.
 */
const t = defineMessages(API_ERROR_TEXTS_JA, API_ERROR_TEXTS_EN);
const v = defineMessages(VALIDATION_TEXTS_JA, VALIDATION_TEXTS_EN);
type KnownCode = Exclude<keyof typeof API_ERROR_TEXTS_JA, 'generic'>;

const KNOWN: ReadonlySet<string> = new Set(API_ERROR_CODES);

interface Issue {
  path?: string | string[];
  kind?: string;
  limit?: number;
  of?: string;
}

/**
 * An API failure in the reader's language. A refused input also says which fields are wrong and how (from the
 * issues' kinds and bounds, never their English sentences); `fieldLabels` names the fields as the page does.
 */
export function apiErrorText(error: unknown, fieldLabels: Record<string, string> = {}): string {
  const code = error instanceof ApiFailure ? error.code : 'internal_error';
  const text = KNOWN.has(code) ? t(code as KnownCode) : t('generic', { code });
  if (!(error instanceof ApiFailure)) return text;
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as Issue[]) : [];
  const problems = issues.map((issue) => {
    const field = [issue.path ?? ''].flat().join('.');
    const problem = v(validationTextKey(issue), { limit: issue.limit ?? '' });
    return field ? v('field', { field: fieldLabels[field] ?? field, problem }) : problem;
  });
  return problems.length ? `${text} ${problems.join(' / ')}` : text;
}
