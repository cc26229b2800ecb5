import { fromJstInputValue, toJstInputValue } from '../../format/jst.js';

/**
 * The timeline's range: one of three presets ending now (1 h, 24 h, 7 d) or two JST instants the
 * user typed. A preset is resolved when the events are fetched, so "refresh" moves it to now.
 */
export const RANGE_PRESETS = ['1h', '24h', '7d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type TimelineRange = { kind: 'preset'; preset: RangePreset } | { kind: 'custom'; from: Date; to: Date };
export interface TimeWindow {
  from: Date;
  to: Date;
}

export const DEFAULT_RANGE: TimelineRange = { kind: 'preset', preset: '24h' };
const PRESET_MS: Record<RangePreset, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };

export function resolveRange(range: TimelineRange, now = new Date()): TimeWindow {
  if (range.kind === 'custom') return { from: range.from, to: range.to };
  return { from: new Date(now.getTime() - PRESET_MS[range.preset]), to: now };
}

/** From two `datetime-local` values in JST; null when either is missing or they are the wrong way round. */
export function customRange(fromValue: string, toValue: string): TimelineRange | null {
  if (!fromValue || !toValue) return null;
  const from = fromJstInputValue(fromValue);
  const to = fromJstInputValue(toValue);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) return null;
  return { kind: 'custom', from, to };
}

export function windowInputValues(window: TimeWindow): { from: string; to: string } {
  return { from: toJstInputValue(window.from), to: toJstInputValue(window.to) };
}

/** The log explorer on this device, over the same range (its address: `?q=…&range=…` or `&from=&to=`). */
export function explorerLink(participantId: string, hostname: string, range: TimelineRange): string {
  const params = new URLSearchParams({ q: `device:${hostname}` });
  if (range.kind === 'preset') params.set('range', range.preset);
  else {
    params.set('from', range.from.toISOString());
    params.set('to', range.to.toISOString());
  }
  return `/participants/${participantId}/explorer?${params.toString()}`;
}

/** The range in the device page's address: `?range=7d`, or `?from=…&to=…` (ISO 8601) for a typed range. */
export function rangeFromAddress(params: URLSearchParams): TimelineRange {
  const preset = params.get('range');
  if (preset && (RANGE_PRESETS as readonly string[]).includes(preset))
    return { kind: 'preset', preset: preset as RangePreset };
  const from = new Date(params.get('from') ?? '');
  const to = new Date(params.get('to') ?? '');
  if (!Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime()) && from < to) return { kind: 'custom', from, to };
  return DEFAULT_RANGE;
}

export function rangeAddressParams(range: TimelineRange): Record<string, string | null> {
  return range.kind === 'preset'
    ? { range: range.preset, from: null, to: null }
    : { range: null, from: range.from.toISOString(), to: range.to.toISOString() };
}

/** A day around the device's newest event (23 h before, 1 h after), for "jump to last activity". */
export function rangeAroundLastActivity(lastActivity: Date): TimelineRange {
  return {
    kind: 'custom',
    from: new Date(lastActivity.getTime() - 23 * 3_600_000),
    to: new Date(lastActivity.getTime() + 3_600_000),
  };
}
