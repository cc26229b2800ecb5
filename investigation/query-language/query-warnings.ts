import { tokenize } from './lexer.js';
import type { QueryError } from './query-errors.js';

/**
 * What a query does that its writer probably did not mean, without making it invalid. Only upper-case
 * `AND`, `OR` and `NOT` are operators (as in Lucene and Kibana); a lower-case `and` is searched as a word,
 * which silently narrows the result. The query still runs; the explorer shows the warning at its place.
 */
export type QueryWarning = QueryError;

const OPERATOR_WORDS = new Set(['and', 'or', 'not']);

export function queryWarnings(text: string): QueryWarning[] {
  let tokens;
  try {
    tokens = tokenize(text);
  } catch {
    return []; // the error itself is reported by compileQuery
  }
  const warnings: QueryWarning[] = [];
  for (const [index, token] of tokens.entries()) {
    if (token.kind !== 'word' || !OPERATOR_WORDS.has(token.text.toLowerCase())) continue;
    // `user:and` asks for the value "and"
    if (tokens[index - 1]?.kind === 'field') continue;
    const operator = token.text.toUpperCase();
    warnings.push({
      code: 'lower_case_operator',
      position: token.position,
      length: token.length,
      message: {
        ja: `「${token.text}」は演算子ではなく検索語として扱われます。演算子にするには大文字の「${operator}」と書いてください。`,
        en: `\`${token.text}\` is searched as a word, not an operator. Write \`${operator}\` in capitals to make it one.`,
      },
    });
  }
  return warnings;
}
