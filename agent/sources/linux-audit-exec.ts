import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { NewEvent } from '../disk-buffer.js';
import { execEvent, parseAuditLine, type AuditIdentity, type AuditRecord } from './linux-audit-records.js';
import type { EventSource, SourceContext } from './source.js';

/**
 * Process launches on Linux from the audit log, when auditd runs with an execve rule
 * (`-a always,exit -F arch=b64 -S execve,execveat -k yorozu_exec`, and the same for b32; agent/README.md).
 *
 * Why the log file and not `ausearch --checkpoint`: the file is what auditd writes in the documented
 * raw format (linux-audit-records.ts); reading it with an offset is the same discipline as CUPS's
 * page_log and the Windows bookmarks, needs no audit userspace tools besides auditd, and the offset is
 * ours to persist with the disk buffer's next seq. ausearch's checkpoint holds only the last event
 * it printed and its inode, with exit codes to tell when that event is gone; it would have to be
 * wrapped for the same guarantees.
 *
 * The offset (with the log's inode) is written in the same tick as the events are appended to the
 * disk buffer. It stops at the first event whose records are not all written yet (no EOE), and the
 * stamps of events already sent whose records reach past it are kept with it, so a restart reads
 * every event once. After a kill between the two writes, the events found in the buffer (seq ≥ the
 * seq written with the offset) are skipped on the re-read. When auditd rotates the log
 * (audit.log → audit.log.1), the rest of the old file is read first, found by its inode.
 *
 * A first run starts at the log's end: collection begins at enrollment. The agent's own children
 * (lsblk, udevadm, apt-get for the health checks) are left out.
 */
interface AuditOffset {
  inode: number;
  offset: number;
  /** Stamps of events already sent whose records reach past `offset`. */
  sent: string[];
  bufferNextSeq: number;
}

const CHUNK_BYTES = 4 * 1024 * 1024;
/** An event with no EOE this long after a later record is taken as complete (a torn or truncated log). */
const STALE_MS = 5000;

export interface AuditExecOptions {
  offsetFile: string;
  auditLog?: string;
  pollMs?: number;
  passwd?: string;
  log?: (level: 'info' | 'warn', message: string, details?: Record<string, unknown>) => void;
}

interface Line {
  record: AuditRecord;
  start: number;
  end: number;
}

export class LinuxAuditExecSource implements EventSource {
  readonly name = 'linux-audit-exec';
  private timer: NodeJS.Timeout | undefined;
  private state: AuditOffset | undefined;
  private readonly alreadyBuffered = new Set<string>();
  private readonly auditLog: string;
  private warnedMissing = false;
  private failing: string | undefined;

  constructor(private readonly options: AuditExecOptions) {
    this.auditLog = options.auditLog ?? '/var/log/audit/audit.log';
    this.state = existsSync(options.offsetFile)
      ? (JSON.parse(readFileSync(options.offsetFile, 'utf8')) as AuditOffset)
      : undefined;
  }

