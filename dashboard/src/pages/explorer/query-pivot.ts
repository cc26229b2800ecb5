import type { QueryField } from '../../api/contract.js';

/**
 * Pivots: a value in an event becomes a clause of the query (`field:"value"` to keep such events,
 * `-field:"value"` to drop them). Field names come from the server's catalogue of the query language.
 */

/** A phrase of the query language: `\` and `"` are escaped, so any value stays one literal. */
export function quotePhrase(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The name to type for an event column, or null when the query language cannot search it. */
export function queryFieldFor(column: string, fields: readonly QueryField[]): string | null {
  if (column.startsWith('attributes.')) {
    const key = column.slice('attributes.'.length);
    return /^[\w.-]+$/.test(key) ? column : `attributes.${quotePhrase(key)}`;
  }
  const field = fields.find((candidate) => candidate.name === column || candidate.aliases.includes(column));
  if (!field) return null;
  // Canonical names that are column names (user_name) read better as their short alias (user).
  return field.name.includes('_') && field.aliases[0] ? field.aliases[0] : field.name;
}

export function clauseFor(fieldName: string, value: string, exclude: boolean): string {
  return `${exclude ? '-' : ''}${fieldName}:${quotePhrase(value)}`;
}

/** OR binds looser than AND, so a query with an OR outside phrases is put in parentheses first. */
function hasTopLevelOr(query: string): boolean {
  const withoutPhrases = query.replace(/"(?:\\.|[^"\\])*"?/g, '""');
  return /(^|[\s()])OR(?=[\s()]|$)/.test(withoutPhrases);
}

/** Whether the clause is in the query already (a kept clause must not be the tail of an excluded one). */
function containsClause(query: string, clause: string): boolean {
  for (let at = query.indexOf(clause); at >= 0; at = query.indexOf(clause, at + 1)) {
    if (clause.startsWith('-') || query[at - 1] !== '-') return true;
  }
  return false;
}

function withoutClause(query: string, clause: string): string {
  if (!containsClause(query, clause)) return query;
  for (const form of [` AND ${clause}`, `${clause} AND `, ` ${clause}`, clause]) {
    const at = query.indexOf(form);
    if (at >= 0 && (clause.startsWith('-') || query[at - 1] !== '-'))
      return (query.slice(0, at) + query.slice(at + form.length)).trim();
  }
  return query;
}

/** The query with one more clause, combined with AND; the opposite clause for the same value is dropped. */
export function addClause(query: string, fieldName: string, value: string, exclude: boolean): string {
  const clause = clauseFor(fieldName, value, exclude);
  const current = query.trim();
  if (containsClause(current, clause)) return current;
  const base = withoutClause(current, clauseFor(fieldName, value, !exclude));
  if (!base) return clause;
  const left = hasTopLevelOr(base) ? `(${base})` : base;
  return exclude ? `${left} ${clause}` : `${left} AND ${clause}`;
}
