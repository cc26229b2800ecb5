import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeFolders, importGraph } from './import-graph.js';
import { ALLOWED_IMPORTS } from './layers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the import rules of CONVENTIONS.md', () => {
  const edges = importGraph(ROOT);

  it('has a row for every top-level folder with code', () => {
    const missing = codeFolders(ROOT).filter((folder) => !(folder in ALLOWED_IMPORTS));
    expect(missing, 'add these folders to tests/architecture/layers.ts').toEqual([]);
  });

  it('finds the imports it checks (the graph is not empty)', () => {
    expect(edges.some((edge) => edge.fromFolder === 'server' && edge.toFolder === 'participants')).toBe(true);
    expect(edges.some((edge) => edge.fromFolder === 'desk' && edge.toFolder === 'common')).toBe(true);
  });

  it('lets each folder import only the folders its row allows', () => {
    const broken = edges
      .filter((edge) => {
        const allowed = ALLOWED_IMPORTS[edge.fromFolder] ?? [];
        return !allowed.includes('*') && !allowed.includes(edge.toFolder);
      })
      .map((edge) => `${edge.file} imports ${edge.specifier} (${edge.fromFolder} → ${edge.toFolder})`);
    expect(broken).toEqual([]);
  });

  it('keeps the folder graph free of cycles', () => {
    const cycles: string[] = [];
    for (const [folder, allowed] of Object.entries(ALLOWED_IMPORTS)) {
      for (const target of allowed) {
        if ((ALLOWED_IMPORTS[target] ?? []).includes(folder)) cycles.push(`${folder} ⇄ ${target}`);
      }
    }
    expect(cycles).toEqual([]);
  });
});
