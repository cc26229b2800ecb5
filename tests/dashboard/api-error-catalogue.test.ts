import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, API_ERROR_TEXTS_EN } from '../../dashboard/src/i18n/api-error-texts.js';

/**
 * Issue 19, item 7: every error code the API's routes answer has catalogue text in both languages, so the dashboard
 * never shows the server's English. The codes are read from the server's source: `new ApiError(status, 'code'` and
 * the refusals' `code: 'x'`.
 */
const ROOTS = ['api', 'participants', 'desk', 'investigation', 'health', 'notices', 'retention', 'server'];
// Not error codes of an answer: a zod issue kind (server/config.ts), a rejection reason code (art. 3), and the
// codes of an account's status reason (participants/rules/account-status-reasons.ts, shown from their own catalogue).
const NOT_API_CODES = new Set(['custom', 'no_answer_by_deadline', 'none', 'desk', 'reinstated', 'succeeded']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function serverErrorCodes(): string[] {
  const codes = new Set<string>();
  for (const file of ROOTS.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/ApiError\(\s*\d{3},\s*'([a-z_]+)'/g)) codes.add(match[1]!);
    for (const match of text.matchAll(/\bcode: '([a-z_]+)'/g)) codes.add(match[1]!);
  }
  return [...codes].filter((code) => !NOT_API_CODES.has(code)).sort();
}

describe('the API error catalogue', () => {
  it('finds the codes (the scan works)', () => {
    expect(serverErrorCodes()).toEqual(expect.arrayContaining(['not_found', 'invalid_request', 'account_locked']));
  });

  it('has text for every code the server answers', () => {
    const missing = serverErrorCodes().filter((code) => !API_ERROR_CODES.includes(code));
    expect(missing).toEqual([]);
  });

  it('has English text for each, different from the Japanese', () => {
    for (const code of API_ERROR_CODES) expect(API_ERROR_TEXTS_EN[code as 'not_found'], code).toMatch(/[A-Za-z]/);
  });
});
