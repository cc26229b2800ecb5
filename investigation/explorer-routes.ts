import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { fromClickHouseTime } from '../common/clickhouse-time.js';
import { rawResponse, uuidParam, type RouteTable } from '../api/route-table.js';
import {
  compiled,
  EXPORT_MAX_ROWS,
  SEARCH_ORDERS,
  type EventRow,
  type EventSearch,
  type TimeRange,
} from './event-search.js';
import { eventsAsCsv } from './event-export.js';
import { SORT_DIRECTIONS } from './event-sort.js';
import { ATTRIBUTES_FIELD, CATEGORIES, FIELDS } from './query-language/index.js';
import * as contract from '../contract/index.js';

/**
 * The log explorer's routes (scope "participant": a participant's users on their own data, operators
 * with an access purpose, recorded). Ranges default to the last 24 hours.
 */
const participantPath = z.object({ participantId: uuidParam });
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' });
const searchQuery = z.object({ q: z.string().max(4000).default(''), from: instant.optional(), to: instant.optional() });
const TAIL_POLL_MS = 1000;
const TAIL_MAX_MS = 30 * 60_000;
const TAIL_RECHECK_MS = 5000;

export function rangeOf(query: { from?: string | undefined; to?: string | undefined }, defaultHours = 24): TimeRange {
  const to = query.to ? new Date(query.to) : new Date(Date.now() + 60_000);
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultHours * 3_600_000);
  if (!(from < to)) throw new ApiError(400, 'invalid_request', 'The time range is empty: "from" must be before "to".');
  if (to.getTime() - from.getTime() > 400 * 86_400_000)
    throw new ApiError(400, 'invalid_request', 'The time range is longer than 400 days; narrow it.');
  return { from, to };
}

export function explorerRoutes(
  routes: RouteTable,
  search: EventSearch,
  scopeOf: (participantId: string) => Promise<string[]>,
): void {
  const tag = 'log explorer';

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/events',
    response: contract.eventPage,
    scope: 'participant',
    tag,
    summary:
      "Search the participant's events with the query language; newest first (or `order=oldest`, or by a field: `sort=bytes&dir=desc`), a page at a time (cursor)",
    audit: 'log search',
    params: participantPath,
    query: searchQuery.extend({
      limit: z.coerce.number().int().min(1).max(1000).default(200),
      cursor: z.string().max(500).optional(),
      order: z.enum(SEARCH_ORDERS).default('newest'),
      sort: z.string().max(40).optional(),
      dir: z.enum(SORT_DIRECTIONS).default('asc'),
    }),
    async handler(c, { params, query }) {
      const result = await search.search(
        await scopeOf(params.participantId),
        query.q,
        rangeOf(query),
        query.limit,
        query.cursor,
        query.sort ? { field: query.sort, direction: query.dir } : query.order,
      );
      return result;
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/events/histogram',
    response: contract.histogram,
    scope: 'participant',
    tag,
    summary:
      'Matching events per time bucket and category (or `split=` a field the catalogue marks splittable: its top values and the rest as `other`) over the whole range',
    audit: 'log histogram',
    params: participantPath,
    query: searchQuery.extend({ split: z.string().max(40).optional() }),
    async handler(c, { params, query }) {
      return await search.histogram(await scopeOf(params.participantId), query.q, rangeOf(query), query.split);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/events/context',
    response: contract.eventContext,
    scope: 'participant',
    tag,
    summary: 'The events just before and after a hit on the same device',
    audit: 'log context',
    params: participantPath,
    query: z.object({
      device: uuidParam,
      time: z.string().min(10).max(40),
      seq: z.string().regex(/^\d{1,20}$/, 'must be a sequence number'),
      n: z.coerce.number().int().min(1).max(200).default(10),
    }),
    async handler(c, { params, query }) {
      return await search.context(await scopeOf(params.participantId), query.device, query.time, query.seq, query.n);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/events/tail',
    response: rawResponse(
      'Server-Sent Events: ready, events (a JSON array of events), error, end',
      'text/event-stream',
    ),
    scope: 'participant',
    tag,
    summary: 'Live tail (Server-Sent Events): matching events as they arrive ("events" carries a JSON array)',
    audit: 'live tail',
    params: participantPath,
    query: z.object({ q: z.string().max(4000).default('') }),
    async handler(c, { params, query, stillAllowed }) {
      const filter = compiled(query.q);
      const scope = await scopeOf(params.participantId);
      return streamSSE(c, async (stream) => {
        let open = true;
        stream.onAbort(() => {
          open = false;
        });
        const opened = Date.now();
        let checked = Date.now();
        let since = new Date();
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ since: since.toISOString() }) });
        while (open && Date.now() - opened < TAIL_MAX_MS) {
          await stream.sleep(TAIL_POLL_MS);
          // A session signed out, an account suspended or a participant that left ends the stream.
          if (Date.now() - checked >= TAIL_RECHECK_MS) {
            checked = Date.now();
            if (!(await stillAllowed())) {
              await stream.writeSSE({ event: 'end', data: JSON.stringify({ reason: 'access_ended' }) });
              break;
            }
          }
          // Up to a second ago: rows of an insert still being written are picked up by the next poll.
          const until = new Date(Date.now() - 250);
          try {
            const events = await search.tail(scope, filter, since, until);
            since = events.length === 500 ? fromClickHouseTime(String(events.at(-1)!.received_at)) : until;
            if (events.length > 0) await stream.writeSSE({ event: 'events', data: JSON.stringify(events) });
          } catch (error) {
            // The code lets the dashboard say it in the reader's language; the message is for logs and scripts.
            const code = error instanceof ApiError ? error.code : 'engine_error';
            await stream.writeSSE({
              event: 'error',
              data: JSON.stringify({ code, message: (error as Error).message }),
            });
          }
        }
      });
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/events/export',
    response: rawResponse('The matching events as a download (X-Row-Count: how many)', 'text/csv', 'application/json'),
    scope: 'participant',
    tag,
    summary: `Download the matching events as CSV or JSON (at most ${EXPORT_MAX_ROWS.toLocaleString('en')} rows, newest first)`,
    audit: 'log export',
    params: participantPath,
    query: searchQuery.extend({ format: z.enum(['csv', 'json']).default('csv') }),
    async handler(c, { params, query }) {
      const events: EventRow[] = await search.export(await scopeOf(params.participantId), query.q, rangeOf(query));
      const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '');
      c.header('Content-Disposition', `attachment; filename="yorozu-events-${stamp}.${query.format}"`);
      c.header('X-Row-Count', String(events.length));
      if (query.format === 'json') return c.json(events);
      return c.body(eventsAsCsv(events), 200, { 'content-type': 'text/csv; charset=utf-8' });
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/events/fields',
    response: contract.queryFields,
    scope: 'participant',
    tag,
    summary: 'The fields of the query language, with their Japanese and English names',
    params: participantPath,
    handler() {
      return {
        fields: FIELDS.map((field) => ({ ...field, aliases: [...field.aliases] })),
        attributes: ATTRIBUTES_FIELD,
        categories: [...CATEGORIES],
      };
    },
  });
}
