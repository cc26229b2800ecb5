/** Percentiles of a list of milliseconds, and what /proc says about a process: resident memory, CPU time, open-file limit. */
import { readdirSync, readFileSync } from 'node:fs';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function residentMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Samples a process's RSS every 200 ms until stopped; returns the peak. */
export function sampleRss(pid: number): () => number {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, residentMiB(pid));
    } catch {
      /* the process ended */
    }
  }, 200);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

/** The soft limit on open files of a process (Infinity for "unlimited"). */
export function openFileLimit(pid: number | 'self'): number {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === undefined ? NaN : soft === 'unlimited' ? Infinity : Number(soft);
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat; after the command name they are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The process's RSS, or NaN once it has gone (a row then says so instead of the bench crashing). */
export function residentMiBOrNaN(pid: number): number {
  try {
    return residentMiB(pid);
  } catch {
    return NaN;
  }
}

/** The process's CPU seconds, or NaN once it has gone. */
export function cpuSecondsOrNaN(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return NaN;
  }
}

/** CPU seconds of a process by kind of thread: the main JS thread, the engine's merges, and every other thread. */
export interface ThreadCpu {
  main: number;
  merges: number;
  other: number;
}

const MERGE_THREADS = /merge|mutate|bgsch|backgrproc|bgmbpool/i;
/** V8's sampling profiler (BENCH_GATEWAY_NODE_ARGS="--cpu-prof"): not the gateway's work, left out. */
const PROFILER_THREADS = /^v8:Prof/;

export function threadCpuSeconds(pid: number): ThreadCpu {
  const cpu: ThreadCpu = { main: 0, merges: 0, other: 0 };
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return cpu;
  }
  for (const tid of tasks) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    if (PROFILER_THREADS.test(name)) continue;
    if (tid === String(pid)) cpu.main += seconds;
    else if (MERGE_THREADS.test(name)) cpu.merges += seconds;
    else cpu.other += seconds;
  }
  return cpu;
}

/** µs of CPU per event, per kind of thread, between two readings (threads that ended in between are not counted). */
export function cpuMicrosPerEvent(before: ThreadCpu, after: ThreadCpu, events: number): ThreadCpu {
  const per = (key: keyof ThreadCpu) => Math.max(0, ((after[key] - before[key]) * 1e6) / events);
  return { main: per('main'), merges: per('merges'), other: per('other') };
}
