import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPastedSql } from '../support/sql-paste-detector.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SKIPPED = new Set(['node_modules', 'data', 'dist', '.git', '.tmp', 'schemas']);

function projectSources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return projectSources(full);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

describe('SQL takes values only as query parameters', () => {
  it('no SQL in the project is built by pasting a value into its text', () => {
    const files = projectSources(ROOT);
    expect(files.length).toBeGreaterThan(20);
    const pasted = files.flatMap((file) => findPastedSql(path.relative(ROOT, file), readFileSync(file, 'utf8')));
    expect(pasted, pasted.map((p) => `${p.file}:${p.line}: ${p.text}`).join('\n')).toEqual([]);
  });

  it('the check itself catches pasting and lets parameters through', () => {
    const bad = [
      "client.query({ query: `SELECT * FROM events WHERE device_id = '${deviceId}'` })",
      "const q = 'SELECT count() FROM events WHERE user_name = ' + name;",
      'const q = `ALTER TABLE ${table} DELETE WHERE participant_id = ${id}`;',
    ];
    for (const source of bad) expect(findPastedSql('sample.ts', source), source).toHaveLength(1);
    const good = [
      "client.query({ query: 'SELECT * FROM events WHERE device_id = {d:UUID}', query_params: { d: deviceId } })",
      'const label = `device ${deviceId} revoked`;',
      "const q = 'SELECT 1 ' + 'FROM system.one';",
      '// sql-paste-ok: identifiers from the fixed table list\nconst q = `OPTIMIZE TABLE ${table} FINAL`;',
    ];
    for (const source of good) expect(findPastedSql('sample.ts', source), source).toEqual([]);
  });
});
