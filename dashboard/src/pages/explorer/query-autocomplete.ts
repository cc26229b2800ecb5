import type { QueryField } from '../../api/contract.js';
import { quotePhrase } from './query-pivot.js';

/**
 * What the query bar offers at the caret: field names from the query language's catalogue while a word is
 * typed, and a field's values (from the participant's events, through the API) once `field:` is typed. Pure
 * functions: the bar owns the list, the keyboard and the calls.
 */
export interface CaretToken {
  /** Where the token starts and ends in the query (the part that a suggestion replaces). */
  start: number;
  end: number;
  /** `-` when the clause is excluded. */
  sign: string;
  /** The field before `:`, or null while a field name is still being typed. */
  field: string | null;
  /** What is typed of the field name or of the value (without an opening quote). */
  partial: string;
}

export interface Suggestion {
  kind: 'field' | 'value';
  /** What is written into the query. */
  text: string;
  /** What the list shows beside it (a field's label; a value's count). */
  note: string;
}

const SEPARATORS = /[\s()]/;
/** Fields whose values are whole words worth offering (not free text, numbers or ids). */
const VALUE_KINDS = new Set(['keyword', 'enum', 'device']);
const MAX_FIELDS = 8;

export function tokenAt(query: string, caret: number): CaretToken | null {
  let start = caret;
  while (start > 0 && !SEPARATORS.test(query[start - 1]!)) start--;
  let end = caret;
  while (end < query.length && !SEPARATORS.test(query[end]!)) end++;
  const typed = query.slice(start, caret);
  // An open phrase (a value with spaces) is not completed: the token would end inside it.
  if ((typed.match(/"/g) ?? []).length > 1) return null;
  const sign = typed.startsWith('-') ? '-' : '';
  const body = typed.slice(sign.length);
  if (/^(AND|OR|NOT)$/.test(body)) return null;
  const colon = body.indexOf(':');
  if (colon < 0) return body ? { start, end, sign, field: null, partial: body } : null;
  return { start, end, sign, field: body.slice(0, colon), partial: body.slice(colon + 1).replace(/^"/, '') };
}

/** The name an operator types for a field: its short alias when the canonical name is a column (user_name → user). */
function typedName(field: QueryField): string {
  return field.name.includes('_') && field.aliases[0] ? field.aliases[0] : field.name;
}

export function fieldSuggestions(fields: readonly QueryField[], partial: string, language: 'ja' | 'en'): Suggestion[] {
  const lower = partial.toLowerCase();
  return fields
    .filter((field) => [field.name, ...field.aliases].some((name) => name.startsWith(lower)))
    .slice(0, MAX_FIELDS)
    .map((field) => ({ kind: 'field', text: typedName(field), note: field.label[language] }));
}

/** The catalogue field a typed name means, when its values can be offered. */
export function valueField(fields: readonly QueryField[], typed: string): QueryField | null {
  const lower = typed.toLowerCase();
  const field = fields.find((candidate) => candidate.name === lower || candidate.aliases.includes(lower));
  return field && VALUE_KINDS.has(field.kind) ? field : null;
}

function valueText(value: string): string {
  return /^[\p{L}\p{N}_.@-]+$/u.test(value) ? value : quotePhrase(value);
}

/** The query with the token replaced by the suggestion, and where the caret goes. */
export function applySuggestion(
  query: string,
  token: CaretToken,
  suggestion: Suggestion,
): { query: string; caret: number } {
  const clause =
    suggestion.kind === 'field'
      ? `${token.sign}${suggestion.text}:`
      : `${token.sign}${token.field ?? ''}:${valueText(suggestion.text)} `;
  const rest = query.slice(token.end).replace(suggestion.kind === 'value' ? /^\s+/ : /^$/, '');
  return { query: query.slice(0, token.start) + clause + rest, caret: token.start + clause.length };
}
