import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import type { WindowsKeptCount, WindowsKeptEvent } from '../contract/investigation.js';
import { selectRows } from '../sql/select-rows.js';
import type { TimeRange } from './event-search.js';

/**
 * What a device's OpenTelemetry Collector sent that is none of the eight categories
 * (windows_events_kept, docs/windows-collector.md): counts per event id for the device page, and the
 * events themselves, searchable by event id.
 */
export class WindowsKeptEvents {
  constructor(private readonly client: ClickHouseClient) {}

  async ofDevice(scope: readonly string[], device: string, range: TimeRange, eventId: number | null, limit: number) {
    const params = {
      scope,
      device,
      from: toClickHouseTime(range.from.getTime()),
      to: toClickHouseTime(range.to.getTime()),
    };
    const [counts, events] = await Promise.all([
      selectRows<WindowsKeptCount>(this.client, 'investigation/device-windows-kept-counts', params),
      selectRows<WindowsKeptEvent>(this.client, 'investigation/device-windows-kept-events', {
        ...params,
        eventId,
        limit,
      }),
    ]);
    return { counts: counts.map((row) => ({ ...row, events: Number(row.events) })), events };
  }
}
