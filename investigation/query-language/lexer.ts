import { queryErrors } from './query-errors.js';

/**
 * Splits a query into tokens. A field token (`user:`) is always followed by exactly one value token
 * (word, phrase or range) or by the `(` of a field group, so the parser never has to look at spacing.
 */
export interface Span {
  position: number;
  length: number;
}

export interface RangeEnd extends Span {
  /** `*` for an open end. */
  text: string;
}

export type Token =
  | ({ kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'eof' } & Span)
  | ({ kind: 'word' | 'phrase'; text: string } & Span)
  | ({ kind: 'field'; name: string; key: string | undefined } & Span)
  | ({ kind: 'range'; low: RangeEnd; high: RangeEnd; lowInclusive: boolean; highInclusive: boolean } & Span);

const OPERATORS = new Map<string, 'and' | 'or' | 'not'>([
  ['AND', 'and'],
  ['OR', 'or'],
  ['NOT', 'not'],
]);
const ATTRIBUTES_PREFIX = 'attributes.';

/** Includes the ideographic space (U+3000) that Japanese input methods type. */
const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);
const endsWord = (char: string | undefined) => char === undefined || isSpace(char) || char === ')';

export function tokenize(text: string): Token[] {
  return new Lexer(text).run();
}

class Lexer {
  private readonly tokens: Token[] = [];
  private index = 0;

  constructor(private readonly text: string) {}

  run(): Token[] {
    const { text } = this;
    while (this.index < text.length) {
      const char = text[this.index];
      if (isSpace(char)) this.index++;
      else if (char === '(') this.single('lparen');
      else if (char === ')') this.single('rparen');
      else if (char === '-') this.single('minus');
      else if (char === '"') this.tokens.push(this.phrase(this.index));
      else this.wordOrField();
    }
    this.tokens.push({ kind: 'eof', position: text.length, length: 0 });
    return this.tokens;
  }

  private single(kind: 'lparen' | 'rparen' | 'minus') {
    this.tokens.push({ kind, position: this.index, length: 1 });
    this.index++;
  }

  /** A phrase starting at the `"` at `start`; `\"` and `\\` are escapes, any other backslash is itself. */
  private phrase(start: number): Token & { kind: 'phrase' } {
    const { text } = this;
    let value = '';
    let at = start + 1;
    while (at < text.length) {
      const char = text[at];
      const next = text[at + 1];
      if (char === '\\' && (next === '"' || next === '\\')) {
        value += next;
        at += 2;
      } else if (char === '"') {
        this.index = at + 1;
        return { kind: 'phrase', text: value, position: start, length: at + 1 - start };
      } else {
        value += char;
        at++;
      }
    }
    throw queryErrors.unterminatedPhrase({ position: start, length: text.length - start });
  }

  private wordOrField() {
    const { text } = this;
    const start = this.index;
    let at = start;
    while (!endsWord(text[at])) {
      if (text[at] === ':') return this.field(start, text.slice(start, at), undefined, at);
      if (
        text[at] === '"' &&
        at - start === ATTRIBUTES_PREFIX.length &&
        text.slice(start, at).toLowerCase() === ATTRIBUTES_PREFIX
      ) {
        return this.quotedAttributeKey(start, at);
      }
      at++;
    }
    const word = text.slice(start, at);
    const operator = OPERATORS.get(word);
    this.tokens.push(
      operator
        ? { kind: operator, position: start, length: at - start }
        : { kind: 'word', text: word, position: start, length: at - start },
    );
    this.index = at;
  }

  /** `attributes."any key":value`, for keys with spaces, colons or quotes. */
  private quotedAttributeKey(start: number, quoteAt: number) {
    const key = this.phrase(quoteAt);
    const colonAt = this.index;
    if (this.text[colonAt] !== ':')
      throw queryErrors.expectedColon({ position: colonAt, length: colonAt < this.text.length ? 1 : 0 });
    this.field(start, 'attributes', key.text, colonAt);
  }

  private field(start: number, typedName: string, quotedKey: string | undefined, colonAt: number) {
    if (colonAt === start) throw queryErrors.missingFieldName({ position: colonAt, length: 1 });
    let name = typedName;
    let key = quotedKey;
    if (key === undefined && typedName.toLowerCase().startsWith(ATTRIBUTES_PREFIX)) {
      name = 'attributes';
      key = typedName.slice(ATTRIBUTES_PREFIX.length);
    }
    const token: Token = { kind: 'field', name, key, position: start, length: colonAt + 1 - start };
    this.tokens.push(token);
    this.value(colonAt + 1, token);
  }

  private value(at: number, field: Token & { kind: 'field' }) {
    const { text } = this;
    const char = text[at];
    this.index = at;
    if (endsWord(char)) throw queryErrors.emptyValue(text.slice(field.position, at), field);
    if (char === '(') return; // a field group: the main loop reads the `(`
    if (char === '"') return void this.tokens.push(this.phrase(at));
    if (char === '[' || char === '{') return void this.tokens.push(this.range(at));
    let end = at;
    while (!endsWord(text[end])) end++;
    this.tokens.push({ kind: 'word', text: text.slice(at, end), position: at, length: end - at });
    this.index = end;
  }

  /** `[low TO high]` inclusive, `{low TO high}` exclusive (the two brackets may differ), `*` for an open end. */
  private range(start: number): Token {
    const { text } = this;
    const isBound = (char: string | undefined) => char === undefined || isSpace(char) || char === ']' || char === '}';
    let at = start + 1;
    const skipSpaces = () => {
      while (isSpace(text[at])) at++;
    };
    const readEnd = (which: { ja: string; en: string }): RangeEnd => {
      skipSpaces();
      const from = at;
      while (!isBound(text[at])) at++;
      if (at === from)
        throw queryErrors.malformedRange(
          { ja: `${which.ja}がありません`, en: `the ${which.en} end is missing` },
          { position: start, length: at - start },
        );
      return { text: text.slice(from, at), position: from, length: at - from };
    };
    const low = readEnd({ ja: '下限', en: 'low' });
    skipSpaces();
    if (text.slice(at, at + 2) !== 'TO' || !isSpace(text[at + 2])) {
      let found = at;
      while (!isBound(text[found])) found++;
      throw queryErrors.malformedRange(
        { ja: '「TO」がありません', en: 'expected `TO`' },
        { position: at, length: Math.min(Math.max(1, found - at), text.length - at) },
      );
    }
    at += 2;
    const high = readEnd({ ja: '上限', en: 'high' });
    skipSpaces();
    const close = text[at];
    if (close !== ']' && close !== '}') {
      throw queryErrors.malformedRange(
        { ja: '閉じ括弧「]」または「}」がありません', en: 'the closing `]` or `}` is missing' },
        { position: start, length: at - start },
      );
    }
    this.index = at + 1;
    return {
      kind: 'range',
      low,
      high,
      lowInclusive: text[start] === '[',
      highInclusive: close === ']',
      position: start,
      length: at + 1 - start,
    };
  }
}
