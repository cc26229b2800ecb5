import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A new, empty data directory under the system's temporary folder. chDB binds one data directory
 * per process, so every test file and every benchmark process gets its own.
 */
export function freshDataDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `yorozu-${label}-`));
}
