import { DEFAULT_LIMITS } from '../v1/limits.js';
import { DEVICE_RULES } from './device-rules.js';
import type { WindowsMappingRule } from './mapping-rule.js';
import { SECURITY_RULES } from './security-rules.js';
import { SYSMON_DEFENDER_RULES } from './sysmon-defender-rules.js';
import { SYSTEM_RULES } from './system-rules.js';
import type { WindowsEvent } from './windows-event.js';

/**
 * The one mapping of Windows events to the eight log categories, shared by the OTLP receiver
 * (ingest/otlp) and the reference agent on Windows. Keyed on channel + provider + event id.
 */
export const WINDOWS_MAPPING_RULES: readonly WindowsMappingRule[] = [
  ...SYSTEM_RULES,
  ...SECURITY_RULES,
  ...DEVICE_RULES,
  ...SYSMON_DEFENDER_RULES,
];

const ruleKey = (channel: string, provider: string, eventId: number) =>
  `${channel.toLowerCase()}\u0000${provider.toLowerCase()}\u0000${eventId}`;
const RULES_BY_KEY = new Map(
  WINDOWS_MAPPING_RULES.map((rule) => [ruleKey(rule.channel, rule.provider, rule.eventId), rule]),
);

export type WindowsMappingOutcome =
  | { kind: 'mapped'; rule: WindowsMappingRule; event: Record<string, unknown> }
  /** Stored and searchable outside the eight categories: `unknown` (no rule), `outside_categories` (a rule says keep), `not_covered` (a rule's event, but not an instance its category covers). */
  | { kind: 'kept'; reason: 'unknown' | 'outside_categories' | 'not_covered'; rule: WindowsMappingRule | undefined };

/** The rule for an event, if any. */
export function windowsMappingRule(
  event: Pick<WindowsEvent, 'channel' | 'provider' | 'eventId'>,
): WindowsMappingRule | undefined {
  return RULES_BY_KEY.get(ruleKey(event.channel, event.provider, event.eventId));
}

/**
 * Maps one event. The mapped event is a protocol log event without `seq` (the caller assigns it);
 * its time is the event's own, or `fallbackTime` when Windows gave none. It is not validated here:
 * the caller validates it with the protocol schema like any agent's event.
 */
export function mapWindowsEvent(event: WindowsEvent, fallbackTime: string): WindowsMappingOutcome {
  const rule = windowsMappingRule(event);
  if (!rule) return { kind: 'kept', reason: 'unknown', rule };
  if (rule.category === 'kept') return { kind: 'kept', reason: 'outside_categories', rule };
  const fields = rule.map(event);
  if (!fields) return { kind: 'kept', reason: 'not_covered', rule };
  const { attributes, ...rest } = fields as { attributes?: Record<string, string> };
  return {
    kind: 'mapped',
    rule,
    event: {
      ...rest,
      category: rule.category,
      time: windowsTime(event.time) ?? fallbackTime,
      attributes: limitAttributes({ ...windowsAttributes(event), ...attributes }),
    },
  };
}

/** The attributes every Windows-sourced event carries, searchable as attributes.windowsEventId etc. */
export function windowsAttributes(event: WindowsEvent): Record<string, string> {
  const out: Record<string, string> = {
    windowsChannel: event.channel,
    windowsProvider: event.provider,
    windowsEventId: String(event.eventId),
  };
  if (event.recordId !== undefined) out.windowsRecordId = String(event.recordId);
  if (event.computer) out.windowsComputer = event.computer;
  if (event.userSid) out.windowsUserSid = event.userSid;
  return out;
}

/** Windows writes 100 ns precision ("…34.647975900Z"); the protocol keeps milliseconds. */
export function windowsTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function limitAttributes(attributes: Record<string, string>): Record<string, string> {
  const entries = Object.entries(attributes).filter(([, value]) => value !== undefined && value !== '');
  return Object.fromEntries(
    entries.slice(0, DEFAULT_LIMITS.maxAttributes).map(([key, value]) => [key, String(value).slice(0, 1024)]),
  );
}
