import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * The Windows event source's bookmark: the last EventRecordID read from each channel, written like
 * the disk buffer's cursor (temporary file, then rename: never half-written). It is written in the
 * same tick as the events it covers are appended to the disk buffer, and records the buffer's next
 * seq at that moment; after a kill between the two writes, the events appended since (seq ≥ that
 * seq, still in the buffer) carry their channel and record id, and move the bookmark past them. So a
 * restart neither reads an event twice nor skips one.
 *
 * It also keeps what went wrong with the logs themselves (a cleared log, events overwritten before
 * the agent read them) for the `eventlog.continuity` health check.
 */
export interface EventLogAnomaly {
  channel: string;
  kind: 'cleared' | 'overwritten';
  detectedAt: string;
  /** Record ids involved: the bookmark, and the log's oldest and newest when detected. */
  bookmark: number;
  oldest: number;
  newest: number;
}

interface BookmarkFile {
  channels: Record<string, number>;
  bufferNextSeq: number;
  anomalies: EventLogAnomaly[];
}

const KEEP_ANOMALIES = 50;

export class WindowsBookmarks {
  private state: BookmarkFile;

  constructor(private readonly file: string) {
    this.state = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as BookmarkFile)
      : { channels: {}, bufferNextSeq: 0, anomalies: [] };
  }

  get(channel: string): number | undefined {
    return this.state.channels[channel];
  }

  /** Moves bookmarks past events found in the disk buffer that the file does not cover yet. */
  catchUp(bufferedSince: (seq: number) => Iterable<{ attributes?: Record<string, string> }>): number {
    let moved = 0;
    for (const event of bufferedSince(this.state.bufferNextSeq)) {
      const channel = event.attributes?.windowsChannel;
      const recordId = Number(event.attributes?.windowsRecordId);
      if (!channel || !Number.isSafeInteger(recordId)) continue;
      if (recordId > (this.state.channels[channel] ?? -1)) {
        this.state.channels[channel] = recordId;
        moved += 1;
      }
    }
    return moved;
  }

  set(channel: string, recordId: number, bufferNextSeq: number): void {
    this.state.channels[channel] = recordId;
    this.state.bufferNextSeq = bufferNextSeq;
    this.write();
  }

  recordAnomaly(anomaly: EventLogAnomaly): void {
    this.state.anomalies = [...this.state.anomalies, anomaly].slice(-KEEP_ANOMALIES);
    this.write();
  }

  anomaliesSince(time: number): EventLogAnomaly[] {
    return this.state.anomalies.filter((anomaly) => Date.parse(anomaly.detectedAt) >= time);
  }

  private write(): void {
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.state), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }
}
