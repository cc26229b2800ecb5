import { tokenize, type RangeEnd, type Span, type Token } from './lexer.js';
import { MAX_NESTING, queryErrors } from './query-errors.js';

/**
 * Tokens → syntax tree. Precedence NOT (and `-`) > AND (also written as a space) > OR.
 * The tree knows nothing of the catalogue: field names are checked when compiling.
 */
export interface FieldReference extends Span {
  /** As typed (`attributes` for `attributes.<key>`); the span covers the name without the colon. */
  name: string;
  key: string | undefined;
}

export type TermValue =
  | ({ type: 'word' | 'phrase'; text: string } & Span)
  | ({ type: 'range'; low: RangeEnd; high: RangeEnd; lowInclusive: boolean; highInclusive: boolean } & Span);

export type QueryNode =
  | ({ type: 'and' | 'or'; children: QueryNode[] } & Span)
  | ({ type: 'not'; child: QueryNode } & Span)
  | ({ type: 'term'; field: FieldReference | undefined; value: TermValue } & Span);

/** `undefined` for a blank query (which matches every event). Throws QueryLanguageError. */
export function parseQuery(text: string): QueryNode | undefined {
  return new Parser(tokenize(text)).parse();
}

type Kind = Token['kind'];
const STARTS_TERM = new Set<Kind>(['word', 'phrase', 'field', 'lparen', 'not', 'minus']);
const OPERATOR_TEXT: Partial<Record<Kind, string>> = { and: 'AND', or: 'OR', not: 'NOT', minus: '-' };

function spanning(first: Span, last: Span): Span {
  return { position: first.position, length: last.position + last.length - first.position };
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): QueryNode | undefined {
    if (this.peek().kind === 'eof') return undefined;
    const root = this.or(undefined);
    const rest = this.peek();
    if (rest.kind === 'rparen') throw queryErrors.unopenedParenthesis(rest);
    return root;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private expectTermAfter(operator: Token) {
    if (!STARTS_TERM.has(this.peek().kind))
      throw queryErrors.missingOperand(OPERATOR_TEXT[operator.kind] ?? operator.kind, 'after', operator);
  }

  private or(groupField: FieldReference | undefined): QueryNode {
    const children = [this.and(groupField)];
    while (this.peek().kind === 'or') {
      this.expectTermAfter(this.next());
      children.push(this.and(groupField));
    }
    return children.length === 1
      ? children[0]!
      : { type: 'or', children, ...spanning(children[0]!, children[children.length - 1]!) };
  }

  private and(groupField: FieldReference | undefined): QueryNode {
    const children = [this.unary(groupField)];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'and') this.expectTermAfter(this.next());
      else if (!STARTS_TERM.has(token.kind)) break;
      children.push(this.unary(groupField));
    }
    return children.length === 1
      ? children[0]!
      : { type: 'and', children, ...spanning(children[0]!, children[children.length - 1]!) };
  }

  private unary(groupField: FieldReference | undefined): QueryNode {
    const token = this.peek();
    if (token.kind !== 'not' && token.kind !== 'minus') return this.primary(groupField);
    this.next();
    this.expectTermAfter(token);
    const child = this.nested(token, () => this.unary(groupField));
    return { type: 'not', child, ...spanning(token, child) };
  }

  private nested<T>(opening: Span, parse: () => T): T {
    if (++this.depth > MAX_NESTING) throw queryErrors.nestingTooDeep(opening);
    const result = parse();
    this.depth--;
    return result;
  }

  private primary(groupField: FieldReference | undefined): QueryNode {
    const token = this.next();
    switch (token.kind) {
      case 'lparen':
        return this.group(token, groupField);
      case 'word':
      case 'phrase':
        return {
          type: 'term',
          field: groupField,
          value: { type: token.kind, text: token.text, position: token.position, length: token.length },
          position: token.position,
          length: token.length,
        };
      case 'field':
        return this.fieldTerm(token, groupField);
      case 'rparen':
        throw queryErrors.unopenedParenthesis(token);
      case 'and':
      case 'or':
        throw queryErrors.missingOperand(OPERATOR_TEXT[token.kind]!, 'before', token);
      default:
        // Callers look for a term before calling, and the lexer puts ranges only after a field.
        throw new Error(`query-language: no term at ${token.position}`);
    }
  }

  private group(opening: Token, groupField: FieldReference | undefined): QueryNode {
    return this.nested(opening, () => {
      if (this.peek().kind === 'eof') throw queryErrors.unclosedParenthesis(opening);
      if (this.peek().kind === 'rparen') throw queryErrors.emptyGroup(spanning(opening, this.peek()));
      const inner = this.or(groupField);
      const closing = this.next();
      if (closing.kind !== 'rparen') throw queryErrors.unclosedParenthesis(opening);
      return inner;
    });
  }

  private fieldTerm(token: Token & { kind: 'field' }, groupField: FieldReference | undefined): QueryNode {
    const field: FieldReference = {
      name: token.name,
      key: token.key,
      position: token.position,
      length: token.length - 1,
    };
    if (groupField) throw queryErrors.nestedField(token.name, groupField.name, field);
    const value = this.next();
    switch (value.kind) {
      case 'lparen':
        // `user:(alice OR bob)`: the words inside take the field.
        return this.group(value, field);
      case 'word':
      case 'phrase':
        return {
          type: 'term',
          field,
          value: { type: value.kind, text: value.text, position: value.position, length: value.length },
          ...spanning(token, value),
        };
      case 'range': {
        const { low, high, lowInclusive, highInclusive, position, length } = value;
        return {
          type: 'term',
          field,
          value: { type: 'range', low, high, lowInclusive, highInclusive, position, length },
          ...spanning(token, value),
        };
      }
      default:
        throw new Error(`query-language: the lexer left a field without a value at ${token.position}`);
    }
  }
}
