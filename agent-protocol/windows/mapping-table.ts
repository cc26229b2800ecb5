import { WINDOWS_MAPPING_RULES } from './event-mapping.js';

/**
 * The mapping as the Markdown table of docs/windows-collector.md (between the mapping-table
 * markers). `npm run docs:windows-mapping` writes it; tests/agent-protocol/windows-mapping-docs.test.ts
 * fails when the docs hold another table.
 */
export const MAPPING_TABLE_START = '<!-- mapping-table:start (npm run docs:windows-mapping writes this table) -->';
export const MAPPING_TABLE_END = '<!-- mapping-table:end -->';

const cell = (value: string) => value.replace(/\|/g, '\\|');

export function windowsMappingTable(): string {
  const header = [
    '| channel | provider | event id | category | fields | Windows setting |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const rows = WINDOWS_MAPPING_RULES.map(
    (rule) =>
      `| ${cell(rule.channel)} | ${cell(rule.provider)} | ${rule.eventId} | ${rule.category} | ${rule.fields.map((field) => `\`${field}\``).join(', ') || '—'} | ${cell(rule.windowsSetting)} |`,
  );
  return [...header, ...rows].join('\n');
}

/** The document with its table section replaced by the current table. */
export function withMappingTable(markdown: string): string {
  const start = markdown.indexOf(MAPPING_TABLE_START);
  const end = markdown.indexOf(MAPPING_TABLE_END);
  if (start < 0 || end < start) throw new Error('the document has no mapping-table markers');
  return `${markdown.slice(0, start + MAPPING_TABLE_START.length)}\n${windowsMappingTable()}\n${markdown.slice(end)}`;
}
