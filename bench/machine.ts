import { cpus, totalmem } from 'node:os';

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
