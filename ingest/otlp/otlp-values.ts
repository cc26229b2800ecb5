import type { OtlpAnyValue, OtlpKeyValue } from './otlp-proto.js';

/**
 * OTLP AnyValue → plain JavaScript: a kvlist becomes an object, an array an array, an int64 a
 * number when it is safe and a decimal string when not (Windows record ids stay exact).
 */
export function plainValue(value: OtlpAnyValue | null | undefined, depth = 0): unknown {
  if (!value || depth > 32) return undefined;
  if (value.stringValue !== undefined && value.stringValue !== null) return value.stringValue;
  if (value.boolValue !== undefined && value.boolValue !== null) return value.boolValue;
  if (value.intValue !== undefined && value.intValue !== null) {
    const text = value.intValue.toString();
    const number = Number(text);
    return Number.isSafeInteger(number) ? number : text;
  }
  if (value.doubleValue !== undefined && value.doubleValue !== null) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map((entry) => plainValue(entry, depth + 1));
  if (value.kvlistValue) return plainAttributes(value.kvlistValue.values, depth + 1);
  if (value.bytesValue) return Buffer.from(value.bytesValue).toString('base64');
  return undefined;
}

export function plainAttributes(values: OtlpKeyValue[] | null | undefined, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of values ?? []) if (typeof entry.key === 'string') out[entry.key] = plainValue(entry.value, depth); // "" too: the array layout keys anonymous <Data> so
  return out;
}

/** Unix nanoseconds (uint64, as Long or number) → milliseconds; undefined for 0 (unset). */
export function nanosToMillis(value: number | { toString(): string } | null | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.toString();
  if (text === '0' || !/^\d+$/.test(text)) return undefined;
  return Number(text.length > 6 ? text.slice(0, -6) : '0');
}
