import type { ClickHouseClient } from '@clickhouse/client';
import { ApiError } from '../api/errors.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import { timeParams, type EventRow, type TimeRange } from './event-search.js';
import { bucketSecondsFor, bucketStarts } from './histogram-buckets.js';

/**
 * One device's timeline: its events newest first (as the explorer lists them), a bounded page at a time with a
 * cursor to the older rest, how the events spread over the whole range (so a capped page never hides that
 * older days had activity), and the time of the device's newest event for "jump to last activity".
 */
const NO_CURSOR_SEQ = '18446744073709551615';

export interface TimelineRequest {
  scope: readonly string[];
  device: string;
  range: TimeRange;
  categories: string[];
  limit: number;
  cursor: string | undefined;
}

export class DeviceTimeline {
  constructor(private readonly client: ClickHouseClient) {}

  async page(request: TimelineRequest) {
    const { scope, device, range, categories, limit } = request;
    const after = request.cursor
      ? decodeTimelineCursor(request.cursor)
      : { cursorTime: toClickHouseTime(range.to.getTime()), cursorSeq: NO_CURSOR_SEQ };
    const bucketSeconds = bucketSecondsFor(range.from, range.to);
    const base = { scope, device, ...timeParams(range), categories };
    const [rows, density, last] = await Promise.all([
      selectRows<EventRow>(
        this.client,
        'investigation/device-timeline',
        { ...base, ...after, limit: limit + 1 },
        'explorer:timeline',
      ),
      selectRows<{ bucket: string | number; n: string | number }>(
        this.client,
        'investigation/device-timeline-density',
        { ...base, bucketSeconds },
        'explorer:timeline-density',
      ),
      selectRows<{ last_event_time: string; hours: string | number }>(
        this.client,
        'investigation/device-last-activity',
        { scope, device },
        'explorer:timeline-last',
      ),
    ]);
    const events = rows.slice(0, limit);
    const more = rows.length > limit;
    const counts = new Map(density.map((row) => [Number(row.bucket) * 1000, Number(row.n)]));
    const lastRow = last[0];
    return {
      events,
      truncated: more || request.cursor !== undefined,
      nextCursor: more ? encodeTimelineCursor(events.at(-1)!) : null,
      total: density.reduce((sum, row) => sum + Number(row.n), 0),
      density: {
        bucketSeconds,
        buckets: bucketStarts(range.from, range.to, bucketSeconds).map((start) => ({
          t: new Date(start).toISOString(),
          n: counts.get(start) ?? 0,
        })),
      },
      lastActivity: lastRow && Number(lastRow.hours) > 0 ? lastRow.last_event_time : null,
    };
  }
}

function encodeTimelineCursor(row: EventRow): string {
  return Buffer.from(JSON.stringify([row.time, String(row.seq)])).toString('base64url');
}

function decodeTimelineCursor(cursor: string): { cursorTime: string; cursorSeq: string } {
  try {
    const [time, seq] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(time) || !/^\d+$/.test(seq)) throw new Error('shape');
    return { cursorTime: time, cursorSeq: seq };
  } catch {
    throw new ApiError(400, 'invalid_request', 'The cursor is not one this API gave out; load the timeline again.');
  }
}
