import type { HealthResult, InventorySnapshot } from '../../agent-protocol/index.js';
import type { NewEvent } from '../disk-buffer.js';

/**
 * Where an agent's data comes from. Each operating system has its own implementations: on Linux
 * /proc, /sys, dpkg/rpm, apt logs, wtmp, udev, CUPS and auditd (linux-*.ts); on Windows the event
 * logs through wevtutil and the shared mapping, and one PowerShell call each for inventory and
 * health (windows-*.ts).
 */
export interface EventSource {
  readonly name: string;
  /**
   * Starts producing; `emit` appends to the disk buffer synchronously, so it must be called with events
   * that happened. `context` lets a source with its own cursor (the Windows event log bookmark) line it
   * up with what already reached the buffer.
   */
  start(emit: (events: NewEvent[]) => void, context?: SourceContext): void | Promise<void>;
  stop(): void | Promise<void>;
}

export interface InventoryCollector {
  collect(): Promise<InventorySnapshot>;
}

export interface HealthCollector {
  collect(): Promise<HealthResult[]>;
}

/** What a source may know of the disk buffer: its next seq, and the events buffered from a seq on. */
export interface SourceContext {
  nextSeq(): number;
  bufferedSince(seq: number): Iterable<NewEvent>;
}
