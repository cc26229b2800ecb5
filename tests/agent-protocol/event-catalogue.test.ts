import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DASHBOARD_CATALOGUE_PATH } from '../../agent-protocol/dashboard-catalogue.js';
import { EVENT_CATEGORIES, EVENT_FIELDS, eventField } from '../../agent-protocol/event-catalogue.js';
import { formattedDashboardCatalogue } from '../../agent-protocol/scripts/write-dashboard-catalogue.js';
import { LOG_CATEGORIES, logEvent } from '../../agent-protocol/index.js';
import { resolveSource } from '../../detections/sigma/sigma-taxonomy.js';
import { windowsEventFieldMappings } from '../../detections/sigma/sigma-taxonomy.js';
import { FIELDS, lookupField } from '../../investigation/query-language/fields.js';

/**
 * The one event-field catalogue (agent-protocol/event-catalogue.ts) agrees with what it describes: the v1 event
 * schemas, the events table, the Sigma mappings and the dashboard's generated copy. A field added to the protocol
 * and not to the catalogue (so not stored under a known column, not searchable) fails here, and so does a Sigma
 * field that reads a column the table does not have.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const migrations = path.join(ROOT, 'sql/migrations');

/** The events table's columns and their types, from its CREATE TABLE and any later ADD COLUMN. */
function tableColumns(): Map<string, string> {
  const columns = new Map<string, string>();
  const create = readFileSync(path.join(migrations, '0004_create_events.sql'), 'utf8');
  for (const match of create.matchAll(/^\s{2}([a-z_]+) ([A-Z][^\n]*?)(?: CODEC\(.*\))?,?$/gm))
    columns.set(match[1]!, match[2]!);
  for (const file of readdirSync(migrations)) {
    const text = readFileSync(path.join(migrations, file), 'utf8');
    for (const match of text.matchAll(/ALTER TABLE events[^;]*?ADD COLUMN (?:IF NOT EXISTS )?([a-z_]+) ([A-Z]\S*)/g))
      columns.set(match[1]!, match[2]!);
  }
  return columns;
}

const categorySchemas = logEvent.options.map((schema) => ({
  category: schema.shape.category.value,
  keys: Object.keys(schema.shape as z.ZodRawShape),
}));

describe('the event catalogue and the v1 event schemas', () => {
  it('stores every field of every category under a catalogue column that lists that category', () => {
    expect(categorySchemas.map((schema) => schema.category)).toEqual([...LOG_CATEGORIES]);
    const missing: string[] = [];
    for (const { category, keys } of categorySchemas)
      for (const key of keys) {
        const entry = EVENT_FIELDS.find((candidate) => candidate.protocol.includes(key));
        if (!entry || !entry.categories.includes(category)) missing.push(`${category}.${key}`);
      }
    expect(missing, 'add these v1 event fields to agent-protocol/event-catalogue.ts').toEqual([]);
  });

  it('lists a category on a protocol field only when that category has the field', () => {
    for (const entry of EVENT_FIELDS.filter((candidate) => candidate.protocol.length > 0))
      for (const category of entry.categories) {
        const keys = categorySchemas.find((schema) => schema.category === category)?.keys ?? [];
        expect(
          entry.protocol.some((key) => keys.includes(key)),
          `${entry.column} in ${category}`,
        ).toBe(true);
      }
  });

  it('names the eight categories of the protocol and of the Enum8 column, each with both labels', () => {
    const create = readFileSync(path.join(migrations, '0004_create_events.sql'), 'utf8');
    const enumValues = [...(/category Enum8\(([^)]*)\)/.exec(create)?.[1] ?? '').matchAll(/'([a-z_]+)'/g)].map(
      (match) => match[1],
    );
    expect(EVENT_CATEGORIES.map((category) => category.value)).toEqual(enumValues);
    for (const category of EVENT_CATEGORIES) {
      expect(category.label.ja, category.value).not.toBe('');
      expect(category.label.en, category.value).not.toBe('');
    }
  });
});

describe('the event catalogue and the events table', () => {
  const columns = tableColumns();

  it('has every column of the table once, and no other', () => {
    expect(columns.size).toBeGreaterThan(45);
    const catalogued = EVENT_FIELDS.map((entry) => entry.column);
    expect(new Set(catalogued).size).toBe(catalogued.length);
    expect([...catalogued].sort()).toEqual([...columns.keys()].sort());
  });

  it('gives each column the type the table stores and its low-cardinality flag', () => {
    const typeOf = (sqlType: string) => {
      if (sqlType.startsWith('UUID')) return 'uuid';
      if (sqlType.startsWith('Enum')) return 'enum';
      if (sqlType.startsWith('DateTime')) return 'time';
      if (sqlType.startsWith('Map')) return 'map';
      if (/^U?Int|^Float/.test(sqlType)) return 'number';
      return 'string';
    };
    for (const [column, sqlType] of columns) {
      const entry = eventField(column)!;
      expect(entry.type, column).toBe(typeOf(sqlType));
      expect(entry.lowCardinality, column).toBe(/^(LowCardinality|Enum)/.test(sqlType));
    }
  });

  it('keeps unique query names, one free-text order, and search kinds that fit the column type', () => {
    const names = EVENT_FIELDS.flatMap((entry) => entry.search.flatMap((search) => [search.name, ...search.aliases]));
    expect(new Set(names).size).toBe(names.length);
    const ranks = EVENT_FIELDS.flatMap((entry) => (entry.freeTextRank === undefined ? [] : [entry.freeTextRank]));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks.map((_, index) => index + 1));
    for (const entry of EVENT_FIELDS) {
      for (const search of entry.search) expect(search.kind === 'number', entry.column).toBe(entry.type === 'number');
      if (entry.freeTextRank !== undefined) expect(entry.type, entry.column).toBe('string');
    }
  });
});

