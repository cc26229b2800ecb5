import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { NOT_CODE } from './layers.js';

export interface ImportEdge {
  /** Importing file, relative to the repository root. */
  file: string;
  fromFolder: string;
  toFolder: string;
  specifier: string;
}

const SOURCE = /\.(ts|mts|js|mjs)$/;

function sourceFiles(dir: string, root: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_CODE.has(entry.name) || entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full, root));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** The top-level folder of a repository-relative path ('' for a file at the top). */
export function topFolder(relativePath: string): string {
  const parts = relativePath.split(path.sep);
  return parts.length > 1 ? parts[0]! : '';
}

/**
 * Every relative import, re-export and dynamic import in the repository's own code, as TypeScript
 * itself reads them (`ts.preProcessFile`), resolved to the top-level folder it reaches.
 */
export function importGraph(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const full of sourceFiles(root, root)) {
    const file = path.relative(root, full);
    const fromFolder = topFolder(file);
    if (!fromFolder) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(full, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const target = path.relative(root, path.resolve(path.dirname(full), specifier));
      const toFolder = target.startsWith('..') ? '..' : topFolder(target);
      if (toFolder !== fromFolder) edges.push({ file, fromFolder, toFolder, specifier });
    }
  }
  return edges;
}

/** The top-level folders that hold code. */
export function codeFolders(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_CODE.has(entry.name) && !entry.name.startsWith('.'))
    .filter((entry) => sourceFiles(path.join(root, entry.name), root).length > 0)
    .map((entry) => entry.name);
}
