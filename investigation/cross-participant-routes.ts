import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import type { RouteTable } from '../api/route-table.js';
import * as contract from '../contract/index.js';
import type { EventSearch } from './event-search.js';
import { rangeOf } from './explorer-routes.js';
import { ATTRIBUTES_FIELD, CATEGORIES, FIELDS } from './query-language/index.js';

/**
 * Search across participants (operators only): one query over every participant that takes part, or a chosen
 * set, instead of one search per participant (a known-bad domain in everyone's data). Each participant searched
 * is recorded in its own access log with the operator's access purpose (terms art. 15), whether or not it had
 * hits: its data was read. A participant's user never reaches this route (scope operator).
 */
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' });
const MAX_CHOSEN = 200;

export function crossParticipantRoutes(
  routes: RouteTable,
  search: EventSearch,
  deps: {
    participantsTakingPart: () => Promise<string[]>;
    namesTakingPart: () => Promise<{ id: string; name: string }[]>;
    scopeOf: (participantId: string) => Promise<string[]>;
  },
): void {
  routes.add({
    method: 'get',
    path: '/api/v1/admin/events',
    response: contract.crossParticipantPage,
    scope: 'operator',
    participantData: 'recorded',
    tag: 'log explorer',
    summary:
      "Search every participant's events (or a chosen set) with the query language; newest first, a page at a time; each participant searched is recorded in its access log",
    audit: 'log search across participants',
    query: z.object({
      q: z.string().max(4000).default(''),
      from: instant.optional(),
      to: instant.optional(),
      participants: z
        .string()
        .max(MAX_CHOSEN * 37)
        .default(''),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
      cursor: z.string().max(500).optional(),
    }),
    async handler(c, { query, recordAccess }) {
      const takingPart = await deps.participantsTakingPart();
      const chosen = query.participants.split(',').filter(Boolean);
      const unknown = chosen.filter((id) => !takingPart.includes(id));
      if (unknown.length > 0)
        throw new ApiError(
          400,
          'invalid_request',
          `"participants": ${unknown.slice(0, 3).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a participant taking part.`,
        );
      const searched = chosen.length > 0 ? chosen : takingPart;
      const scope = [...new Set((await Promise.all(searched.map((id) => deps.scopeOf(id)))).flat())];
      // Recorded before the read: a search that fails half-way has still touched the data.
      await recordAccess(searched);
      if (scope.length === 0) return { events: [], nextCursor: null, warnings: [], participants: [] };
      const page = await search.search(scope, query.q, rangeOf(query), query.limit, query.cursor);
      return { ...page, participants: searched };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/events/participants',
    response: contract.searchableParticipants,
    scope: 'operator',
    participantData: 'recorded',
    tag: 'log explorer',
    summary: 'The participants a search across participants covers (those taking part), with their names',
    audit: 'participant names (search across participants)',
    async handler(c, { recordAccess }) {
      const participants = await deps.namesTakingPart();
      await recordAccess(participants.map((participant) => participant.id));
      return { participants };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/events/fields',
    response: contract.queryFields,
    scope: 'operator',
    participantData: 'none',
    tag: 'log explorer',
    summary: "The query language's fields for the search across participants (the same for every participant)",
    handler() {
      return {
        fields: FIELDS.map((field) => ({ ...field, aliases: [...field.aliases] })),
        attributes: ATTRIBUTES_FIELD,
        categories: [...CATEGORIES],
      };
    },
  });
}
