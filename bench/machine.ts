import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** The machine a figure was measured on, printed and stored next to every result. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  engine: string;
}

export function machineInfo(engine: string): MachineInfo {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    engine,
  };
}

/** The embedded engine's version, asked of chDB in a short-lived process of its own (no data directory). */
export function engineVersion(): string {
  const script = "import { query } from 'chdb'; process.stdout.write(query('SELECT version()', 'TSVRaw'))";
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../', import.meta.url)),
    encoding: 'utf8',
  });
  return out.trim();
}
