import {
  ATTRIBUTES_FIELD,
  CATEGORIES,
  FREE_TEXT_COLUMNS,
  lookupField,
  suggestField,
  type EventColumn,
  type FieldDefinition,
} from './fields.js';
import type { Span } from './lexer.js';
import { anchoredPattern, containedPattern, escapeLike, hasWildcard, wildcardRegExp } from './like-pattern.js';
import { parseNumber, splitComparison } from './number-values.js';

/** `finding:<id>`: the events of one detection finding. */
const FINDING_FIELD = 'finding';
import { parseQuery, type FieldReference, type QueryNode, type TermValue } from './parser.js';
import { MAX_QUERY_LENGTH, MAX_TERMS, QueryLanguageError, queryErrors, type QueryError } from './query-errors.js';
import {
  MATCHES_EVERYTHING,
  QueryParameters,
  allOf,
  anyOf,
  attributeEntry,
  compares,
  containsText,
  deviceHostname,
  equals,
  findingEvents,
  isEmpty,
  isNonZero,
  isNotEmpty,
  matchesPattern,
  negation,
  oneOf,
  type Operand,
} from './sql-fragments.js';

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CompiledQuery =
  | { ok: true; sql: string; params: Record<string, string | number>; fields: string[] }
  | { ok: false; error: QueryError };

/**
 * An operator's query → a boolean ClickHouse expression over `events` (to follow `WHERE … AND (`),
 * its parameters, and the catalogue fields it reads. A blank query is `1`.
 */
export function compileQuery(text: string): CompiledQuery {
  try {
    if (text.length > MAX_QUERY_LENGTH) throw queryErrors.queryTooLong(text.length);
    const root = parseQuery(text);
    if (!root) return { ok: true, sql: MATCHES_EVERYTHING, params: {}, fields: [] };
    const compiler = new Compiler();
    const sql = compiler.node(root);
    return { ok: true, sql, params: compiler.parameters.values, fields: [...compiler.fields] };
  } catch (error) {
    if (error instanceof QueryLanguageError) return { ok: false, error: error.error };
    throw error;
  }
}

/** What a value asks for, whatever the field: presence (`*`), a wildcard pattern, a literal, or a range. */
type Meaning =
  | { kind: 'present' }
  | { kind: 'pattern'; text: string }
  | { kind: 'literal'; text: string; quoted: boolean }
  | { kind: 'range'; value: TermValue & { type: 'range' } };

function meaningOf(value: TermValue): Meaning {
  if (value.type === 'range') return { kind: 'range', value };
  if (value.type === 'phrase') return { kind: 'literal', text: value.text, quoted: true };
  if (value.text === '*') return { kind: 'present' };
  if (hasWildcard(value.text)) return { kind: 'pattern', text: value.text };
  return { kind: 'literal', text: value.text, quoted: false };
}

class Compiler {
  readonly parameters = new QueryParameters();
  readonly fields = new Set<string>();
  private terms = 0;

  node(node: QueryNode): string {
    switch (node.type) {
      case 'and':
        return allOf(node.children.map((child) => this.node(child)));
      case 'or':
        return anyOf(node.children.map((child) => this.node(child)));
      case 'not':
        return negation(this.node(node.child));
      case 'term':
        if (++this.terms > MAX_TERMS) throw queryErrors.tooManyTerms(node);
        return node.field ? this.fieldTerm(node.field, node.value) : this.freeText(node.value);
    }
  }

  private text(value: string) {
    return this.parameters.add(value, 'String');
  }

  /** One parameter shared by every searched column. */
  private freeText(value: TermValue): string {
    const meaning = meaningOf(value);
    switch (meaning.kind) {
      case 'present':
        return MATCHES_EVERYTHING;
      case 'pattern': {
        const pattern = this.text(containedPattern(meaning.text));
        return anyOf(FREE_TEXT_COLUMNS.map((column) => matchesPattern(column, pattern)));
      }
      case 'literal': {
        if (meaning.text === '') throw queryErrors.emptyPhrase(value);
        const needle = this.text(meaning.text);
        return anyOf(FREE_TEXT_COLUMNS.map((column) => containsText(column, needle)));
      }
      case 'range':
        throw new Error('query-language: a range without a field');
    }
  }

  private fieldTerm(field: FieldReference, value: TermValue): string {
    if (field.name.toLowerCase() === ATTRIBUTES_FIELD.name) return this.attribute(field, value);
    if (field.name.toLowerCase() === FINDING_FIELD) return this.finding(field.name, value);
    const definition = lookupField(field.name);
    if (!definition) throw queryErrors.unknownField(field.name, field, suggestField(field.name));
    this.fields.add(definition.name);
    const meaning = meaningOf(value);
    if (definition.kind === 'number') return this.number(definition, field.name, value, meaning);
    if (meaning.kind === 'range') throw queryErrors.rangeNotSupported(field.name, value);
    switch (definition.kind) {
      case 'keyword':
        return this.keyword(definition.column, meaning);
      case 'text':
        return this.substring(definition.column, meaning);
      case 'enum':
        return this.category(meaning, value);
      case 'device':
        return this.device(meaning);
      case 'uuid':
        return this.uuid(definition.column, field.name, meaning, value);
    }
  }

  /** `finding:<id>`: exactly the events a detection finding holds (detections/detection-run.ts). */
  private finding(typedName: string, value: TermValue): string {
    const meaning = meaningOf(value);
    if (meaning.kind !== 'literal' || !/^[0-9a-f]{32}$/.test(meaning.text))
      throw queryErrors.expectedFindingId(typedName, meaning.kind === 'literal' ? meaning.text : '', value);
    this.fields.add(FINDING_FIELD);
    return findingEvents(this.text(meaning.text));
  }

