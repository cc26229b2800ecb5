import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WINDOWS_MAPPING_RULES } from '../../agent-protocol/windows/index.js';

/**
 * docs/windows-collector.md and agent-protocol/windows agree: the table is read from the Markdown
 * (not regenerated) and compared with the module, row by row. Fix with `npm run docs:windows-mapping`.
 */
const markdown = readFileSync(new URL('../../docs/windows-collector.md', import.meta.url), 'utf8');
const section = markdown.slice(
  markdown.indexOf('<!-- mapping-table:start'),
  markdown.indexOf('<!-- mapping-table:end'),
);
const cells = (line: string) =>
  line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
const rows = section
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| channel') && !line.startsWith('| ---'))
  .map(cells);

describe('the Windows mapping table in the docs', () => {
  it('has one row per mapping rule, in the same order', () => {
    expect(rows.map(([channel, provider, eventId]) => `${channel} ${provider} ${eventId}`)).toEqual(
      WINDOWS_MAPPING_RULES.map((rule) => `${rule.channel} ${rule.provider} ${rule.eventId}`),
    );
  });

  it("states each rule's category, fields and Windows setting", () => {
    WINDOWS_MAPPING_RULES.forEach((rule, index) => {
      const [, , , category, fields, setting] = rows[index]!;
      expect(category, `${rule.eventId}`).toBe(rule.category);
      expect(
        fields === '—' ? [] : fields!.split(', ').map((field) => field.replace(/`/g, '')),
        `${rule.eventId}`,
      ).toEqual(rule.fields);
      expect(setting, `${rule.eventId}`).toBe(rule.windowsSetting);
    });
  });

  it('lists every event id the issue asks for', () => {
    const required = [
      4624, 4625, 4634, 4647, 4648, 4672, 4800, 4801, 4688, 4689, 4656, 4660, 4663, 5140, 5145, 6416, 6419, 6420, 6421,
      6422, 6423, 6424, 12, 13, 6005, 6006, 6008, 6013, 1074, 307, 400, 410, 2003, 2100, 20001, 20003, 1, 3, 11, 22, 23,
      1116, 1117, 5001,
    ];
    expect(new Set(rows.map((row) => Number(row[2])))).toEqual(new Set(required));
  });
});