  start(emit: (events: NewEvent[]) => void, context?: SourceContext): void {
    if (context && this.state)
      for (const event of context.bufferedSince(this.state.bufferNextSeq)) {
        const stamp = event.attributes?.linuxAuditEvent;
        if (stamp) this.alreadyBuffered.add(stamp);
      }
    const nextSeq = () => context?.nextSeq() ?? 0;
    const poll = () => {
      try {
        this.poll(emit, nextSeq);
        this.failing = undefined;
      } catch (error) {
        // A log the agent may not read (not root, not in log_group) fails every poll: said once per cause.
        const message = (error as Error).message;
        if (this.failing !== message)
          this.log('warn', 'could not read the audit log', { file: this.auditLog, error: message });
        this.failing = message;
      }
    };
    poll();
    this.timer = setInterval(poll, this.options.pollMs ?? 2000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private poll(emit: (events: NewEvent[]) => void, nextSeq: () => number): void {
    if (!existsSync(this.auditLog)) {
      if (!this.warnedMissing)
        this.log('info', 'no audit log: process launches are not collected', { file: this.auditLog });
      this.warnedMissing = true;
      return;
    }
    const { ino, size } = statSync(this.auditLog);
    if (!this.state) {
      this.save({ inode: ino, offset: size, sent: [], bufferNextSeq: nextSeq() });
      this.log('info', 'reading the audit log from its end', { file: this.auditLog, offset: size });
      return;
    }
    if (this.state.inode !== ino) {
      const rotated = `${this.auditLog}.1`;
      if (existsSync(rotated) && statSync(rotated).ino === this.state.inode)
        this.readFile(rotated, true, emit, nextSeq);
      else
        this.log('warn', 'the audit log was rotated away before the agent read all of it', {
          file: this.auditLog,
          offset: this.state.offset,
        });
      this.save({ inode: ino, offset: 0, sent: [], bufferNextSeq: nextSeq() });
    } else if (size < this.state.offset) {
      this.log('warn', 'the audit log shrank: read again from its start', { file: this.auditLog });
      this.save({ inode: ino, offset: 0, sent: [], bufferNextSeq: nextSeq() });
    }
    this.readFile(this.auditLog, false, emit, nextSeq);
  }

  /** Reads `file` from the offset in chunks; `final`: the file will not grow (rotated), so every event is complete. */
  private readFile(file: string, final: boolean, emit: (events: NewEvent[]) => void, nextSeq: () => number): void {
    const identity = passwdIdentity(this.options.passwd ?? '/etc/passwd');
    for (;;) {
      const state = this.state!;
      const size = statSync(file).size;
      if (size <= state.offset) return;
      const buffer = Buffer.alloc(Math.min(size - state.offset, CHUNK_BYTES));
      const fd = openSync(file, 'r');
      try {
        readSync(fd, buffer, 0, buffer.length, state.offset);
      } finally {
        closeSync(fd);
      }
      const complete = buffer.lastIndexOf(0x0a) + 1; // a line being written waits for the next poll
      if (complete === 0) return;
      const lastChunk = state.offset + buffer.length >= size;
      const { events, offset, sent } = this.readChunk(
        buffer.subarray(0, complete),
        state,
        final && lastChunk,
        identity,
      );
      // One tick: the events go to the disk buffer, then the offset moves past them.
      if (events.length > 0) emit(events);
      this.save({ inode: state.inode, offset, sent, bufferNextSeq: nextSeq() });
      if (offset === state.offset || lastChunk) return;
    }
  }

  private readChunk(chunk: Buffer, state: AuditOffset, final: boolean, identity: AuditIdentity) {
    const lines: Line[] = [];
    let position = 0;
    while (position < chunk.length) {
      const newline = chunk.indexOf(0x0a, position);
      const end = newline + 1;
      const record = parseAuditLine(chunk.subarray(position, newline).toString('utf8'));
      if (record) lines.push({ record, start: state.offset + position, end: state.offset + end });
      position = end;
    }
    const skip = new Set([...state.sent, ...this.alreadyBuffered]);
    const groups = new Map<string, Line[]>();
    for (const line of lines) {
      if (skip.has(line.record.stamp)) continue;
      groups.set(line.record.stamp, [...(groups.get(line.record.stamp) ?? []), line]);
    }
    const newest = lines.reduce((latest, line) => Math.max(latest, line.record.timeMs), 0);
    const events: NewEvent[] = [];
    const emitted: Line[][] = [];
    let firstIncomplete = state.offset + chunk.length;
    for (const group of groups.values()) {
      const records = group.map((line) => line.record);
      const relevant = records.some((record) => record.type === 'SYSCALL' || record.type === 'EXECVE');
      const ended = records.some((record) => record.type === 'EOE');
      const stale = newest - records[records.length - 1]!.timeMs > STALE_MS;
      if (relevant && !ended && !stale && !final) {
        firstIncomplete = Math.min(firstIncomplete, group[0]!.start);
        continue;
      }
      const event = execEvent(records, identity);
      if (event && (event.attributes as Record<string, string>).linuxParentPid !== String(process.pid)) {
        events.push(event);
        emitted.push(group);
      }
    }
    const offset = firstIncomplete;
    // Events already sent whose records reach past the new offset: not sent again on the re-read.
    const candidates = new Set([...skip, ...emitted.map((group) => group[0]!.record.stamp)]);
    const sent = [
      ...new Set(
        lines.filter((line) => line.end > offset && candidates.has(line.record.stamp)).map((line) => line.record.stamp),
      ),
    ];
    return { events, offset, sent };
  }

  private save(state: AuditOffset): void {
    this.state = state;
    writeFileSync(`${this.options.offsetFile}.tmp`, JSON.stringify(state), { mode: 0o600 });
    renameSync(`${this.options.offsetFile}.tmp`, this.options.offsetFile);
  }

  private log(level: 'info' | 'warn', message: string, details?: Record<string, unknown>): void {
    if (this.options.log) this.options.log(level, message, details);
    else console.error(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...details }));
  }
}

/** uid → name from /etc/passwd, for RAW logs (ENRICHED ones carry the names themselves). */
function passwdIdentity(file: string): AuditIdentity {
  const names = new Map<string, string>();
  try {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const [name, , uid] = line.split(':');
      if (name && uid && !names.has(uid)) names.set(uid, name);
    }
  } catch {
    // no passwd readable: ids are sent as uid:N
  }
  return { userName: (uid) => names.get(uid) };
}
