import type { ClickHouseClient } from '@clickhouse/client';
import type { HardwareSnapshot, InstalledSoftware, OsUpdate, SoftwareMatch } from '../contract/investigation.js';
import { selectRows } from '../sql/select-rows.js';

/**
 * Inventory questions over the participant's latest snapshots: which devices have software X (below
 * version Y), which have not installed an OS update for N days, and a hardware summary.
 */
export class InventoryReports {
  constructor(private readonly client: ClickHouseClient) {}

  async device(scope: readonly string[], device: string) {
    const params = { scope, device };
    const [hardware, software, osUpdates] = await Promise.all([
      selectRows<HardwareSnapshot>(this.client, 'investigation/device-inventory-hardware', params),
      selectRows<InstalledSoftware>(this.client, 'investigation/device-inventory-software', params),
      selectRows<OsUpdate>(this.client, 'investigation/device-inventory-os-updates', params),
    ]);
    return { hardware: hardware[0] ?? null, software, osUpdates };
  }

  software(scope: readonly string[], name: string, below: string) {
    return selectRows<SoftwareMatch>(this.client, 'investigation/software-search', { scope, name, below });
  }

  async osUpdateGaps(scope: readonly string[], days: number) {
    const rows = await selectRows<{
      device_id: string;
      hostname: string;
      last_installed_at: string | null;
      days_since: string | number | null;
      failed_updates: string | number;
      pending_updates: string | number;
    }>(this.client, 'investigation/os-update-gaps', { scope, days });
    return rows.map((row) => ({
      ...row,
      days_since: row.days_since === null ? null : Number(row.days_since),
      failed_updates: Number(row.failed_updates),
      pending_updates: Number(row.pending_updates),
    }));
  }

  async hardware(scope: readonly string[]) {
    const rows = await selectRows<{
      device_id: string;
      hostname: string;
      os_name: string;
      os_version: string;
      manufacturer: string;
      model: string;
      memory_bytes: string;
      disk_total_bytes: string;
      disk_free_bytes: string;
    }>(this.client, 'investigation/hardware-latest', { scope });
    const count = <V extends Record<string, string | number>>(key: (row: (typeof rows)[number]) => V) => {
      const counts = new Map<string, { value: V; devices: number }>();
      for (const row of rows) {
        const value = key(row);
        const id = JSON.stringify(value);
        counts.set(id, { value, devices: (counts.get(id)?.devices ?? 0) + 1 });
      }
      return [...counts.values()]
        .sort((a, b) => b.devices - a.devices)
        .map(({ value, devices }) => ({ ...value, devices }));
    };
    return {
      devices: rows.length,
      by_os: count((row) => ({ os_name: row.os_name, os_version: row.os_version })),
      by_model: count((row) => ({ manufacturer: row.manufacturer, model: row.model })),
      by_memory_gb: count((row) => ({ memory_gb: Math.round(Number(row.memory_bytes) / 1024 ** 3) })),
      low_disk: rows
        .map((row) => ({
          device_id: row.device_id,
          hostname: row.hostname,
          free_percent:
            Number(row.disk_total_bytes) > 0
              ? Math.round((Number(row.disk_free_bytes) / Number(row.disk_total_bytes)) * 1000) / 10
              : null,
        }))
        .filter((row) => row.free_percent !== null && row.free_percent < 15)
        .sort((a, b) => (a.free_percent ?? 0) - (b.free_percent ?? 0)),
    };
  }
}
