import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS_PAGE, withResults } from '../../bench/docs-table.js';
import { readResults } from '../../bench/report.js';

describe('the benchmark figures in the docs', () => {
  it('are the table generated from bench/results/latest.json (run `npm run bench:docs` after a bench run)', () => {
    const page = readFileSync(DOCS_PAGE, 'utf8');
    expect(page).toBe(withResults(page, readResults()));
  });
});
