import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { LogEvent } from '../agent-protocol/index.js';

/**
 * The agent's disk buffer: every event is appended to a segment file before anything is sent, and
 * a segment is deleted only once the server has acknowledged every event in it. After a crash the
 * agent resumes from the acknowledged cursor; events re-sent because the cursor lagged an ack are
 * collapsed by the server, since (device, time, seq) identifies an event.
 *
 * Layout: <dir>/<firstSeq, 16 digits>.seg holds one JSON event per line; <dir>/cursor.json holds the
 * highest seq acknowledged with nothing unacknowledged below it. When the buffer would pass
 * `maxBytes`, the OLDEST segment is dropped (newest events are kept: they describe the present),
 * and the loss is counted and logged.
 */
export type BufferedEvent = LogEvent & { seq: number };
export type NewEvent = Omit<LogEvent, 'seq'>;

export interface DiskBufferOptions {
  directory: string;
  maxBytes: number;
  segmentBytes?: number;
  /** fsync after each append: survives power loss, costs an fsync per append call. */
  fsync?: boolean;
  log?: (level: 'info' | 'warn', message: string, details?: Record<string, unknown>) => void;
}

interface Segment {
  firstSeq: number;
  lastSeq: number;
  file: string;
  bytes: number;
}

export interface BufferState {
  nextSeq: number;
  ackedThrough: number;
  pendingEvents: number;
  bytes: number;
  segments: number;
  droppedEvents: number;
}

const SEGMENT_FILE = /^(\d{16})\.seg$/;

export class DiskBuffer {
  private readonly segments: Segment[] = [];
  private nextSeq = 1;
  private ackedThrough = 0;
  private droppedEvents = 0;
  private readonly acked = new Set<number>();
  private writeFd: number | undefined;
  private readonly segmentBytes: number;
  /** The last segment parsed: sending reads the same segment batch after batch. */
  private cache: { file: string; bytes: number; events: BufferedEvent[] } | undefined;

  constructor(private readonly options: DiskBufferOptions) {
    this.segmentBytes = options.segmentBytes ?? 1024 * 1024;
    mkdirSync(options.directory, { recursive: true, mode: 0o700 });
    this.recover();
  }

  /** Appends events, giving each the next seq; returns them as stored. */
  append(events: NewEvent[]): BufferedEvent[] {
    if (events.length === 0) return [];
    const stored = events.map((event) => ({ ...event, seq: this.nextSeq++ }) as BufferedEvent);
    const text = stored.map((event) => `${JSON.stringify(event)}\n`).join('');
    const bytes = Buffer.byteLength(text);
    let segment = this.segments.at(-1);
    if (!segment || this.writeFd === undefined || segment.bytes >= this.segmentBytes)
      segment = this.startSegment(stored[0]!.seq);
    writeSync(this.writeFd!, text);
    if (this.options.fsync) fsyncSync(this.writeFd!);
    segment.bytes += bytes;
    segment.lastSeq = stored.at(-1)!.seq;
    this.enforceLimit();
    return stored;
  }

  /** Up to `max` buffered events with seq > `afterSeq`, in order. */
  read(afterSeq: number, max: number): BufferedEvent[] {
    const out: BufferedEvent[] = [];
    for (const segment of this.segments) {
      if (segment.lastSeq <= afterSeq) continue;
      for (const event of this.readSegment(segment)) {
        if (event.seq <= afterSeq) continue;
        out.push(event);
        if (out.length >= max) return out;
      }
    }
    return out;
  }

  /** Marks seqs first..last acknowledged; moves the cursor and deletes segments wholly acknowledged. */
  acknowledge(firstSeq: number, lastSeq: number): void {
    for (let seq = Math.max(firstSeq, this.ackedThrough + 1); seq <= lastSeq; seq += 1) this.acked.add(seq);
    let moved = false;
    while (this.acked.has(this.ackedThrough + 1)) {
      this.acked.delete(this.ackedThrough + 1);
      this.ackedThrough += 1;
      moved = true;
    }
    // Seqs dropped by the full-buffer policy count as done.
    const oldest = this.segments[0]?.firstSeq;
    if (oldest !== undefined && this.ackedThrough < oldest - 1) {
      this.ackedThrough = oldest - 1;
      moved = true;
    }
    if (!moved) return;
    this.writeCursor();
    while (this.segments.length > 1 && this.segments[0]!.lastSeq <= this.ackedThrough)
      this.removeSegment(this.segments.shift()!);
    const last = this.segments[0];
    if (last && this.segments.length === 1 && last.lastSeq <= this.ackedThrough && last.bytes >= this.segmentBytes) {
      this.closeWriter();
      this.removeSegment(this.segments.shift()!);
    }
  }

  get acknowledgedThrough(): number {
    return this.ackedThrough;
  }

