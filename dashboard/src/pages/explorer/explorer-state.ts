import type { TimeWindow } from './explorer-api.js';

/**
 * The explorer's state is its address: `?q=…&range=24h` or `?q=…&from=ISO&to=ISO`. These functions
 * read and write it, so a search can be shared as a link and the back button returns to the last one.
 */
export const RANGE_PRESETS = ['15m', '1h', '24h', '7d', '30d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_RANGE: RangePreset = '24h';

export type RangeChoice = { kind: 'relative'; key: string } | { kind: 'absolute'; from: Date; to: Date };

export interface SearchState {
  q: string;
  range: RangeChoice;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const RELATIVE = /^(\d{1,4})([mhd])$/;

/** How long a relative range is, e.g. "24h" → 86,400,000 ms; null when it is not one. */
export function relativeDuration(key: string): number | null {
  const match = RELATIVE.exec(key);
  if (!match) return null;
  const amount = Number(match[1]);
  return amount > 0 ? amount * (UNIT_MS[match[2] ?? ''] ?? 0) : null;
}

export function readSearchState(search: string | URLSearchParams): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const q = params.get('q') ?? '';
  const from = new Date(params.get('from') ?? '');
  const to = new Date(params.get('to') ?? '');
  if (!Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime()) && from < to)
    return { q, range: { kind: 'absolute', from, to } };
  const key = params.get('range') ?? '';
  return { q, range: { kind: 'relative', key: relativeDuration(key) ? key : DEFAULT_RANGE } };
}

/** `?q=…&range=…` or `?q=…&from=…&to=…`, in a fixed order so equal states give equal addresses. */
export function searchStateQuery(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.range.kind === 'relative') params.set('range', state.range.key);
  else {
    params.set('from', state.range.from.toISOString());
    params.set('to', state.range.to.toISOString());
  }
  return `?${params.toString()}`;
}

/** The instants a search covers; a relative range ends now. */
export function resolveRange(range: RangeChoice, now = new Date()): TimeWindow {
  if (range.kind === 'absolute') return { from: range.from, to: range.to };
  const duration = relativeDuration(range.key) ?? relativeDuration(DEFAULT_RANGE)!;
  return { from: new Date(now.getTime() - duration), to: now };
}

export function explorerPath(participantId: string): string {
  return `/participants/${participantId}/explorer`;
}
