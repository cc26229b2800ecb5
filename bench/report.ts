import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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
  const width = (key: keyof BenchRow) =>
    Math.max(...all.map((row) => (key === 'verdict' ? 'pass/short'.length : String(row[key]).length)));
  const keys: (keyof BenchRow)[] = ['name', 'figure', 'ratio', 'goal', 'verdict'];
  const line = (row: BenchRow, isHeader = false) =>
    `| ${keys.map((key) => (isHeader && key === 'verdict' ? 'pass/short' : String(row[key])).padEnd(width(key))).join(' | ')} |`;
  return [
    line(header, true),
    `| ${keys.map((key) => '-'.repeat(width(key))).join(' | ')} |`,
    ...rows.map((row) => line(row)),
  ].join('\n');
}

/** One part's latest results: when it ran, on what size and machine, its rows and its raw figures. */
export interface PartResults {
  date: string;
  size: string;
  machine: MachineInfo;
  rows: BenchRow[];
  details: unknown;
}

/** bench/results/latest.json: the latest run of each part, and every part's rows in one list. */
export interface ResultsFile {
  updated: string;
  parts: Record<string, PartResults>;
  rows: (BenchRow & { part: string; date: string })[];
}

export function resultsFile(): string {
  return `${fileURLToPath(new URL('./results/', import.meta.url))}latest.json`;
}

/** The parts already in latest.json; a file from before parts existed held one ingest run. */
export function readResults(file = resultsFile()): Record<string, PartResults> {
  if (!existsSync(file)) return {};
  const old = JSON.parse(readFileSync(file, 'utf8')) as Partial<ResultsFile> & Partial<PartResults>;
  if (old.parts) return old.parts;
  if (old.rows && old.date && old.size && old.machine)
    return { ingest: { date: old.date, size: old.size, machine: old.machine, rows: old.rows, details: old.details } };
  return {};
}

/** Writes this run's parts over the same parts of latest.json and keeps the others as they were. */
export function writeResults(parts: Record<string, PartResults>, order: readonly string[]): string {
  const file = resultsFile();
  mkdirSync(dirname(file), { recursive: true });
  const merged = { ...readResults(file), ...parts };
  const names = [
    ...order.filter((name) => name in merged),
    ...Object.keys(merged).filter((name) => !order.includes(name)),
  ];
  const sorted = Object.fromEntries(names.map((name) => [name, merged[name]!]));
  const content: ResultsFile = {
    updated: new Date().toISOString(),
    parts: sorted,
    rows: names.flatMap((name) => merged[name]!.rows.map((row) => ({ part: name, date: merged[name]!.date, ...row }))),
  };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}
