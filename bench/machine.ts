import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** The machine a figure was measured on, printed and stored next to every result. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  engine: string;
  /**
   * The 1-minute load average when the part started and when it ended: the machine is shared, and a
   * figure measured at a load of 20 on 2 cores says more about the neighbours than about Yorozu.
   */
  load?: { atStart: number; atEnd: number };
}

export function machineInfo(engine: string, loadAtStart?: number): MachineInfo {
  const atEnd = Math.round(loadavg()[0]! * 10) / 10;
  return {
    ...(loadAtStart === undefined ? {} : { load: { atStart: Math.round(loadAtStart * 10) / 10, atEnd } }),
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

export function loadText(machine: MachineInfo): string {
  return machine.load ? `load ${machine.load.atStart} at start, ${machine.load.atEnd} at end` : 'load not recorded';
}
