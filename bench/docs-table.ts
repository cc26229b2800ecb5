import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadText } from './machine.js';
import { printTable, readResults, type PartResults } from './report.js';

/**
 * `npm run bench:docs`: writes the results table of docs/benchmarks.md from bench/results/latest.json,
 * between its two markers, so that no figure there is typed by hand. Each part says when it ran, on
 * what size and machine, and at what load (the machine is shared). tests/bench/docs-table.test.ts
 * fails when the page and latest.json disagree.
 */
export const START_MARKER =
  '<!-- bench-results:start (npm run bench:docs writes this part from bench/results/latest.json) -->';
export const END_MARKER = '<!-- bench-results:end -->';

export const DOCS_PAGE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

export function renderResults(parts: Record<string, PartResults>): string {
  return Object.entries(parts)
    .map(([name, part]) => {
      const m = part.machine;
      const heading =
        `**${name}**: \`npm run bench -- ${name}\` on ${part.date.slice(0, 16).replace('T', ' ')} UTC; ${part.size}; ` +
        `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.engine}; ${loadText(m)}.`;
      return `${heading}\n\n${printTable(part.rows)}`;
    })
    .join('\n\n');
}

/** The page with its results part replaced; throws when the markers are missing. */
export function withResults(page: string, parts: Record<string, PartResults>): string {
  const start = page.indexOf(START_MARKER);
  const end = page.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`docs/benchmarks.md lacks the markers ${START_MARKER} … ${END_MARKER}`);
  return `${page.slice(0, start + START_MARKER.length)}\n\n${renderResults(parts)}\n\n${page.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const page = readFileSync(DOCS_PAGE, 'utf8');
  writeFileSync(DOCS_PAGE, withResults(page, readResults()));
  console.log(`docs/benchmarks.md: results table written from bench/results/latest.json`);
}
