/** The log explorer's query language: see README.md for the syntax. */
export { compileQuery, type CompiledQuery } from './compile.js';
export type { QueryError } from './query-errors.js';
export { queryWarnings, type QueryWarning } from './query-warnings.js';
export { MAX_NESTING, MAX_QUERY_LENGTH, MAX_TERMS } from './query-errors.js';
export {
  ATTRIBUTES_FIELD,
  CATEGORIES,
  FIELDS,
  FREE_TEXT_COLUMNS,
  lookupField,
  suggestField,
  type FieldDefinition,
  type FieldKind,
} from './fields.js';
export { parseQuery, type QueryNode } from './parser.js';
