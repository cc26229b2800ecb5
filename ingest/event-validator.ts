import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { z } from 'zod';
import { DEFAULT_LIMITS, logEvent, type LogEvent } from '../agent-protocol/index.js';

/**
 * The hot path's check of one event: ajv code compiled at start from the JSON Schema of each
 * category's zod schema (the same `z.toJSONSchema` that writes agent-protocol/schemas/), so zod stays
 * the protocol's one source of truth. zod itself runs only for the events this refuses, to word the
 * refusal (tests/ingest/event-validator.test.ts runs 100,000+ mutated events through both and shows
 * they accept and refuse the same ones, and that what they accept becomes the same stored row).
 *
 * Where JSON Schema cannot say what zod checks, the schema is completed here: the attributes' key
 * count (a zod refinement), and the `uri` format, which is zod's own URL check. Both count a string's
 * length in code points (a surrogate pair is one). An accepted event gets its defaults filled in place
 * (`useDefaults`), as zod's output has them; unknown keys are left on it and never stored (event-row-binary.ts
 * writes only the category's own fields).
 */
const zodUrl = z.url();

function categorySchema(branch: z.ZodType): Record<string, unknown> {
  const schema = z.toJSONSchema(branch, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, Record<string, unknown>>;
  };
  const attributes = schema.properties.attributes;
  if (attributes) attributes.maxProperties = DEFAULT_LIMITS.maxAttributes;
  return schema;
}

function compileValidators(): Map<string, ValidateFunction> {
  const ajv = new Ajv2020({ useDefaults: true, allErrors: false, strict: false });
  // date-time and ip formats carry zod's own pattern in the schema: the pattern decides, the format adds nothing.
  for (const format of ['date-time', 'ipv4', 'ipv6']) ajv.addFormat(format, true);
  ajv.addFormat('uri', (value: string) => zodUrl.safeParse(value).success);
  const validators = new Map<string, ValidateFunction>();
  for (const branch of logEvent.options) {
    const category = (branch.shape.category as z.ZodLiteral<string>).value;
    validators.set(category, ajv.compile(categorySchema(branch)));
  }
  return validators;
}

let validators: Map<string, ValidateFunction> | undefined;

/** True when `candidate` is a valid event; its defaults are then filled in. False: ask zod why (logEvent.safeParse). */
export function isValidEvent(candidate: unknown): candidate is LogEvent {
  validators ??= compileValidators();
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return false;
  const category = (candidate as { category?: unknown }).category;
  if (typeof category !== 'string') return false;
  const validate = validators.get(category);
  return validate !== undefined && validate(candidate);
}
