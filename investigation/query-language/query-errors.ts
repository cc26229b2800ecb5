/**
 * Every error the query language reports, with its Japanese and English message (this folder's
 * message catalogue). Positions are 0-based offsets into the query as a JavaScript string.
 */
export interface QueryError {
  code: string;
  position: number;
  length: number;
  message: { ja: string; en: string };
}

export const MAX_QUERY_LENGTH = 4000;
export const MAX_NESTING = 32;
/** A free-text word compiles to ~800 characters of SQL; 200 of them stay well under ClickHouse's 256 KiB max_query_size. */
export const MAX_TERMS = 200;

/** Thrown inside the lexer, parser and compiler; compileQuery turns it into `{ ok: false, error }`. */
export class QueryLanguageError extends Error {
  constructor(readonly error: QueryError) {
    super(error.message.en);
  }
}

/** A token quoted in a message, shortened so a pasted page of text does not become the message. */
function quoted(text: string): { en: string; ja: string } {
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return { en: `\`${short}\``, ja: `「${short}」` };
}

type Span = { position: number; length: number };

function fail(code: string, span: Span, ja: string, en: string): QueryLanguageError {
  return new QueryLanguageError({ code, position: span.position, length: span.length, message: { ja, en } });
}

export const queryErrors = {
  queryTooLong: (length: number) =>
    fail(
      'query_too_long',
      { position: MAX_QUERY_LENGTH, length: length - MAX_QUERY_LENGTH },
      `クエリが長すぎます (${length} 文字)。上限は ${MAX_QUERY_LENGTH} 文字です`,
      `query too long: ${length} characters, the limit is ${MAX_QUERY_LENGTH}`,
    ),
  tooManyTerms: (span: Span) =>
    fail(
      'too_many_terms',
      span,
      `検索条件が多すぎます (位置 ${span.position} で ${MAX_TERMS} 個を超えました)`,
      `too many terms: more than ${MAX_TERMS}, from ${span.position} on`,
    ),
  nestingTooDeep: (span: Span) =>
    fail(
      'nesting_too_deep',
      span,
      `位置 ${span.position} で入れ子が ${MAX_NESTING} 段を超えています`,
      `nesting deeper than ${MAX_NESTING} levels at ${span.position}`,
    ),
  unclosedParenthesis: (span: Span) =>
    fail(
      'unbalanced_parenthesis',
      span,
      `括弧の対応が取れていません: 位置 ${span.position} の「(」が閉じられていません`,
      `unbalanced parenthesis: the \`(\` at ${span.position} is never closed`,
    ),
  unopenedParenthesis: (span: Span) =>
    fail(
      'unbalanced_parenthesis',
      span,
      `括弧の対応が取れていません: 位置 ${span.position} の「)」に対応する「(」がありません`,
      `unbalanced parenthesis: the \`)\` at ${span.position} has no matching \`(\``,
    ),
  emptyGroup: (span: Span) =>
    fail('empty_group', span, `位置 ${span.position} の括弧の中が空です`, `empty parentheses at ${span.position}`),
  unterminatedPhrase: (span: Span) =>
    fail(
      'unterminated_phrase',
      span,
      `位置 ${span.position} の「"」で始まる語句が閉じられていません`,
      `unterminated phrase: the \`"\` at ${span.position} has no closing quote`,
    ),
  emptyPhrase: (span: Span) =>
    fail('empty_phrase', span, `位置 ${span.position} の語句「""」が空です`, `empty phrase \`""\` at ${span.position}`),
  emptyValue: (fieldToken: string, span: Span) =>
    fail(
      'empty_value',
      span,
      `位置 ${span.position} の${quoted(fieldToken).ja}の後に値がありません (「:」の直後に空白を入れずに書きます)`,
      `empty value after ${quoted(fieldToken).en} at ${span.position} (write the value right after the colon)`,
    ),
  missingFieldName: (span: Span) =>
    fail(
      'missing_field_name',
      span,
      `位置 ${span.position} の「:」の前にフィールド名がありません`,
      `a field name is missing before the \`:\` at ${span.position}`,
    ),
  unknownField: (name: string, span: Span, suggestion: string | undefined) =>
    fail(
      'unknown_field',
      span,
      `位置 ${span.position} の${quoted(name).ja}は不明なフィールドです。` +
        (suggestion ? `${quoted(suggestion).ja}のことですか?` : '「:」を含む文字列を探すときは「"」で囲んでください'),
      `unknown field ${quoted(name).en} at ${span.position}; ` +
        (suggestion
          ? `did you mean ${quoted(suggestion).en}?`
          : 'to search for text containing `:`, put it in double quotes'),
    ),
  missingAttributeKey: (span: Span) =>
    fail(
      'missing_attribute_key',
      span,
      `位置 ${span.position}: 属性は「attributes.<キー>:値」の形で指定します`,
      `\`attributes\` at ${span.position} needs a key: write \`attributes.<key>:value\``,
    ),
  expectedColon: (span: Span) =>
    fail(
      'expected_colon',
      span,
      `位置 ${span.position}: 属性のキーの後に「:」が必要です`,
      `expected \`:\` after the attribute key at ${span.position}`,
    ),
  expectedNumber: (field: string, got: string, span: Span) =>
    fail(
      'expected_number',
      span,
      `${quoted(field).ja}には数値を指定してください (位置 ${span.position}: ${quoted(got).ja})`,
      `${quoted(field).en} expects a number, got ${quoted(got).en} at ${span.position}`,
    ),
  expectedUuid: (field: string, got: string, span: Span) =>
    fail(
      'expected_uuid',
      span,
      `${quoted(field).ja}には ID (UUID) を指定してください (位置 ${span.position}: ${quoted(got).ja})`,
      `${quoted(field).en} expects an id (UUID), got ${quoted(got).en} at ${span.position}`,
    ),
  expectedFindingId: (field: string, got: string, span: Span) =>
    fail(
      'expected_finding_id',
      span,
      `${quoted(field).ja}には検知結果の ID (英数字 32 文字) を指定してください (位置 ${span.position}: ${quoted(got).ja})`,
      `${quoted(field).en} expects a finding id (32 hex characters), got ${quoted(got).en} at ${span.position}`,
    ),
  numberOutOfRange: (field: string, got: string, span: Span) =>
    fail(
      'number_out_of_range',
      span,
      `${quoted(field).ja}の値${quoted(got).ja} (位置 ${span.position}) は扱える範囲を超えています`,
      `${quoted(field).en}: the number ${quoted(got).en} at ${span.position} is out of range`,
    ),
  unknownCategory: (got: string, allowed: readonly string[], span: Span) =>
    fail(
      'unknown_category',
      span,
      `位置 ${span.position} の${quoted(got).ja}は不明なカテゴリーです。指定できる値: ${allowed.join(', ')}`,
      `unknown category ${quoted(got).en} at ${span.position}; allowed values: ${allowed.join(', ')}`,
    ),
  malformedRange: (detail: { ja: string; en: string }, span: Span) =>
    fail(
      'invalid_range',
      span,
      `位置 ${span.position} の範囲指定が正しくありません: ${detail.ja}。「[下限 TO 上限]」「{下限 TO 上限}」の形で、開いた端は「*」で書きます`,
      `malformed range at ${span.position}: ${detail.en}; write \`[low TO high]\` or \`{low TO high}\`, with \`*\` for an open end`,
    ),
  emptyRange: (low: string, high: string, span: Span) =>
    fail(
      'empty_range',
      span,
      `位置 ${span.position} の範囲は空です: 下限${quoted(low).ja}が上限${quoted(high).ja}より大きくなっています`,
      `empty range at ${span.position}: the low end ${quoted(low).en} is above the high end ${quoted(high).en}`,
    ),
  rangeNotSupported: (field: string, span: Span) =>
    fail(
      'range_not_supported',
      span,
      `${quoted(field).ja}には範囲を指定できません (位置 ${span.position})。範囲は数値のフィールドに使います`,
      `${quoted(field).en} takes no range (at ${span.position}); ranges are for number fields`,
    ),
  missingOperand: (operator: string, side: 'before' | 'after', span: Span) =>
    fail(
      'missing_operand',
      span,
      `位置 ${span.position} の${quoted(operator).ja}の${side === 'before' ? '前' : '後'}に検索条件がありません`,
      `${quoted(operator).en} at ${span.position} needs a term ${side} it`,
    ),
  nestedField: (inner: string, outer: string, span: Span) =>
    fail(
      'nested_field',
      span,
      `位置 ${span.position} の${quoted(`${inner}:`).ja}は${quoted(`${outer}:( … )`).ja}の中では使えません`,
      `${quoted(`${inner}:`).en} at ${span.position} cannot be used inside ${quoted(`${outer}:( … )`).en}`,
    ),
};
