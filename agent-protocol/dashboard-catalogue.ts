import { EVENT_CATEGORIES, EVENT_FIELDS } from './event-catalogue.js';

/**
 * The part of the event catalogue the dashboard shows without asking the server (category names on every
 * page, column names of the explorer and of ticket evidence), as a TypeScript module of the dashboard: the
 * dashboard imports only the API contract's types (tests/architecture/layers.ts), so it gets a generated copy.
 * `npm run catalogue:dashboard` writes it; tests/agent-protocol/event-catalogue.test.ts fails when it is stale.
 */
export const DASHBOARD_CATALOGUE_PATH = 'dashboard/src/format/event-catalogue.generated.ts';

const quoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const record = (entries: [string, string][]) =>
  `{\n${entries.map(([key, value]) => `    ${key}: ${quoted(value)},`).join('\n')}\n  }`;

export function dashboardCatalogueModule(): string {
  const categories = EVENT_CATEGORIES.map((category) => category.value);
  const columns = EVENT_FIELDS.map((entry) => entry.column);
  return `// Generated from agent-protocol/event-catalogue.ts by \`npm run catalogue:dashboard\`: edit the catalogue, not this.

/** The eight event categories, in the protocol's order. */
export const CATEGORY_KEYS = [${categories.map(quoted).join(', ')}] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];

export const CATEGORY_LABELS = {
  ja: ${record(EVENT_CATEGORIES.map((category) => [category.value, category.label.ja]))},
  en: ${record(EVENT_CATEGORIES.map((category) => [category.value, category.label.en]))},
} as const satisfies Record<'ja' | 'en', Record<CategoryKey, string>>;

/** Every column of the events table. */
export const EVENT_COLUMNS = [${columns.map(quoted).join(', ')}] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];

export const COLUMN_LABELS = {
  ja: ${record(EVENT_FIELDS.map((entry) => [entry.column, entry.label.ja]))},
  en: ${record(EVENT_FIELDS.map((entry) => [entry.column, entry.label.en]))},
} as const satisfies Record<'ja' | 'en', Record<EventColumn, string>>;
`;
}
