import type { LogCategory } from '../v1/events.js';
import type { WindowsEvent } from './windows-event.js';

/**
 * One row of the Windows event mapping: which event (channel + provider + id, never the id alone:
 * ids collide across providers), the category it becomes, the protocol fields it fills, and the
 * Windows setting that makes Windows write it. docs/windows-collector.md holds the same table;
 * tests/agent-protocol/windows-mapping-docs.test.ts fails when the two disagree.
 */
export interface WindowsMappingRule {
  channel: string;
  provider: string;
  eventId: number;
  /** One of the eight categories, or `kept`: stored and searchable outside them (windows_events_kept). */
  category: LogCategory | 'kept';
  /** The protocol fields this rule fills (besides time and the windows* attributes every rule sets). */
  fields: readonly string[];
  /** What has to be switched on in Windows for the event to be written (auditpol, wevtutil, Sysmon …). */
  windowsSetting: string;
  /**
   * The event's category-specific fields; the caller adds time, seq and the windows* attributes.
   * Undefined when this instance is not one the category covers (4663 on a registry key): kept instead.
   */
  map(event: WindowsEvent): Record<string, unknown> | undefined;
}

export const SECURITY = { channel: 'Security', provider: 'Microsoft-Windows-Security-Auditing' } as const;
