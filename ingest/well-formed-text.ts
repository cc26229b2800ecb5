/**
 * Lone UTF-16 surrogates: valid in JSON text (`"\ud800"`), valid for the schema, but not text. The
 * engine refuses a lone high surrogate (the whole insert fails) and stores a lone low one as three
 * replacement characters, so one such value would block or silently change a whole batch. The
 * gateway replaces each with U+FFFD before the rows are built and flags the event
 * (PROTOCOL.md §6.4, attribute `yorozu.replaced_text`).
 *
 * A frame is UTF-8 decoded before it is parsed, and decoding never yields a lone surrogate, so one
 * can only come from a `\uD8xx`…`\uDFxx` escape: the cheap test on the raw text keeps the deep walk
 * off the common path.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/** The attribute that names the fields of an event whose text had lone surrogates replaced. */
export const REPLACED_TEXT_ATTRIBUTE = 'yorozu.replaced_text';

export function mayHoldLoneSurrogate(raw: string): boolean {
  return SURROGATE_ESCAPE.test(raw);
}

/** The text with each lone surrogate replaced by U+FFFD (ES2024 `toWellFormed`), the same string when it has none. */
function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/**
 * Replaces lone surrogates in every string (and object key) of `value`, in place, and returns the
 * paths of what changed. It recurses: call it only on what a schema has bounded (zod's output, or
 * the fields an event stores), never on a value as sent, whose unknown keys may nest without bound.
 */
export function replaceLoneSurrogates(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const changed: string[] = [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, entry] of entries) {
    const fixedKey = Array.isArray(value) ? key : wellFormed(key);
    const where = path ? `${path}.${fixedKey}` : fixedKey;
    let fixedEntry = entry;
    if (typeof entry === 'string') {
      fixedEntry = wellFormed(entry);
      if (fixedEntry !== entry) changed.push(where);
    } else {
      changed.push(...replaceLoneSurrogates(entry, where));
    }
    if (fixedKey !== key) {
      delete (value as Record<string, unknown>)[key];
      changed.push(where);
    }
    (value as Record<string, unknown>)[fixedKey] = fixedEntry;
  }
  return [...new Set(changed)];
}

/**
 * Replaces lone surrogates in the named top-level `fields` of `value` only (an event's own fields:
 * the keys it may carry beyond them are never stored, and are not walked).
 */
export function replaceLoneSurrogatesIn(value: Record<string, unknown>, fields: readonly string[]): string[] {
  const changed: string[] = [];
  for (const field of fields) {
    const entry = value[field];
    if (typeof entry === 'string') {
      const fixed = wellFormed(entry);
      if (fixed !== entry) {
        value[field] = fixed;
        changed.push(field);
      }
    } else {
      changed.push(...replaceLoneSurrogates(entry, field));
    }
  }
  return changed;
}

/** JSON of a refused value for the operators' record; a value too deep to serialise is named, not thrown. */
export function jsonForRecord(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '"(not kept: nested too deeply to serialise)"';
  }
}
