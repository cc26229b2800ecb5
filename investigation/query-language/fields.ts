import {
  columnLabel,
  EVENT_CATEGORIES,
  EVENT_FIELDS,
  type EventColumnName,
  type FieldKind,
  type Label,
} from '../../agent-protocol/event-catalogue.js';

/**
 * The query language's fields: the only source of column identifiers that compiled queries contain.
 * Whatever an operator types is looked up here; a name that is not here is an error, never SQL.
 * Derived from the one event-field catalogue (agent-protocol/event-catalogue.ts): names, aliases, kinds, labels.
 */
export type { FieldKind, Label };

/** Any `events` column (sql/migrations/0004_create_events.sql); the catalogue is its only source. */
export type EventColumn = EventColumnName;

/** The `events` columns a query may read: the searchable fields' columns and the attributes map. */
export const EVENT_COLUMNS: readonly EventColumn[] = [
  ...new Set(EVENT_FIELDS.filter((entry) => entry.search.length > 0).map((entry) => entry.column)),
  'attributes',
];

export interface FieldDefinition {
  /** The canonical name, reported in `CompiledQuery.fields`. */
  name: string;
  aliases: readonly string[];
  column: EventColumn;
  kind: FieldKind;
  label: Label;
  /** The explorer's histogram may be split by it: the catalogue's `SearchName.splittable`, not the storage type. */
  splittable?: true;
}

export const CATEGORIES = EVENT_CATEGORIES;

export type Category = (typeof CATEGORIES)[number]['value'];

export const FIELDS: readonly FieldDefinition[] = EVENT_FIELDS.flatMap((entry) =>
  entry.search.map((search): FieldDefinition => ({
    name: search.name,
    aliases: search.aliases,
    column: entry.column,
    kind: search.kind,
    label: search.label ?? entry.label,
    ...(search.splittable ? { splittable: search.splittable } : {}),
  })),
);

/** `attributes.<key>`: one entry of the event's Map column; the key is a query parameter. */
export const ATTRIBUTES_FIELD = {
  name: 'attributes',
  column: 'attributes',
  label: columnLabel('attributes'),
} as const satisfies {
  name: string;
  column: EventColumn;
  label: Label;
};

/** Columns a bare word or phrase is searched in (one shared parameter), in the catalogue's free-text order. */
export const FREE_TEXT_COLUMNS: readonly EventColumn[] = EVENT_FIELDS.filter(
  (entry) => entry.freeTextRank !== undefined,
)
  .sort((a, b) => (a.freeTextRank ?? 0) - (b.freeTextRank ?? 0))
  .map((entry) => entry.column);

const BY_NAME = new Map<string, FieldDefinition>();
for (const definition of FIELDS) {
  for (const name of [definition.name, ...definition.aliases]) {
    if (BY_NAME.has(name)) throw new Error(`query-language: field name ${name} is defined twice`);
    BY_NAME.set(name, definition);
  }
}

/** Field names are matched without regard to case: `User:` is `user:`. */
export function lookupField(name: string): FieldDefinition | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Every name an operator may type before `:`, canonical names and aliases, in catalogue order. */
export function fieldNames(): string[] {
  return [...BY_NAME.keys(), ATTRIBUTES_FIELD.name];
}

/** The catalogue name closest to a mistyped one, when it is close enough to be what was meant. */
export function suggestField(typed: string): string | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  if (dot > 0 && editDistance(lower.slice(0, dot), ATTRIBUTES_FIELD.name) <= 2) {
    return `${ATTRIBUTES_FIELD.name}${typed.slice(dot)}`;
  }
  const limit = Math.min(3, Math.max(1, Math.floor(lower.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const name of fieldNames()) {
    const distance = editDistance(lower, name);
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      rows[i]![j] = distance;
    }
  }
  return at(a.length, b.length);
}
