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
