import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HEALTH_CHECKS,
  healthResult,
  healthValuePattern,
  inventorySnapshot,
  type HealthResult,
  type KnownHealthCheckId,
} from '../../agent-protocol/index.js';
import { planOffice } from '../../agent/simulator/index.js';
import { decodeWindowsOutput } from '../../agent/sources/windows-commands.js';
import { parseLogInfo, splitEventXml, WINDOWS_EVENT_CHANNELS } from '../../agent/sources/windows-event-log.js';
import { healthFromPowerShell } from '../../agent/sources/windows-health.js';
import { WINDOWS_HEALTH_SCRIPT } from '../../agent/sources/windows-health-script.js';
import { inventoryFromPowerShell, windowsUpdateKind } from '../../agent/sources/windows-inventory.js';
import { WINDOWS_INVENTORY_SCRIPT } from '../../agent/sources/windows-inventory-script.js';

/**
 * The Windows collectors on fixtures of Microsoft's documented output (tests/agent/fixtures/windows/),
 * and the simulator compared with them check by check: same ids, same value forms and units.
 */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/windows/${name}`, import.meta.url), 'utf8');
const NOW = new Date('2026-12-05T01:00:00.000Z');

describe('the Windows inventory', () => {
  const snapshot = inventoryFromPowerShell(JSON.parse(fixture('inventory.json')), NOW.toISOString());

  it('is a valid snapshot naming the OS the way os-supported reads it', () => {
    expect(inventorySnapshot.safeParse(snapshot).error?.issues).toBeUndefined();
    expect(snapshot.hardware).toMatchObject({
      hostname: 'PC-SOUMU-01',
      domain: 'corp.example.co.jp',
      os: { name: 'Windows 11 Pro', version: '25H2', build: '26200.7309', architecture: 'x64' },
      manufacturer: 'FUJITSU CLIENT COMPUTING LIMITED',
      serialNumber: 'R3X01234',
      cpuCores: 12,
      memoryBytes: 17179869184,
      diskTotalBytes: 510770802688,
      diskFreeBytes: 312845213696,
      macAddresses: ['A4:C3:F0:12:34:56'],
    });
    expect(snapshot.hardware!.ipAddresses).toEqual(['192.168.10.21', 'fe80::1c2b:3d4e:5f60:7182']);
  });

  it('lists software from the 64-bit, 32-bit and per-user Uninstall keys once each', () => {
    expect(snapshot.software!.map((s) => [s.name, s.architecture ?? 'user', s.source])).toEqual([
      ['Microsoft Edge', 'x86', 'exe'],
      ['Google Chrome', 'x64', 'msi'],
      ['Microsoft 365 Apps for business - ja-jp', 'x64', 'exe'],
      ['Adobe Acrobat Reader DC - Japanese', 'x86', 'msi'],
      ['Microsoft Teams', 'user', 'exe'],
    ]);
  });

  it('merges Win32_QuickFixEngineering and the Windows Update history, with kinds in Japanese titles', () => {
    const byId = new Map(snapshot.osUpdates!.map((u) => [`${u.id} ${u.status}`, u]));
    expect(byId.get('KB5046633 installed')).toMatchObject({
      kind: 'security',
      installedAt: '2026-11-13T02:14:55.000Z',
    });
    expect(byId.get('KB2267602 installed')).toMatchObject({ kind: 'definition' });
    expect(byId.get('KB5044285 failed')).toMatchObject({ kind: 'security' });
    expect(byId.get('KB5045936 installed')).toMatchObject({ kind: 'quality' });
    expect(windowsUpdateKind('2026-11 Feature update to Windows 11, version 24H2')).toBe('feature');
  });

  it('never asks Win32_Product, and reads all three Uninstall keys', () => {
    expect(WINDOWS_INVENTORY_SCRIPT).not.toMatch(/Win32_Product\b/);
    expect(WINDOWS_INVENTORY_SCRIPT).toContain('HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall');
    expect(WINDOWS_INVENTORY_SCRIPT).toContain('WOW6432Node');
    expect(WINDOWS_INVENTORY_SCRIPT).toContain('HKEY_USERS');
    for (const cim of [
      'ComputerSystem',
      'BIOS',
      'Processor',
      'PhysicalMemory',
      'DiskDrive',
      'LogicalDisk',
      'NetworkAdapterConfiguration',
      'OperatingSystem',
      'QuickFixEngineering',
    ])
      expect(WINDOWS_INVENTORY_SCRIPT).toContain(`Win32_${cim}`);
    expect(WINDOWS_INVENTORY_SCRIPT).toContain('Microsoft.Update.Session');
  });
});

describe('the Windows health checks', () => {
  const results = healthFromPowerShell(JSON.parse(fixture('health.json')), NOW);
  const byId = new Map(results.map((r) => [r.checkId, r]));

  it('are valid results of the catalogue, one per check', () => {
    for (const result of results) expect(healthResult.safeParse(result).error?.issues, result.checkId).toBeUndefined();
    expect(results.map((r) => r.checkId).sort()).toEqual(
      Object.keys(HEALTH_CHECKS)
        .filter((id) => id !== 'eventlog.continuity')
        .sort(),
    );
  });

  it('read what the fixture says', () => {
    expect(byId.get('antivirus.running')).toMatchObject({ status: 'pass', value: 'Microsoft Defender Antivirus' });
    expect(byId.get('antivirus.definitions_age_days')).toMatchObject({ status: 'pass', value: '1' });
    expect(byId.get('disk.encryption')).toMatchObject({ status: 'pass', value: 'BitLocker' });
    expect(byId.get('firewall.enabled')).toMatchObject({
      status: 'fail',
      value: 'domain=on,private=on,public=off',
      detail: 'パブリック プロファイルのファイアウォールが無効です',
    });
    expect(byId.get('screen_lock.enabled')).toMatchObject({ status: 'pass', value: '10' });
    expect(byId.get('os.updates_pending')).toMatchObject({ status: 'fail', value: '1' });
    expect(byId.get('os.updates_pending')!.detail).toContain('(23 日)');
    expect(byId.get('os.reboot_pending')).toMatchObject({ status: 'fail', value: 'true' });
    expect(byId.get('os.last_update_age_days')).toMatchObject({ status: 'pass', value: '1' });
    expect(byId.get('accounts.local_admins')).toMatchObject({ status: 'pass', value: '3' });
  });

  it('a part that failed in PowerShell is an error of its own check only', () => {
    const json = {
      ...JSON.parse(fixture('health.json')),
      BitLocker: { Error: 'Get-BitLockerVolume is not recognized' },
    };
    const partial = new Map(healthFromPowerShell(json, NOW).map((r) => [r.checkId, r]));
    expect(partial.get('disk.encryption')).toMatchObject({ status: 'error' });
    expect(partial.get('firewall.enabled')).toMatchObject({ status: 'fail' });
  });

  it('asks each source the issue names', () => {
    for (const command of [
      'Get-MpComputerStatus',
      'Get-BitLockerVolume',
      'Get-NetFirewallProfile',
      'InactivityTimeoutSecs',
      'RebootPending',
      'Microsoft.Update.Session',
      'S-1-5-32-544',
    ])
      expect(WINDOWS_HEALTH_SCRIPT).toContain(command);
  });
});

describe('the simulator sends what the Windows agent sends', () => {
  const windows = new Map(healthFromPowerShell(JSON.parse(fixture('health.json')), NOW).map((r) => [r.checkId, r]));
  const plan = planOffice({
    seed: 7,
    participants: [{ name: '株式会社ひかく' }],
    devicesPerParticipant: 3,
    start: '2026-11-02T10:00:00+09:00',
    days: 14,
  });
  const simulated: HealthResult[] = plan.devices.flatMap((device) =>
    Array.from({ length: 14 }, (_, day) => plan.healthFor(device, day)).flat(),
  );

  it('every check the policies read, from both, with the same value form, field by field', () => {
    const policyChecks = (Object.keys(HEALTH_CHECKS) as KnownHealthCheckId[]).filter(
      (id) => HEALTH_CHECKS[id].readBy.length > 0,
    );
    expect([...new Set(simulated.map((r) => r.checkId))].sort()).toEqual([...policyChecks].sort());
    for (const checkId of policyChecks) {
      const pattern = healthValuePattern(HEALTH_CHECKS[checkId]);
      const fromWindows = windows.get(checkId)!;
      const fromSimulator = simulated.filter(
        (r) => r.checkId === checkId && (r.status === 'pass' || r.status === 'fail'),
      );
      expect(fromSimulator.length, checkId).toBeGreaterThan(0);
      for (const result of [fromWindows, ...fromSimulator]) {
        expect(
          Object.keys(result)
            .filter((k) => k !== 'detail')
            .sort(),
          checkId,
        ).toEqual(['checkId', 'status', 'time', 'value']);
        if (pattern) expect(result.value, checkId).toMatch(new RegExp(pattern));
        expect(healthResult.safeParse(result).success, `${checkId} ${result.value}`).toBe(true);
      }
    }
  });
});

describe('wevtutil output', () => {
  it('gli', () => {
    expect(
      parseLogInfo('creationTime: 2026-11-01T00:00:00Z\r\nnumberOfLogRecords: 120\r\noldestRecordNumber: 48101\r\n'),
    ).toEqual({ records: 120, oldest: 48101 });
    expect(() => parseLogInfo('Failed to read configuration')).toThrow(/numberOfLogRecords/);
  });

  it('qe /f:xml, in UTF-16LE (/uni:true) or the console code page', () => {
    const text = fixture('Security.xml');
    expect(
      splitEventXml(decodeWindowsOutput(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))),
    ).toHaveLength(4);
    expect(splitEventXml(decodeWindowsOutput(Buffer.from(text, 'utf16le')))).toHaveLength(4);
    expect(splitEventXml(decodeWindowsOutput(Buffer.from(text)))).toHaveLength(4);
  });

  it('reads the channels of the shared mapping', () => {
    expect(WINDOWS_EVENT_CHANNELS).toEqual(
      expect.arrayContaining([
        'Security',
        'System',
        'Microsoft-Windows-PrintService/Operational',
        'Microsoft-Windows-Kernel-PnP/Configuration',
      ]),
    );
  });
});
