import type { InventorySnapshot } from '../../agent-protocol/index.js';
import type { InventoryCollector } from './source.js';
import {
  asArray,
  asBoolean,
  asNumber,
  asRecord,
  asText,
  runPowerShellJson,
  type WindowsCommand,
} from './windows-commands.js';
import { WINDOWS_INVENTORY_SCRIPT } from './windows-inventory-script.js';

/**
 * The Windows inventory from one PowerShell call (windows-inventory-script.ts): hardware and OS from
 * CIM, software from the Uninstall keys, OS updates from Win32_QuickFixEngineering and the Windows
 * Update history. The OS is named the way the os-supported policy reads it (PROTOCOL.md §5.4):
 * "Windows 11 Pro" and the feature update "23H2".
 */
type Software = NonNullable<InventorySnapshot['software']>[number];
type OsUpdate = NonNullable<InventorySnapshot['osUpdates']>[number];

const short = (value: unknown) => asText(value).slice(0, 256);
const iso = (value: unknown): string | undefined => {
  const ms = Date.parse(asText(value));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
};

/** "Microsoft Windows 11 Pro" → "Windows 11 Pro"; the version is the feature update (DisplayVersion, else ReleaseId). */
export function windowsOs(os: Record<string, unknown>, current: Record<string, unknown>) {
  const ubr = asNumber(current.UBR);
  return {
    name: short(os.Caption).replace(/^Microsoft\s+/, '') || 'Windows',
    version: short(current.DisplayVersion) || short(current.ReleaseId) || short(os.Version) || 'unknown',
    build: `${asText(os.BuildNumber)}${ubr !== undefined ? `.${ubr}` : ''}` || undefined,
    architecture: /64/.test(asText(os.OSArchitecture)) ? 'x64' : asText(os.OSArchitecture).slice(0, 32) || undefined,
  };
}

/** The kind of a Windows update from its title, in English or Japanese (the history has no category). */
export function windowsUpdateKind(title: string): OsUpdate['kind'] {
  if (/Security Intelligence|セキュリティ インテリジェンス|定義|KB2267602|KB4052623/i.test(title)) return 'definition';
  if (/Feature update|機能更新/i.test(title)) return 'feature';
  if (/Driver|ドライバー/i.test(title)) return 'driver';
  if (/Cumulative Update|累積更新|Security Update|セキュリティ更新/i.test(title)) return 'security';
  if (/Update|更新プログラム/i.test(title)) return 'quality';
  return 'other';
}

const kbOf = (title: string) => /\b(KB\d{6,8})\b/i.exec(title)?.[1]?.toUpperCase();

