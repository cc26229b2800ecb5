import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { spreadsheetCsv } from '../../common/spreadsheet-csv.js';

/** What a spreadsheet user opening an export notices: Japanese readable, cells intact, nothing that runs. */
const cellsOf = (csv: string): string[][] => parse(csv, { bom: true, relax_quotes: false }) as string[][];

describe('spreadsheetCsv', () => {
  it('starts with the UTF-8 byte-order mark Excel needs for Japanese, quotes every cell and ends lines with CRLF', () => {
    const csv = spreadsheetCsv(['端末', '件数'], [['PC-経理-01', 3]]);
    expect(csv.startsWith('\uFEFF"端末","件数"\r\n')).toBe(true);
    expect(csv).toBe('\uFEFF"端末","件数"\r\n"PC-経理-01","3"\r\n');
  });

  it('doubles quotes and keeps commas, line breaks and empty cells inside one cell', () => {
    const rows = [['say "hi"', 'a,b', '一行目\r\n二行目', null]];
    const csv = spreadsheetCsv(['w', 'x', 'y', 'z'], rows);
    expect(csv).toContain('"say ""hi"""');
    expect(cellsOf(csv)).toEqual([
      ['w', 'x', 'y', 'z'],
      ['say "hi"', 'a,b', '一行目\r\n二行目', ''],
    ]);
  });

  it('keeps a cell that starts with = + - @ (and tab, CR, |) as text, not a formula', () => {
    const dangerous = ['=HYPERLINK("http://evil")', '+1+1', '-1+cmd', '@SUM(A1)', '\t=1', '\r=1', "|cmd '/C calc'!A0"];
    const [, row] = cellsOf(
      spreadsheetCsv(
        dangerous.map((_, i) => `c${i}`),
        [dangerous],
      ),
    );
    expect(row).toEqual(dangerous.map((cell) => `'${cell}`));
  });

  it('leaves ordinary text and negative numbers as they are, so numbers stay numbers', () => {
    const [, row] = cellsOf(spreadsheetCsv(['a', 'b', 'c', 'd'], [[-5, '-12.5', 'メール=送信', 0]]));
    expect(row).toEqual(['-5', '-12.5', 'メール=送信', '0']);
  });

  it('writes a header alone when there are no rows', () => {
    expect(spreadsheetCsv(['a'], [])).toBe('\uFEFF"a"\r\n');
  });
});

describe('every CSV export goes through spreadsheetCsv', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  const SOURCE_FOLDERS = readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !['node_modules', 'data', 'dist', 'tests', 'bench'].includes(entry.name))
    .filter((entry) => !entry.name.startsWith('.'))
    .map((entry) => entry.name);
  const sources = (directory: string): string[] =>
    readdirSync(path.join(ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(directory, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sources(relative);
      return entry.name.endsWith('.ts') ? [relative] : [];
    });

  const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

  it('no other module writes the byte-order mark, and each route that answers CSV writes it with spreadsheetCsv', () => {
    const files = SOURCE_FOLDERS.flatMap(sources);
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((file) => read(file).includes('\\uFEFF'))).toEqual([path.join('common', 'spreadsheet-csv.ts')]);
    // The writers of the CSV files: spreadsheetCsv itself, or a module that builds its table with it.
    const writers = files.filter(
      (file) =>
        read(file).includes("from '../common/spreadsheet-csv.js'") ||
        read(file).includes("from '../../common/spreadsheet-csv.js'"),
    );
    const writerNames = ['spreadsheet-csv', ...writers.map((file) => path.basename(file, '.ts'))];
    const routes = files.filter((file) => read(file).includes("'text/csv; charset"));
    expect(routes.length).toBeGreaterThanOrEqual(3);
    for (const route of routes)
      expect(
        writerNames.some((name) => read(route).includes(`/${name}.js'`)),
        `${route} answers CSV without spreadsheetCsv`,
      ).toBe(true);
  });
});
