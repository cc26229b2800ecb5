import { WriteFailedError } from '../buffered-writer.js';

/**
 * Whether a failed single-row insert means "this row is bad" (refuse the record alone, through
 * partialSuccess) rather than "storage is failing" (refuse the request, the Collector retries).
 * The writer bisects a failed combined insert down to the write that fails, so a failure that
 * reaches a record here is that record's own. Codes are ClickHouse's (src/Common/ErrorCodes.cpp):
 * parse and conversion errors of the row's values.
 */
const ROW_REFUSAL_CODES = new Set([
  '6', // CANNOT_PARSE_TEXT
  '26', // CANNOT_PARSE_QUOTED_STRING
  '27', // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  '38', // CANNOT_PARSE_DATE
  '41', // CANNOT_PARSE_DATETIME
  '53', // TYPE_MISMATCH
  '69', // ARGUMENT_OUT_OF_BOUND
  '70', // CANNOT_CONVERT_TYPE
  '72', // CANNOT_PARSE_NUMBER
  '117', // INCORRECT_DATA
  '131', // TOO_LARGE_STRING_SIZE
  '321', // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  '691', // UNKNOWN_ELEMENT_OF_ENUM
]);

export function isRowRefusal(error: unknown): error is WriteFailedError {
  if (!(error instanceof WriteFailedError) || error.retryable) return false;
  const code = String((error.cause as { code?: unknown } | undefined)?.code ?? '');
  return ROW_REFUSAL_CODES.has(code);
}
