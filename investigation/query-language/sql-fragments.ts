import type { EventColumn } from './fields.js';

/**
 * The pieces compiled SQL is made of. Each takes only catalogue columns (`EventColumn`) and
 * placeholders made by `QueryParameters.add`, so a value typed by an operator has no way into the
 * SQL text: the types say so, and tests/investigation/query-language.test.ts checks it.
 */
declare const placeholderBrand: unique symbol;
declare const attributeBrand: unique symbol;

/** `{q0:String}`: the only form in which a query's values appear in the SQL text. */
export type Placeholder = string & { readonly [placeholderBrand]: true };
/** `attributes[{q0:String}]`: one entry of the Map column, its key a placeholder. */
export type AttributeEntry = string & { readonly [attributeBrand]: true };
export type Operand = EventColumn | AttributeEntry;

export type ParameterType = 'String' | 'Int64' | 'Float64' | 'UUID';

export class QueryParameters {
  readonly values: Record<string, string | number> = {};
  private count = 0;

  add(value: string | number, type: ParameterType): Placeholder {
    const name = `q${this.count++}`;
    this.values[name] = value;
    return `{${name}:${type}}` as Placeholder;
  }
}

export const MATCHES_EVERYTHING = '1';

export const attributeEntry = (key: Placeholder) => `attributes[${key}]` as AttributeEntry;

export const equals = (operand: Operand, value: Placeholder) => `${operand} = ${value}`;

export const oneOf = (operand: Operand, values: readonly Placeholder[]) => `${operand} IN (${values.join(', ')})`;

export type Comparison = '>' | '>=' | '<' | '<=';
export const compares = (operand: Operand, comparison: Comparison, value: Placeholder) =>
  `${operand} ${comparison} ${value}`;

export const containsText = (operand: Operand, needle: Placeholder) =>
  `positionCaseInsensitive(${operand}, ${needle}) > 0`;

/** `pattern` is a LIKE pattern (like-pattern.ts) passed as a parameter. */
export const matchesPattern = (operand: Operand, pattern: Placeholder) => `${operand} ILIKE ${pattern}`;

export const isEmpty = (operand: Operand) => `empty(${operand})`;
export const isNotEmpty = (operand: Operand) => `notEmpty(${operand})`;
export const isNonZero = (column: EventColumn) => `${column} != 0`;

/** Events of devices whose current host name matches the LIKE pattern (any, when no pattern is given). */
export function deviceHostname(pattern: Placeholder | undefined): string {
  // sql-paste-ok: fixed view and column names; the pattern is a query parameter placeholder.
  if (pattern) return `device_id IN (SELECT device_id FROM devices_current WHERE hostname ILIKE ${pattern})`;
  return 'device_id IN (SELECT device_id FROM devices_current WHERE notEmpty(hostname))';
}

/**
 * The events of a detection finding (`finding:<id>`): its (device, seq) keys as the detection run stored them.
 * The caller's participant filter still applies, so another participant's finding id selects nothing.
 */
export function findingEvents(findingId: Placeholder): string {
  // sql-paste-ok: fixed table and column names; the finding id is a query parameter placeholder.
  return `(device_id, seq) IN (SELECT device_id, arrayJoin(event_keys) FROM findings FINAL WHERE finding_id = ${findingId} AND event_source = 'events')`;
}

export const allOf = (parts: readonly string[]) => (parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`);
export const anyOf = (parts: readonly string[]) => (parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
export const negation = (part: string) => `NOT (${part})`;
