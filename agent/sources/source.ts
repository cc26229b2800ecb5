import type { HealthResult, InventorySnapshot } from '../../agent-protocol/index.js';
import type { NewEvent } from '../disk-buffer.js';

/**
 * Where an agent's data comes from. Each operating system has its own implementations:
 * on Linux /proc, /sys, dpkg/rpm, apt/dnf logs and wtmp; on Windows the event log (boot 6005/6006,
 * logon 4624/4634/4625, process 4688/4689, file 4663, print 307, PnP 6416/20001) and WMI
 * (Win32_ComputerSystem, Win32_Product/registry uninstall keys, Win32_QuickFixEngineering).
 */
export interface EventSource {
  readonly name: string;
  /** Starts producing; `emit` appends to the disk buffer, so it must be called with events that happened. */
  start(emit: (events: NewEvent[]) => void): void | Promise<void>;
  stop(): void | Promise<void>;
}

export interface InventoryCollector {
  collect(): Promise<InventorySnapshot>;
}

export interface HealthCollector {
  collect(): Promise<HealthResult[]>;
}