  /** An id, exactly: checked here, so that a mistyped one is an error at its position, not an engine error. */
  private uuid(
    column: EventColumn,
    typedName: string,
    meaning: Exclude<Meaning, { kind: 'range' }>,
    span: Span,
  ): string {
    if (meaning.kind === 'present') return MATCHES_EVERYTHING;
    if (meaning.kind === 'pattern' || !UUID_TEXT.test(meaning.text))
      throw queryErrors.expectedUuid(typedName, meaning.text, span);
    return equals(column, this.parameters.add(meaning.text.toLowerCase(), 'UUID'));
  }

  /** Exact match; wildcards match the whole value, ignoring case. */
  private keyword(operand: Operand, meaning: Exclude<Meaning, { kind: 'range' }>): string {
    switch (meaning.kind) {
      case 'present':
        return isNotEmpty(operand);
      case 'pattern':
        return matchesPattern(operand, this.text(anchoredPattern(meaning.text)));
      case 'literal':
        return meaning.quoted && meaning.text === '' ? isEmpty(operand) : equals(operand, this.text(meaning.text));
    }
  }

  /** Substring ignoring case; wildcards may match anywhere in the value. */
  private substring(operand: Operand, meaning: Exclude<Meaning, { kind: 'range' }>): string {
    switch (meaning.kind) {
      case 'present':
        return isNotEmpty(operand);
      case 'pattern':
        return matchesPattern(operand, this.text(containedPattern(meaning.text)));
      case 'literal':
        return meaning.text === '' ? isEmpty(operand) : containsText(operand, this.text(meaning.text));
    }
  }

  private category(meaning: Exclude<Meaning, { kind: 'range' }>, span: Span): string {
    if (meaning.kind === 'present') return MATCHES_EVERYTHING;
    const allowed = CATEGORIES.map((category) => category.value);
    const matching = meaning.kind === 'pattern' ? wildcardRegExp(meaning.text) : undefined;
    const chosen = allowed.filter((value) => (matching ? matching.test(value) : value === meaning.text.toLowerCase()));
    if (chosen.length === 0) throw queryErrors.unknownCategory(meaning.text, allowed, span);
    const placeholders = chosen.map((value) => this.text(value));
    return placeholders.length === 1 ? equals('category', placeholders[0]!) : oneOf('category', placeholders);
  }

  /** Host names compare without case (as Windows does); exact unless the value has wildcards. */
  private device(meaning: Exclude<Meaning, { kind: 'range' }>): string {
    if (meaning.kind === 'present') return deviceHostname(undefined);
    return deviceHostname(
      this.text(meaning.kind === 'pattern' ? anchoredPattern(meaning.text) : escapeLike(meaning.text)),
    );
  }

  private number(definition: FieldDefinition, typedName: string, value: TermValue, meaning: Meaning): string {
    const { column } = definition;
    const parameter = (text: string, span: Span) => {
      const number = parseNumber(text, typedName, span);
      return { placeholder: this.parameters.add(number.value, number.type), approximate: number.approximate };
    };
    switch (meaning.kind) {
      case 'present':
        return isNonZero(column);
      case 'pattern':
        throw queryErrors.expectedNumber(typedName, meaning.text, value);
      case 'literal': {
        const { comparison, rest } = meaning.quoted
          ? { comparison: undefined, rest: meaning.text }
          : splitComparison(meaning.text);
        // The error points at the number after the comparison, or at the whole value when nothing follows it.
        const number = rest === '' ? meaning.text : rest;
        const skipped = meaning.text.length - number.length;
        const { placeholder } = parameter(number, {
          position: value.position + skipped,
          length: value.length - skipped,
        });
        return comparison ? compares(column, comparison, placeholder) : equals(column, placeholder);
      }
      case 'range': {
        const { low, high, lowInclusive, highInclusive } = meaning.value;
        const lowEnd = low.text === '*' ? undefined : parameter(low.text, low);
        const highEnd = high.text === '*' ? undefined : parameter(high.text, high);
        if (lowEnd && highEnd) {
          const bothInclusive = lowInclusive && highInclusive;
          if (
            lowEnd.approximate > highEnd.approximate ||
            (!bothInclusive && lowEnd.approximate === highEnd.approximate)
          ) {
            throw queryErrors.emptyRange(low.text, high.text, meaning.value);
          }
        }
        const parts: string[] = [];
        if (lowEnd) parts.push(compares(column, lowInclusive ? '>=' : '>', lowEnd.placeholder));
        if (highEnd) parts.push(compares(column, highInclusive ? '<=' : '<', highEnd.placeholder));
        return parts.length === 0 ? MATCHES_EVERYTHING : allOf(parts);
      }
    }
  }

  /** `attributes.<key>:value`: the key is a parameter too; values match like keywords. */
  private attribute(field: FieldReference, value: TermValue): string {
    if (!field.key) throw queryErrors.missingAttributeKey(field);
    this.fields.add(`${ATTRIBUTES_FIELD.name}.${field.key}`);
    const meaning = meaningOf(value);
    if (meaning.kind === 'range') throw queryErrors.rangeNotSupported(`${ATTRIBUTES_FIELD.name}.${field.key}`, value);
    return this.keyword(attributeEntry(this.text(field.key)), meaning);
  }
}
