import { SigmaRuleError } from './sigma-rule.js';

/**
 * A Sigma condition (https://sigmahq.io/docs/basics/conditions.html) as a tree: `and`, `or`, `not`,
 * parentheses, `1 of pattern*`, `all of pattern*`, `1 of them`, `all of them`, and an optional
 * aggregation after `|`: `count() [by field] op N` or `count(field) [by field] op N` (distinct values
 * of field). Precedence: not > and > or.
 */
export type ConditionNode =
  | { type: 'search'; name: string }
  | { type: 'and' | 'or'; items: ConditionNode[] }
  | { type: 'not'; item: ConditionNode }
  | { type: 'of'; quantifier: 'one' | 'all'; pattern: string };

export interface Aggregation {
  /** undefined: count(); a field: the number of its distinct values. */
  distinctField: string | undefined;
  groupBy: string | undefined;
  operator: '>' | '>=' | '<' | '<=' | '=';
  threshold: number;
}

export interface ParsedCondition {
  expression: ConditionNode;
  aggregation: Aggregation | undefined;
}

const TOKEN = /\s*(\(|\)|[A-Za-z_*][A-Za-z0-9_*]*|\d+)/y;

export function parseCondition(text: string, searchNames: readonly string[]): ParsedCondition {
  const [expressionText, aggregationText, extra] = text.split('|');
  if (extra !== undefined) throw new SigmaRuleError('condition', 'a condition has at most one aggregation after |');
  const tokens = tokenize(expressionText!);
  let position = 0;
  const peek = () => tokens[position];
  const take = () => tokens[position++];
  const fail = (message: string): never => {
    throw new SigmaRuleError('condition', `condition "${text.trim()}": ${message}`);
  };

  const parseOr = (): ConditionNode => {
    const items = [parseAnd()];
    while (peek()?.toLowerCase() === 'or') {
      take();
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  };
  const parseAnd = (): ConditionNode => {
    const items = [parseNot()];
    while (peek()?.toLowerCase() === 'and') {
      take();
      items.push(parseNot());
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  };
  const parseNot = (): ConditionNode => {
    if (peek()?.toLowerCase() === 'not') {
      take();
      return { type: 'not', item: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionNode => {
    const token = take();
    if (token === undefined) return fail('ends too early');
    if (token === '(') {
      const inner = parseOr();
      if (take() !== ')') fail('a parenthesis is not closed');
      return inner;
    }
    const lower = token.toLowerCase();
    if ((lower === '1' || lower === 'all' || lower === 'any') && peek()?.toLowerCase() === 'of') {
      take();
      const pattern = take();
      if (pattern === undefined || pattern === '(' || pattern === ')') return fail(`"${token} of" needs a name`);
      const quantifier = lower === 'all' ? 'all' : 'one';
      if (pattern.toLowerCase() !== 'them' && matching(searchNames, pattern).length === 0)
        fail(`no search identifier matches ${pattern}`);
      return { type: 'of', quantifier, pattern: pattern.toLowerCase() === 'them' ? '*' : pattern };
    }
    if (['and', 'or', 'not', 'of', ')'].includes(lower)) return fail(`unexpected "${token}"`);
    if (/^\d+$/.test(token)) return fail(`only "1 of" and "all of" are supported, not "${token} of"`);
    if (token.includes('*')) return fail(`${token}: a wildcard needs "1 of" or "all of"`);
    if (!searchNames.includes(token)) fail(`${token} is not a search identifier of this rule`);
    return { type: 'search', name: token };
  };

  const expression = parseOr();
  if (position < tokens.length) fail(`unexpected "${tokens[position]}"`);
  return { expression, aggregation: aggregationText === undefined ? undefined : parseAggregation(aggregationText) };
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new SigmaRuleError('condition', `condition: cannot read "${text.slice(start).trim()}"`);
    tokens.push(match[1]!);
  }
  return tokens;
}

const AGGREGATION = /^\s*count\(\s*([A-Za-z0-9_.]*)\s*\)\s*(?:by\s+([A-Za-z0-9_.]+)\s*)?(>=|<=|>|<|=|==)\s*(\d+)\s*$/i;

/** Only count() is supported; sum, min, max, avg and near are refused by name. */
function parseAggregation(text: string): Aggregation {
  const match = AGGREGATION.exec(text);
  if (!match) {
    const name = /^\s*(\w+)/.exec(text)?.[1] ?? text.trim();
    throw new SigmaRuleError(
      'condition',
      /^count$/i.test(name)
        ? `aggregation "${text.trim()}": write count() or count(field), optionally "by field", then a comparison and a number`
        : `aggregation ${name} is not supported: only count() and count(field) [by field] op N`,
    );
  }
  return {
    distinctField: match[1] || undefined,
    groupBy: match[2],
    operator: (match[3] === '==' ? '=' : match[3]) as Aggregation['operator'],
    threshold: Number(match[4]),
  };
}

/** The search identifiers a `1 of` / `all of` pattern names (`*` is a wildcard; `them` is every one). */
export function matching(searchNames: readonly string[], pattern: string): string[] {
  const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return searchNames.filter((name) => regex.test(name));
}