describe('the event catalogue and the fields the histogram splits by', () => {
  const searchNames = EVENT_FIELDS.flatMap((entry) => entry.search.map((search) => ({ entry, search })));

  it('gives the query language exactly the names the catalogue marks splittable', () => {
    const splittable = searchNames.filter(({ search }) => search.splittable).map(({ search }) => search.name);
    expect(splittable.length).toBeGreaterThan(5);
    expect(FIELDS.filter((field) => field.splittable).map((field) => field.name)).toEqual(splittable);
    for (const { search } of searchNames)
      expect(lookupField(search.name)?.splittable ?? false, search.name).toBe(search.splittable ?? false);
  });

  it('splits only by names whose values are whole words, never by text, numbers or an id', () => {
    for (const { entry, search } of searchNames.filter(({ search }) => search.splittable)) {
      expect(['keyword', 'enum', 'device'], search.name).toContain(search.kind);
      // The device splits by host name (one per PC); every other splittable name reads a few-valued stored column.
      if (search.kind !== 'device') expect(entry.lowCardinality, search.name).toBe(true);
    }
  });

  it('is not the storage flag: a LowCardinality column with many values (domain) does not split', () => {
    expect(eventField('domain')?.lowCardinality).toBe(true);
    expect(lookupField('domain')?.splittable).toBeUndefined();
    expect(lookupField('device')?.splittable).toBe(true);
    expect(lookupField('device_id')?.splittable).toBeUndefined();
  });
});

/** The column names an expression reads: identifiers outside string literals that are not functions or keywords. */
function columnsRead(sql: string): string[] {
  const withoutStrings = sql.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return [...withoutStrings.matchAll(/\b([A-Za-z_]\w*)\b(?!\s*\()/g)]
    .map((match) => match[1]!)
    .filter((word) => !['AND', 'OR', 'NOT', 'IN'].includes(word));
}

describe('the event catalogue and the Sigma taxonomy', () => {
  const mappings = windowsEventFieldMappings();

  it('maps Sigma fields only onto columns the catalogue has, and the catalogue names each of them', () => {
    expect(mappings.length).toBeGreaterThan(30);
    for (const mapping of mappings) {
      const read = columnsRead(mapping.sql);
      expect(read.length, `${mapping.logsource} ${mapping.field}: ${mapping.sql}`).toBeGreaterThan(0);
      for (const column of read) {
        const entry = eventField(column);
        expect(entry, `${mapping.logsource} ${mapping.field} reads ${column}, not a catalogue column`).toBeDefined();
        expect(entry?.sigma, `${column} does not list the Sigma field ${mapping.field}`).toContain(mapping.field);
      }
    }
  });

  it('maps every Sigma name the catalogue lists onto its column in some Windows logsource', () => {
    for (const entry of EVENT_FIELDS)
      for (const sigmaField of entry.sigma)
        expect(
          mappings.some((mapping) => mapping.field === sigmaField && columnsRead(mapping.sql).includes(entry.column)),
          `${sigmaField} → ${entry.column}`,
        ).toBe(true);
  });

  it('lets a `product: yorozu` rule name every searchable column, and nothing the table lacks', () => {
    const [branch] = resolveSource({ product: 'yorozu' }).branches;
    for (const entry of EVENT_FIELDS.filter((candidate) => candidate.search.length > 0)) {
      const expression = branch!.field(entry.column);
      expect(expression?.kind, entry.column).toBe(entry.type === 'number' ? 'number' : 'string');
      expect(columnsRead(expression!.sql)).toEqual([entry.column]);
    }
    expect(branch!.field('no_such_column')).toBeUndefined();
  });
});

describe("the dashboard's generated copy", () => {
  it('is what `npm run catalogue:dashboard` writes from the catalogue now', async () => {
    const file = path.join(ROOT, DASHBOARD_CATALOGUE_PATH);
    expect(readFileSync(file, 'utf8'), 'run npm run catalogue:dashboard').toBe(await formattedDashboardCatalogue(file));
  });

  it('names in the explorer only columns the catalogue has', () => {
    const explorer = readFileSync(path.join(ROOT, 'dashboard/src/pages/explorer/event-fields.ts'), 'utf8');
    const lists = [...explorer.matchAll(/^const (?:LEADING|TRAILING|SUMMARY_ORDER) = \[([^\]]*)\]/gm)];
    expect(lists).toHaveLength(3);
    for (const [, list] of lists)
      for (const [, column] of list!.matchAll(/'([a-z_]+)'/g))
        if (column !== 'hostname') expect(eventField(column!), column).toBeDefined();
  });
});
