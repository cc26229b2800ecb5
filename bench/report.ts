import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MachineInfo } from './machine.js';

/** One row of the results table: a figure, its ratio to the same-run ceiling, the goal, and whether it met it. */
export interface BenchRow {
  name: string;
  figure: string;
  ratio: string;
  goal: string;
  verdict: 'pass' | 'short' | 'info';
}

export function printTable(rows: BenchRow[]): string {
  const header: BenchRow = { name: 'name', figure: 'figure', ratio: 'ratio', goal: 'goal', verdict: 'info' };
  const all = [header, ...rows];
  const width = (key: keyof BenchRow) => Math.max(...all.map((row) => (key === 'verdict' ? 'pass/short'.length : String(row[key]).length)));
  const keys: (keyof BenchRow)[] = ['name', 'figure', 'ratio', 'goal', 'verdict'];
  const line = (row: BenchRow, isHeader = false) =>
    `| ${keys.map((key) => (isHeader && key === 'verdict' ? 'pass/short' : String(row[key])).padEnd(width(key))).join(' | ')} |`;
  return [line(header, true), `| ${keys.map((key) => '-'.repeat(width(key))).join(' | ')} |`, ...rows.map((row) => line(row))].join('\n');
}

export function writeResults(results: { date: string; size: string; machine: MachineInfo; rows: BenchRow[]; details: unknown }): string {
  const directory = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(directory, { recursive: true });
  const file = `${directory}latest.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
