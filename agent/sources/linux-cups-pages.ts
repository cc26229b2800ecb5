import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { NewEvent } from '../disk-buffer.js';
import type { EventSource, SourceContext } from './source.js';

/**
 * Printing on Linux from CUPS's page_log (`/var/log/cups/page_log`, written when `PageLogFormat` is
 * set; the default format is "%p %u %j %T %P %C %{job-billing} %{job-originating-host-name}
 * %{job-name} %{media} %{sides}"). One printer_output event per job, from its `total` line (CUPS
 * writes one when it counts pages by job: %P is "total" and %C the pages × copies). The read offset is
 * kept in the state directory like the Windows bookmarks, moved only after the events are buffered;
 * a log that shrank (rotated) is read again from its start.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "[05/Dec/2026:10:15:02 +0900]" → ISO 8601. */
function cupsTime(text: string): string | undefined {
  const match = /^\[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\]$/.exec(text);
  if (!match) return undefined;
  const [, day, month, year, hour, minute, second, sign, offsetHours, offsetMinutes] = match;
  const monthNumber = MONTHS.indexOf(month!) + 1;
  if (monthNumber === 0) return undefined;
  const iso = `${year}-${String(monthNumber).padStart(2, '0')}-${day}T${hour}:${minute}:${second}${sign}${offsetHours}:${offsetMinutes}`;
  return Number.isFinite(Date.parse(iso)) ? new Date(iso).toISOString() : undefined;
}

/** The `total` lines of page_log as printer_output events (page lines of the same job are not counted twice). */
export function parsePageLog(text: string): NewEvent[] {
  const events: NewEvent[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\S+) (\S+) (\d+) (\[[^\]]+\]) total (\d+) (\S+) (\S+) (.*?) (\S+) (\S+)$/.exec(line.trim());
    if (!match) continue;
    const [, printer, user, job, stamp, pages, , host, name, media] = match;
    const time = cupsTime(stamp!);
    if (!time) continue;
    events.push({
      category: 'printer_output',
      time,
      user: user === '-' ? undefined : user,
      printerName: printer!,
      documentName: name === '-' ? undefined : name,
      pages: Math.min(Number(pages), 1_000_000),
      copies: 1,
      paperSize: media === '-' ? undefined : media!.slice(0, 32),
      attributes: { cupsJobId: job!, ...(host && host !== '-' ? { cupsOriginatingHost: host } : {}) },
    } as NewEvent);
  }
  return events;
}

export class CupsPageLogSource implements EventSource {
  readonly name = 'linux-cups';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly offsetFile: string,
    private readonly pageLog = '/var/log/cups/page_log',
    private readonly pollMs = 10_000,
  ) {}

  start(emit: (events: NewEvent[]) => void, _context?: SourceContext): void {
    const poll = () => {
      if (!existsSync(this.pageLog)) return;
      const size = statSync(this.pageLog).size;
      let offset = existsSync(this.offsetFile) ? Number(readFileSync(this.offsetFile, 'utf8')) || 0 : 0;
      if (size < offset) offset = 0; // rotated
      if (size === offset) return;
      const buffer = Buffer.alloc(size - offset);
      const fd = openSync(this.pageLog, 'r');
      try {
        readSync(fd, buffer, 0, buffer.length, offset);
      } finally {
        closeSync(fd);
      }
      const complete = buffer.lastIndexOf(0x0a) + 1; // a line being written waits for the next poll
      if (complete === 0) return;
      const events = parsePageLog(buffer.subarray(0, complete).toString('utf8'));
      if (events.length > 0) emit(events);
      writeFileSync(`${this.offsetFile}.tmp`, String(offset + complete), { mode: 0o600 });
      renameSync(`${this.offsetFile}.tmp`, this.offsetFile);
    };
    poll();
    this.timer = setInterval(poll, this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
