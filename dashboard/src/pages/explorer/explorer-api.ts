import { api, ApiFailure, query } from '../../api/api-client.js';

/**
 * The log explorer's calls to the REST API (see the API contract): search a page at a time,
 * the histogram, the context around a hit, and the tail and export URLs.
 */

/** One row of the events table. UInt64 values (seq, bytes) may arrive as strings. */
export interface LogEvent {
  device_id: string;
  hostname?: string;
  seq: string | number;
  time: string;
  received_at?: string;
  category: string;
  attributes?: Record<string, unknown>;
  [column: string]: unknown;
}

export interface HistogramBucket {
  /** ISO 8601, the bucket's start. */
  t: string;
  counts: Record<string, number>;
}

export interface Histogram {
  from: string;
  to: string;
  bucketSeconds: number;
  total: number;
  buckets: HistogramBucket[];
}

/** Where a query is wrong: 0-based offsets into the query text, and the reason in both languages. */
export interface QueryProblem {
  position: number;
  length: number;
  message: { ja: string; en: string };
}

export interface TimeWindow {
  from: Date;
  to: Date;
}

const base = (participantId: string) => `/api/v1/participants/${participantId}/events`;
const rangeParams = (range: TimeWindow) => ({ from: range.from.toISOString(), to: range.to.toISOString() });

/** The same device's event is unique by its sequence number. */
export function eventKey(event: LogEvent): string {
  return `${event.device_id}:${String(event.seq)}`;
}

export function searchEvents(participantId: string, q: string, range: TimeWindow, cursor: string | null, limit = 200) {
  return api<{ events: LogEvent[]; nextCursor: string | null }>('GET', `${base(participantId)}${query({ q, ...rangeParams(range), limit, cursor })}`);
}

export async function loadHistogram(participantId: string, q: string, range: TimeWindow): Promise<Histogram> {
  const histogram = await api<Histogram>('GET', `${base(participantId)}/histogram${query({ q, ...rangeParams(range) })}`);
  return { ...histogram, total: Number(histogram.total) };
}

export function loadContext(participantId: string, event: LogEvent, n = 10) {
  return api<{ before: LogEvent[]; hit: LogEvent; after: LogEvent[] }>('GET', `${base(participantId)}/context${query({ device: event.device_id, time: event.time, seq: String(event.seq), n })}`);
}

export function tailUrl(participantId: string, q: string): string {
  return `${base(participantId)}/tail${query({ q })}`;
}

export function exportUrl(participantId: string, q: string, range: TimeWindow, format: 'csv' | 'json'): string {
  return `${base(participantId)}/export${query({ q, ...rangeParams(range), format })}`;
}

/** The position of a 400 `invalid_query`, or null for any other failure. */
export function queryProblemOf(error: unknown): QueryProblem | null {
  if (!(error instanceof ApiFailure) || error.code !== 'invalid_query') return null;
  const problem = error.details['query'] as Partial<QueryProblem> | undefined;
  if (!problem?.message) return null;
  return { position: Number(problem.position ?? 0), length: Number(problem.length ?? 0), message: problem.message };
}
