import { z } from 'zod';
import { uuidParam, type RouteTable } from '../api/route-table.js';
import * as contract from '../contract/index.js';
import type { DeviceTimeline } from './device-timeline.js';
import { rangeOf } from './explorer-routes.js';

/** A device's timeline (scope "participant"): newest first, paged, with the density of the whole range. */
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' });
export const TIMELINE_MAX_PAGE = 2000;

export function timelineRoutes(
  routes: RouteTable,
  timeline: DeviceTimeline,
  scopeOf: (participantId: string) => Promise<string[]>,
): void {
  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/devices/:deviceId/timeline',
    response: contract.timeline,
    scope: 'participant',
    tag: 'log explorer',
    summary:
      "One device's events over a range, newest first (as the explorer), a page at a time (cursor), with the count per time bucket over the whole range and the time of its newest event",
    audit: 'device timeline',
    params: z.object({ participantId: uuidParam, deviceId: uuidParam }),
    query: z.object({
      from: instant.optional(),
      to: instant.optional(),
      categories: z.string().max(300).default(''),
      limit: z.coerce.number().int().min(1).max(TIMELINE_MAX_PAGE).default(500),
      cursor: z.string().max(500).optional(),
    }),
    async handler(c, { params, query }) {
      return await timeline.page({
        scope: await scopeOf(params.participantId),
        device: params.deviceId,
        range: rangeOf(query),
        categories: query.categories.split(',').filter(Boolean),
        limit: query.limit,
        cursor: query.cursor,
      });
    },
  });
}