function software(entries: Record<string, unknown>[]): Software[] {
  const seen = new Set<string>();
  const out: Software[] = [];
  for (const entry of entries) {
    const name = short(entry.DisplayName);
    if (!name) continue;
    const scope = asText(entry.Scope);
    const key = `${name}\u0000${short(entry.DisplayVersion)}\u0000${scope}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const date = /^(\d{4})(\d{2})(\d{2})$/.exec(asText(entry.InstallDate));
    out.push({
      name,
      version: short(entry.DisplayVersion),
      publisher: short(entry.Publisher) || undefined,
      source: asBoolean(entry.WindowsInstaller) ? 'msi' : 'exe',
      architecture: scope === 'x64' || scope === 'x86' ? scope : undefined,
      installedAt: date ? `${date[1]}-${date[2]}-${date[3]}T00:00:00.000+09:00` : undefined,
    });
  }
  return out.slice(0, 20_000);
}

function osUpdates(qfe: Record<string, unknown>[], history: Record<string, unknown>[]): OsUpdate[] {
  const byKey = new Map<string, OsUpdate>();
  for (const fix of qfe) {
    const id = short(fix.HotFixID);
    if (!id || id === 'File 1') continue;
    const description = asText(fix.Description);
    byKey.set(`${id}\u0000installed`, {
      id,
      title: description,
      kind: /Security/i.test(description) ? 'security' : /Update|Hotfix/i.test(description) ? 'quality' : 'other',
      status: 'installed',
      installedAt: iso(fix.InstalledOn),
    });
  }
  // The Windows Update history, oldest first, so the latest outcome of an update wins.
  const entries = [...history].sort((a, b) => asText(a.Date).localeCompare(asText(b.Date)));
  for (const entry of entries) {
    const title = short(entry.Title);
    const id = kbOf(title) ?? short(entry.UpdateID);
    if (!id) continue;
    const result = asNumber(entry.ResultCode);
    const status: OsUpdate['status'] =
      asNumber(entry.Operation) === 2
        ? 'uninstalled'
        : result === 2 || result === 3
          ? 'installed'
          : result === 1
            ? 'pending'
            : 'failed';
    const update: OsUpdate = { id, title, kind: windowsUpdateKind(title), status, installedAt: iso(entry.Date) };
    byKey.set(`${id}\u0000${status}`, { ...byKey.get(`${id}\u0000${status}`), ...update });
  }
  return [...byKey.values()].slice(-20_000);
}

/** The PowerShell JSON of windows-inventory-script.ts as an inventory snapshot. */
export function inventoryFromPowerShell(json: Record<string, unknown>, collectedAt: string): InventorySnapshot {
  const system = asRecord(json.ComputerSystem);
  const bios = asRecord(json.BIOS);
  const processors = asArray(json.Processor);
  const os = asRecord(json.OperatingSystem);
  const systemDrive = asText(os.SystemDrive) || 'C:';
  const disk = asArray(json.LogicalDisk).find((d) => asText(d.DeviceID).toUpperCase() === systemDrive.toUpperCase());
  const adapters = asArray(json.NetworkAdapterConfiguration);
  const addresses = adapters.flatMap((adapter) =>
    Array.isArray(adapter.IPAddress) ? adapter.IPAddress.map(asText) : [],
  );
  const macs = adapters
    .map((adapter) => asText(adapter.MACAddress))
    .filter((mac) => /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/i.test(mac));
  const cores = processors.reduce(
    (sum, cpu) => sum + (asNumber(cpu.NumberOfLogicalProcessors) ?? asNumber(cpu.NumberOfCores) ?? 0),
    0,
  );
  const memory = asArray(json.PhysicalMemory).reduce((sum, module) => sum + (asNumber(module.Capacity) ?? 0), 0);
  const domain = asBoolean(system.PartOfDomain)
    ? short(system.Domain)
    : short(system.Workgroup) || short(system.Domain);
  return {
    collectedAt,
    hardware: {
      hostname: short(system.DNSHostName) || short(system.Name) || 'unknown',
      domain: domain || undefined,
      os: windowsOs(os, asRecord(json.CurrentVersion)),
      manufacturer: short(system.Manufacturer) || undefined,
      model: short(system.Model) || undefined,
      serialNumber: short(bios.SerialNumber) || undefined,
      biosVersion: short(bios.SMBIOSBIOSVersion) || undefined,
      cpuModel: short(processors[0]?.Name) || undefined,
      cpuCores: cores > 0 ? Math.min(cores, 4096) : undefined,
      memoryBytes: memory > 0 ? memory : undefined,
      diskTotalBytes: disk ? asNumber(disk.Size) : undefined,
      diskFreeBytes: disk ? asNumber(disk.FreeSpace) : undefined,
      // Link-local IPv6 addresses come with no zone from CIM; the protocol wants plain literals.
      ipAddresses: [...new Set(addresses.filter((address) => /^[0-9.]+$|^[0-9a-f:]+$/i.test(address)))].slice(0, 64),
      macAddresses: [...new Set(macs)].slice(0, 64),
    },
    software: software(asArray(json.Software)),
    osUpdates: osUpdates(asArray(json.QuickFixEngineering), asArray(json.UpdateHistory)),
  };
}

export class WindowsInventory implements InventoryCollector {
  constructor(private readonly run?: WindowsCommand) {}

  async collect(): Promise<InventorySnapshot> {
    return inventoryFromPowerShell(
      await runPowerShellJson(WINDOWS_INVENTORY_SCRIPT, this.run),
      new Date().toISOString(),
    );
  }
}
