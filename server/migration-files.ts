import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../common/hashes.js';

/** One numbered file of sql/migrations: a single statement, applied once, never edited after landing. */
export interface MigrationFile {
  version: number;
  name: string;
  fileName: string;
  statement: string;
  checksum: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../sql/migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function readMigrationFiles(directory: string = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  const seen = new Map<number, string>();
  return files.map((fileName) => {
    const match = FILE_NAME.exec(fileName);
    if (!match) throw new Error(`Migration file ${fileName} must be named NNNN_snake_case.sql`);
    const version = Number(match[1]);
    const clash = seen.get(version);
    if (clash) throw new Error(`Migrations ${clash} and ${fileName} share the number ${match[1]}`);
    seen.set(version, fileName);
    const text = readFileSync(path.join(directory, fileName), 'utf8');
    const statement = stripTrailingSemicolon(text);
    if (hasSecondStatement(statement)) {
      throw new Error(
        `Migration ${fileName} holds more than one statement; split it so a failure cannot half-apply it`,
      );
    }
    return {
      version,
      name: match[2]!,
      fileName,
      statement,
      checksum: sha256Hex(statement),
    };
  });
}

function stripTrailingSemicolon(text: string): string {
  return text.trim().replace(/;\s*$/, '').trim();
}

function withoutComments(statement: string): string {
  return statement.replace(/--[^\n]*/g, '').replace(/'(?:[^'\\]|\\.)*'/g, "''");
}

function hasSecondStatement(statement: string): boolean {
  return withoutComments(statement).includes(';');
}

/** The `-- cluster-sharding-key: expr` directive a CREATE TABLE carries for the cluster layout. */
export function shardingKeyOf(statement: string): string | undefined {
  return /--\s*cluster-sharding-key:\s*(.+)$/m.exec(statement)?.[1]?.trim();
}
