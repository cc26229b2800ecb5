import { api, ApiFailure, query } from '../../api/api-client.js';
import type { Aggregate, EventContext, EventPage, FieldValues, Histogram, LogEvent } from '../../api/contract.js';
import type { ResultOrder, TimeWindow } from './explorer-state.js';
import { orderParams } from './result-order.js';

/**
 * The log explorer's calls to the REST API (see the API contract): search a page at a time,
 * the histogram, the context around a hit, and the tail and export URLs.
 */

export type { Histogram, LogEvent } from '../../api/contract.js';
export type { TimeWindow } from './explorer-state.js';
export type HistogramBucket = Histogram['buckets'][number];

/** Where a query is wrong: 0-based offsets into the query text, and the reason in both languages. */
export interface QueryProblem {
  position: number;
  length: number;
  message: { ja: string; en: string };
}

const base = (participantId: string) => `/api/v1/participants/${participantId}/events`;
const rangeParams = (range: TimeWindow) => ({ from: range.from.toISOString(), to: range.to.toISOString() });

/** The same device's event is unique by its sequence number. */
export function eventKey(event: LogEvent): string {
  return `${event.device_id}:${String(event.seq)}`;
}

export function searchEvents(
  participantId: string,
  q: string,
  range: TimeWindow,
  cursor: string | null,
  limit = 200,
  order: ResultOrder = 'newest',
) {
  return api<EventPage>(
    'GET',
    `${base(participantId)}${query({ q, ...rangeParams(range), limit, cursor, ...orderParams(order) })}`,
  );
}

/** The histogram by category, or split by a field the catalogue marks splittable (its top values and `other`). */
export async function loadHistogram(
  participantId: string,
  q: string,
  range: TimeWindow,
  split?: string,
): Promise<Histogram> {
  const histogram = await api<Histogram>(
    'GET',
    `${base(participantId)}/histogram${query({ q, ...rangeParams(range), split })}`,
  );
  return { ...histogram, total: Number(histogram.total) };
}

export function loadContext(participantId: string, event: LogEvent, n = 10) {
  return api<EventContext>(
    'GET',
    `${base(participantId)}/context${query({ device: event.device_id, time: event.time, seq: String(event.seq), n })}`,
  );
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

export interface AggregateRequest {
  fn: 'count' | 'sum' | 'uniq';
  /** The field summed or counted distinct (not for count). */
  of?: string;
  by: string;
  limit?: number;
}

/** Matching events grouped by a field: field statistics (count by a field) and aggregates. */
export function loadAggregate(participantId: string, q: string, range: TimeWindow, request: AggregateRequest) {
  return api<Aggregate>('GET', `${base(participantId)}/aggregate${query({ q, ...rangeParams(range), ...request })}`);
}

export function aggregateCsvUrl(
  participantId: string,
  q: string,
  range: TimeWindow,
  request: AggregateRequest,
): string {
  return `${base(participantId)}/aggregate.csv${query({ q, ...rangeParams(range), ...request })}`;
}

/** Autocomplete: the values of a field that begin with what was typed, in the participant's events of the range. */
export async function loadFieldValues(participantId: string, field: string, prefix: string, range: TimeWindow) {
  const answer = await api<FieldValues>(
    'GET',
    `${base(participantId)}/values${query({ field, prefix, ...rangeParams(range), limit: 10 })}`,
  );
  return answer.values;
}
