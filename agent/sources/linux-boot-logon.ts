import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { NewEvent } from '../disk-buffer.js';
import type { EventSource } from './source.js';

/**
 * Boot and logon events on Linux: the boot time from /proc/stat, and logons, logoffs and reboots
 * from wtmp through `last` (util-linux). Polls for new wtmp entries; remembers what it reported.
 */
const run = promisify(execFile);

/** `last -F -x --time-format iso` lines: "user tty host 2026-11-24T09:01:02+09:00 - 2026-11-24T18:00:00+09:00 (08:58)". */
export function parseLast(text: string): NewEvent[] {
  const events: NewEvent[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s+(\S+)\s+(\S*)\s+(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:?\d{2})/.exec(line);
    if (!match) continue;
    const [, user, tty, host, time] = match as unknown as [string, string, string, string, string];
    if (user === 'reboot')
      events.push({
        time: normalise(time),
        category: 'boot',
        action: 'boot',
        message: `system boot (${host})`,
      } as NewEvent);
    else if (user === 'shutdown')
      events.push({ time: normalise(time), category: 'boot', action: 'shutdown' } as NewEvent);
    else
      events.push({
        time: normalise(time),
        category: 'logon',
        action: 'logon',
        user,
        logonType: tty.startsWith('pts') ? 'remote' : 'interactive',
        sessionId: tty,
      } as NewEvent);
  }
  return events;
}

function normalise(time: string): string {
  return time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

export class LinuxBootLogonSource implements EventSource {
  readonly name = 'linux-boot-logon';
  private timer: NodeJS.Timeout | undefined;
  private readonly reported = new Set<string>();

  constructor(private readonly pollMs = 60_000) {}

  async start(emit: (events: NewEvent[]) => void): Promise<void> {
    const btime = Number(/^btime\s+(\d+)/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? 0);
    if (btime > 0)
      this.emitNew(emit, [
        {
          time: new Date(btime * 1000).toISOString(),
          category: 'boot',
          action: 'boot',
          message: 'boot time from /proc/stat',
        } as NewEvent,
      ]);
    const poll = async () => {
      try {
        const { stdout } = await run('last', ['-F', '-x', '--time-format', 'iso']);
        this.emitNew(emit, parseLast(stdout).reverse());
      } catch {
        // no wtmp or no `last` on this machine: boot time is all we can report
      }
    };
    await poll();
    this.timer = setInterval(() => void poll(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private emitNew(emit: (events: NewEvent[]) => void, events: NewEvent[]): void {
    const fresh = events.filter((event) => {
      const key = JSON.stringify(event);
      if (this.reported.has(key)) return false;
      this.reported.add(key);
      return true;
    });
    if (fresh.length > 0) emit(fresh);
  }
}
