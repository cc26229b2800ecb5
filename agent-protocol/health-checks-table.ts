import { HEALTH_CHECKS, healthValuePattern, KNOWN_HEALTH_CHECK_IDS } from './v1/health-checks.js';

/**
 * The health checks of v1/health-checks.ts as the Markdown table of PROTOCOL.md §5.4.
 * tests/agent-protocol/policy-reads.test.ts fails when PROTOCOL.md holds another table, so the spec
 * and the catalogue the JSON Schema is built from cannot drift apart.
 */
const cell = (value: string) => value.replace(/\|/g, '\\|');

export function healthChecksTable(): string {
  const rows = KNOWN_HEALTH_CHECK_IDS.map((checkId) => {
    const check = HEALTH_CHECKS[checkId];
    const pattern = healthValuePattern(check);
    const type = `${check.valueType}${'unit' in check ? ` (${check.unit})` : ''}${pattern ? ` \`${pattern}\`` : ''}`;
    const readBy = check.readBy.length > 0 ? check.readBy.map((slug) => `\`${slug}\``).join(', ') : '—';
    return `| \`${checkId}\` | ${cell(type)} | ${cell(check.value)} | ${cell(check.passWhen)} | ${readBy} | ${cell(check.windows)} | ${cell(check.linux)} |`;
  });
  return [
    '| checkId | value type (unit) | value | `pass` when | read by | Windows (reference agent) | Linux (reference agent) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export const HEALTH_CHECKS_START = '<!-- health-checks:start (npm run docs:health-checks writes this table) -->';
export const HEALTH_CHECKS_END = '<!-- health-checks:end -->';

/** PROTOCOL.md with its §5.4 table replaced by the catalogue's. */
export function withHealthChecksTable(markdown: string): string {
  const start = markdown.indexOf(HEALTH_CHECKS_START);
  const end = markdown.indexOf(HEALTH_CHECKS_END);
  if (start < 0 || end < start) throw new Error('PROTOCOL.md has no health-checks markers');
  return `${markdown.slice(0, start + HEALTH_CHECKS_START.length)}\n${healthChecksTable()}\n${markdown.slice(end)}`;
}
