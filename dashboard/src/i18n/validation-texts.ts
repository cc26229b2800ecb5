/**
 * What is wrong with one field of a refused request, in the reader's language: the server's `issues` carry a kind
 * (zod's issue code) and a bound, never words we show (their `message` is English). No DOM here.
 */
export const VALIDATION_TEXTS_JA = {
  too_big_string: '長すぎます（{limit} 文字まで）',
  too_big_array: '多すぎます（{limit} 個まで）',
  too_big: '大きすぎます（{limit} まで）',
  too_small_string_1: '入力してください',
  too_small_string: '短すぎます（{limit} 文字以上）',
  too_small_array: '少なすぎます（{limit} 個以上）',
  too_small: '小さすぎます（{limit} 以上）',
  invalid_type: '入力されていないか、形式が違います',
  invalid_format: '形式が正しくありません',
  invalid_value: '選べる値ではありません',
  unrecognized_keys: '使えない項目があります',
  other: '内容が正しくありません',
  field: '{field}: {problem}',
};

export const VALIDATION_TEXTS_EN: typeof VALIDATION_TEXTS_JA = {
  too_big_string: 'too long (at most {limit} characters)',
  too_big_array: 'too many (at most {limit})',
  too_big: 'too large (at most {limit})',
  too_small_string_1: 'required',
  too_small_string: 'too short (at least {limit} characters)',
  too_small_array: 'too few (at least {limit})',
  too_small: 'too small (at least {limit})',
  invalid_type: 'missing or of the wrong type',
  invalid_format: 'not in the expected format',
  invalid_value: 'not one of the allowed values',
  unrecognized_keys: 'has fields that are not allowed',
  other: 'not valid',
  field: '{field}: {problem}',
};

export type ValidationTextKey = keyof typeof VALIDATION_TEXTS_JA;

/** Which text says what is wrong with one issue. */
export function validationTextKey(issue: { kind?: string; limit?: number; of?: string }): ValidationTextKey {
  switch (issue.kind) {
    case 'too_big':
      return issue.of === 'string' ? 'too_big_string' : issue.of === 'array' ? 'too_big_array' : 'too_big';
    case 'too_small':
      if (issue.of === 'string') return issue.limit === 1 ? 'too_small_string_1' : 'too_small_string';
      return issue.of === 'array' ? 'too_small_array' : 'too_small';
    case 'invalid_type':
    case 'invalid_format':
    case 'invalid_value':
    case 'unrecognized_keys':
      return issue.kind;
    default:
      return 'other';
  }
}
