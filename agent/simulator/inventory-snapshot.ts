import type { InventorySnapshot } from '../../agent-protocol/index.js';
import { patchInstallDayNumber } from './health-checks.js';
import { DAY_MS, JST_OFFSET_MS, jstDayNumber, patchWednesdayDayNumber } from './japan-calendar.js';
import { toJstIsoString } from '../../common/jst-time.js';
import type { SimulatedDevice } from './office-roster.js';
import type { Seed } from './seeded-random.js';
import { monthlyUpdates } from './software-catalog.js';

/**
 * What the agent reports about its PC: hardware with the OS, installed software (the antivirus too
 * when it is not Defender, which is part of Windows) and the last six months of Windows updates,
 * installed or still pending, consistent with the os.updates_pending health check.
 */
const UPDATE_HISTORY_MONTHS = 6;

export function inventorySnapshot(seed: Seed, device: SimulatedDevice, atMs: number): InventorySnapshot {
  const software = device.software.map((s) => ({
    name: s.name,
    version: s.version,
    publisher: s.publisher,
    source: s.source,
    architecture: 'x64',
    installedAt: toJstIsoString(s.installedAtMs),
  }));
  if (!device.antivirus.builtIn) {
    software.push({
      name: device.antivirus.name,
      version: device.antivirus.version,
      publisher: device.antivirus.publisher,
      source: 'msi',
      architecture: 'x64',
      installedAt: toJstIsoString(atMs - 400 * DAY_MS),
    });
  }
  return {
    collectedAt: toJstIsoString(atMs),
    hardware: {
      hostname: device.hostname,
      domain: device.adDomain,
      os: {
        name: device.windows.name,
        version: device.windows.version,
        build: device.windows.build,
        architecture: 'x64',
      },
      manufacturer: device.pc.manufacturer,
      model: device.pc.model,
      serialNumber: device.pc.serialNumber,
      biosVersion: device.pc.biosVersion,
      cpuModel: device.pc.cpuModel,
      cpuCores: device.pc.cpuCores,
      memoryBytes: device.pc.memoryBytes,
      diskTotalBytes: device.pc.diskTotalBytes,
      diskFreeBytes: device.pc.diskFreeBytes,
      ipAddresses: [device.ipAddress],
      macAddresses: [device.macAddress],
    },
    software,
    osUpdates: updateHistory(seed, device, atMs),
  };
}

function updateHistory(seed: Seed, device: SimulatedDevice, atMs: number): InventorySnapshot['osUpdates'] {
  const today = jstDayNumber(atMs);
  const at = new Date(atMs + JST_OFFSET_MS);
  const updates: NonNullable<InventorySnapshot['osUpdates']> = [];
  let latestInstalledMonth = true;
  for (let back = 0; back <= UPDATE_HISTORY_MONTHS; back += 1) {
    const monthDate = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - back, 1));
    const year = monthDate.getUTCFullYear();
    const month = monthDate.getUTCMonth() + 1;
    if (patchWednesdayDayNumber(year, month) > today) continue;
    const installDay = patchInstallDayNumber(seed, device, year, month);
    const installed = installDay <= today;
    for (const update of monthlyUpdates(device.windows, year, month)) {
      // The removal tool keeps one KB number; only its latest run is listed.
      if (update.id === 'KB890830' && !(installed && latestInstalledMonth)) continue;
      updates.push({
        id: update.id,
        title: update.title,
        kind: update.kind,
        status: installed ? 'installed' : 'pending',
        ...(installed ? { installedAt: toJstIsoString(installDay * DAY_MS - JST_OFFSET_MS + 18 * 3_600_000) } : {}),
      });
    }
    if (installed) latestInstalledMonth = false;
  }
  updates.push({
    id: 'KB2267602',
    title: `Microsoft Defender Antivirus のセキュリティ インテリジェンス更新プログラム - KB2267602 (バージョン 1.421.${(today % 900) + 100}.0)`,
    kind: 'definition',
    status: 'installed',
    installedAt: toJstIsoString(atMs - 6 * 3_600_000),
  });
  return updates;
}