  state(): BufferState {
    return {
      nextSeq: this.nextSeq,
      ackedThrough: this.ackedThrough,
      pendingEvents: Math.max(0, this.nextSeq - 1 - this.ackedThrough),
      bytes: this.segments.reduce((sum, segment) => sum + segment.bytes, 0),
      segments: this.segments.length,
      droppedEvents: this.droppedEvents,
    };
  }

  close(): void {
    this.closeWriter();
  }

  /** Deletes everything (uninstall). */
  destroy(): void {
    this.closeWriter();
    rmSync(this.options.directory, { recursive: true, force: true });
  }

  private recover(): void {
    const cursorFile = path.join(this.options.directory, 'cursor.json');
    if (existsSync(cursorFile)) {
      const cursor = JSON.parse(readFileSync(cursorFile, 'utf8')) as { ackedThrough: number; droppedEvents?: number };
      this.ackedThrough = cursor.ackedThrough;
      this.droppedEvents = cursor.droppedEvents ?? 0;
    }
    const files = readdirSync(this.options.directory)
      .filter((name) => SEGMENT_FILE.test(name))
      .sort();
    for (const name of files) {
      const file = path.join(this.options.directory, name);
      const firstSeq = Number(SEGMENT_FILE.exec(name)![1]);
      const segment: Segment = { firstSeq, lastSeq: firstSeq - 1, file, bytes: statSync(file).size };
      const events = this.readSegment(segment, true);
      segment.lastSeq = events.at(-1)?.seq ?? firstSeq - 1;
      if (segment.lastSeq < firstSeq) {
        rmSync(file, { force: true });
        continue;
      }
      this.segments.push(segment);
    }
    const lastSeq = this.segments.at(-1)?.lastSeq ?? this.ackedThrough;
    this.nextSeq = Math.max(lastSeq, this.ackedThrough) + 1;
    if (this.segments.length > 0) {
      this.options.log?.('info', 'resuming from the disk buffer', {
        pendingEvents: this.nextSeq - 1 - this.ackedThrough,
        segments: this.segments.length,
      });
    }
  }

  /** Reads a segment's events; a torn last line (crash mid-write) is cut off when `repair` is set. */
  private readSegment(segment: Segment, repair = false): BufferedEvent[] {
    if (this.cache?.file === segment.file && this.cache.bytes === segment.bytes) return this.cache.events;
    const raw = readFileSync(segment.file);
    const lines = raw.toString('utf8').split('\n').slice(0, -1); // the last piece is '' or a torn write
    const events: BufferedEvent[] = [];
    let validBytes = 0;
    for (const line of lines) {
      try {
        events.push(JSON.parse(line) as BufferedEvent);
        validBytes += Buffer.byteLength(line) + 1;
      } catch {
        break;
      }
    }
    if (repair && validBytes < raw.length) {
      writeFileSync(segment.file, raw.subarray(0, validBytes));
      segment.bytes = validBytes;
      this.options.log?.('warn', 'cut a torn write off the end of a buffer segment', {
        file: path.basename(segment.file),
      });
    }
    this.cache = { file: segment.file, bytes: segment.bytes, events };
    return events;
  }

  private startSegment(firstSeq: number): Segment {
    this.closeWriter();
    const file = path.join(this.options.directory, `${String(firstSeq).padStart(16, '0')}.seg`);
    this.writeFd = openSync(file, 'a', 0o600);
    const segment: Segment = { firstSeq, lastSeq: firstSeq - 1, file, bytes: 0 };
    this.segments.push(segment);
    return segment;
  }

  private enforceLimit(): void {
    let total = this.segments.reduce((sum, segment) => sum + segment.bytes, 0);
    while (total > this.options.maxBytes && this.segments.length > 1) {
      const oldest = this.segments.shift()!;
      const unacked = Math.max(0, oldest.lastSeq - Math.max(this.ackedThrough, oldest.firstSeq - 1));
      this.droppedEvents += unacked;
      total -= oldest.bytes;
      this.removeSegment(oldest);
      if (this.ackedThrough < oldest.lastSeq) this.ackedThrough = oldest.lastSeq;
      this.writeCursor();
      this.options.log?.(
        'warn',
        `disk buffer full (${this.options.maxBytes} bytes): dropped the oldest ${unacked} unsent events`,
        {
          firstSeq: oldest.firstSeq,
          lastSeq: oldest.lastSeq,
          droppedTotal: this.droppedEvents,
        },
      );
    }
  }

  private removeSegment(segment: Segment): void {
    rmSync(segment.file, { force: true });
  }

  private writeCursor(): void {
    const file = path.join(this.options.directory, 'cursor.json');
    writeFileSync(
      `${file}.tmp`,
      JSON.stringify({ ackedThrough: this.ackedThrough, droppedEvents: this.droppedEvents }),
      { mode: 0o600 },
    );
    renameSync(`${file}.tmp`, file);
  }

  private closeWriter(): void {
    if (this.writeFd !== undefined) closeSync(this.writeFd);
    this.writeFd = undefined;
  }
}
