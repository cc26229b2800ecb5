import type { HealthResult, InventorySnapshot, LogEvent } from '../agent-protocol/index.js';
import { EVENT_FIELDS } from '../agent-protocol/event-catalogue.js';
import { toClickHouseTime, toClickHouseTimeFast } from '../common/clickhouse-time.js';
import { readableUrl } from './readable-url.js';

/**
 * Maps protocol messages to table rows. Rows carry only the columns that have a value: the
 * engine fills the others with their defaults, which keeps the JSON sent per row small.
 */
export interface DeviceIdentity {
  deviceId: string;
  participantId: string;
}

export type Row = Record<string, unknown>;

/** Protocol field → events column, for the fields whose names differ (from agent-protocol/event-catalogue.ts). */
export const EVENT_COLUMNS: Record<string, string> = Object.fromEntries(
  EVENT_FIELDS.flatMap((entry) =>
    entry.protocol.filter((key) => key !== entry.column).map((key) => [key, entry.column] as const),
  ),
);

const SKIPPED = new Set(['time']);

export function eventRow(device: DeviceIdentity, event: LogEvent, eventTimeMs: number, receivedAt: string): Row {
  const row: Row = {};
  for (const field in event) {
    const value = (event as Record<string, unknown>)[field];
    if (value === undefined || SKIPPED.has(field)) continue;
    row[EVENT_COLUMNS[field] ?? field] = value;
  }
  // Identity comes from the authenticated connection, after the event's own fields, so nothing in an event can set it.
  row.participant_id = device.participantId;
  row.device_id = device.deviceId;
  row.time = toClickHouseTimeFast(eventTimeMs);
  row.received_at = receivedAt;
  if (event.category === 'web_access') {
    row.url = readableUrl(event.url);
    row.domain = hostnameOf(event.url);
  }
  if ('vendorId' in event && event.vendorId) row.vendor_id = event.vendorId.toLowerCase();
  if ('productId' in event && event.productId) row.product_id = event.productId.toLowerCase();
  return row;
}

// scheme://[userinfo@]host[:port]… — a regex is several times cheaper than new URL() on the ingest path.
const URL_HOST = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/;

export function hostnameOf(url: string): string {
  return URL_HOST.exec(url)?.[1]?.toLowerCase() ?? '';
}

const optionalTime = (value: string | undefined) => (value === undefined ? null : toClickHouseTime(Date.parse(value)));

export interface InventoryRows {
  hardware: Row[];
  software: Row[];
  osUpdates: Row[];
}

export function inventoryRows(device: DeviceIdentity, snapshot: InventorySnapshot, receivedAt: string): InventoryRows {
  const base = { participant_id: device.participantId, device_id: device.deviceId, received_at: receivedAt };
  const collectedAt = toClickHouseTime(Date.parse(snapshot.collectedAt));
  const hw = snapshot.hardware;
  return {
    hardware: hw
      ? [
          {
            ...base,
            collected_at: collectedAt,
            hostname: hw.hostname,
            domain_name: hw.domain ?? '',
            os_name: hw.os.name,
            os_version: hw.os.version,
            os_build: hw.os.build ?? '',
            os_architecture: hw.os.architecture ?? '',
            manufacturer: hw.manufacturer ?? '',
            model: hw.model ?? '',
            serial_number: hw.serialNumber ?? '',
            bios_version: hw.biosVersion ?? '',
            cpu_model: hw.cpuModel ?? '',
            cpu_cores: hw.cpuCores ?? 0,
            memory_bytes: hw.memoryBytes ?? 0,
            disk_total_bytes: hw.diskTotalBytes ?? 0,
            disk_free_bytes: hw.diskFreeBytes ?? 0,
            ip_addresses: hw.ipAddresses,
            mac_addresses: hw.macAddresses.map((mac) => mac.toLowerCase().replace(/-/g, ':')),
          },
        ]
      : [],
    software: (snapshot.software ?? []).map((pkg) => ({
      ...base,
      collected_at: collectedAt,
      name: pkg.name,
      version: pkg.version,
      publisher: pkg.publisher ?? '',
      source: pkg.source,
      architecture: pkg.architecture ?? '',
      installed_at: optionalTime(pkg.installedAt),
    })),
    osUpdates: (snapshot.osUpdates ?? []).map((update) => ({
      ...base,
      collected_at: collectedAt,
      update_id: update.id,
      status: update.status,
      title: update.title,
      kind: update.kind,
      installed_at: optionalTime(update.installedAt),
    })),
  };
}

export function healthRows(device: DeviceIdentity, results: HealthResult[], receivedAt: string): Row[] {
  return results.map((result) => ({
    participant_id: device.participantId,
    device_id: device.deviceId,
    check_id: result.checkId,
    time: toClickHouseTime(Date.parse(result.time)),
    status: result.status,
    value: result.value ?? '',
    detail: result.detail ?? '',
    received_at: receivedAt,
  }));
}
