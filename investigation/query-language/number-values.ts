import type { Span } from './lexer.js';
import { queryErrors } from './query-errors.js';
import type { ParameterType } from './sql-fragments.js';

/** Numbers as operators write them: integers (Int64, exact) or decimals (Float64). No units, no exponent. */
export interface NumberValue {
  value: string | number;
  type: Extract<ParameterType, 'Int64' | 'Float64'>;
  /** For comparing the two ends of a range. */
  approximate: number;
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.\d*|\.\d+)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function parseNumber(text: string, fieldName: string, span: Span): NumberValue {
  if (INTEGER.test(text)) {
    const exact = BigInt(text);
    if (exact < INT64_MIN || exact > INT64_MAX) throw queryErrors.numberOutOfRange(fieldName, text, span);
    const approximate = Number(exact);
    // Past 2^53 a JavaScript number would change the value: the engine parses the digits itself.
    return { value: Number.isSafeInteger(approximate) ? approximate : exact.toString(), type: 'Int64', approximate };
  }
  if (DECIMAL.test(text)) {
    const approximate = Number(text);
    return { value: approximate, type: 'Float64', approximate };
  }
  throw queryErrors.expectedNumber(fieldName, text, span);
}

const COMPARISON = /^(>=|<=|>|<)/;

/** `>1000`, `<=10`: the comparison and the number after it. */
export function splitComparison(text: string): { comparison: '>' | '>=' | '<' | '<=' | undefined; rest: string } {
  const match = COMPARISON.exec(text);
  if (!match) return { comparison: undefined, rest: text };
  const comparison = match[1] as '>' | '>=' | '<' | '<=';
  return { comparison, rest: text.slice(comparison.length) };
}
