/**
 * The query language's wildcards (`*` any run of characters, `?` one character) turned into
 * ClickHouse LIKE patterns, with LIKE's own metacharacters in the operator's text made literal.
 */
export const hasWildcard = (text: string) => /[*?]/.test(text);

/** `%`, `_` and `\` are LIKE metacharacters; a backslash before each makes it match itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function translate(text: string): string {
  let pattern = '';
  for (const char of text) pattern += char === '*' ? '%' : char === '?' ? '_' : escapeLike(char);
  return pattern;
}

/** The whole value must match: `SALES-*` is host names starting with `SALES-`. */
export function anchoredPattern(text: string): string {
  return translate(text);
}

/** The value may occur anywhere: `report_*.pdf` inside a longer path. */
export function containedPattern(text: string): string {
  return `${text.startsWith('*') ? '' : '%'}${translate(text)}${text.endsWith('*') ? '' : '%'}`;
}

/** The same wildcards matched in JavaScript, for values known in advance (the categories). */
export function wildcardRegExp(text: string): RegExp {
  let source = '';
  for (const char of text)
    source += char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^${source}$`, 'iu');
}
