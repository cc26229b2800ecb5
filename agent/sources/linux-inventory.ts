import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { promisify } from 'node:util';
import type { InventorySnapshot } from '../../agent-protocol/index.js';
import type { InventoryCollector } from './source.js';

/** Linux inventory from what the machine really has: /proc, /sys, /etc/os-release, dpkg or rpm, apt or dnf logs. */
const run = promisify(execFile);

const readText = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : '');

export function parseOsRelease(text: string): { name: string; version: string; build?: string } {
  const field = (key: string) => new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1] ?? '';
  return {
    name: field('NAME') || 'Linux',
    version: field('VERSION_ID') || field('VERSION') || 'unknown',
    build: field('VERSION_CODENAME') || undefined,
  };
}

/** apt's history.log: each Start-Date block lists Install/Upgrade lines of "pkg:arch (old, new)". */
export function parseAptHistory(text: string): NonNullable<InventorySnapshot['osUpdates']> {
  const updates: NonNullable<InventorySnapshot['osUpdates']> = [];
  for (const block of text.split(/\n\s*\n/)) {
    const start = /^Start-Date:\s*(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2})/m.exec(block);
    if (!start) continue;
    const installedAt = new Date(`${start[1]}T${start[2]}Z`).toISOString();
    for (const [, action, list] of block.matchAll(/^(Install|Upgrade):\s*(.+)$/gm)) {
      for (const [, name, versions] of list!.matchAll(/([^\s,()]+) \(([^)]*)\)/g)) {
        const version =
          versions!
            .split(',')
            .map((v) => v.trim())
            .filter((v) => v !== 'automatic')
            .at(-1) ?? '';
        updates.push({
          id: `${name}=${version}`.slice(0, 256),
          title: `${action} ${name} ${version}`.slice(0, 256),
          kind: 'package',
          status: 'installed',
          installedAt,
        });
      }
    }
  }
  return updates;
}

async function installedPackages(): Promise<NonNullable<InventorySnapshot['software']>> {
  try {
    const { stdout } = await run(
      'dpkg-query',
      ['-W', '-f', '${Package}\t${Version}\t${Architecture}\t${Maintainer}\n'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .slice(0, 20_000)
      .map((line) => {
        const [name = '', version = '', architecture = '', publisher = ''] = line.split('\t');
        return {
          name: name.slice(0, 256),
          version: version.slice(0, 256),
          architecture: architecture.slice(0, 32),
          publisher: publisher.slice(0, 256),
          source: 'dpkg' as const,
        };
      });
  } catch {
    try {
      const { stdout } = await run('rpm', ['-qa', '--qf', '%{NAME}\t%{VERSION}-%{RELEASE}\t%{ARCH}\t%{VENDOR}\n'], {
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .slice(0, 20_000)
        .map((line) => {
          const [name = '', version = '', architecture = '', publisher = ''] = line.split('\t');
          return { name, version, architecture, publisher, source: 'rpm' as const };
        });
    } catch {
      return [];
    }
  }
}

export class LinuxInventory implements InventoryCollector {
  async collect(): Promise<InventorySnapshot> {
    const cpuinfo = readText('/proc/cpuinfo');
    const meminfo = readText('/proc/meminfo');
    const disk = statfsSync('/');
    const addresses = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal);
    const dmi = (name: string) => readText(`/sys/class/dmi/id/${name}`).slice(0, 256) || undefined;
    const memoryKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
    const aptLog = readText('/var/log/apt/history.log');
    return {
      collectedAt: new Date().toISOString(),
      hardware: {
        hostname: hostname(),
        os: { ...parseOsRelease(readText('/etc/os-release')), architecture: process.arch },
        manufacturer: dmi('sys_vendor'),
        model: dmi('product_name'),
        serialNumber: dmi('product_serial'),
        biosVersion: dmi('bios_version'),
        cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.slice(0, 256),
        cpuCores: Math.max(1, (cpuinfo.match(/^processor\s*:/gm) ?? []).length),
        memoryBytes: memoryKb * 1024,
        diskTotalBytes: disk.blocks * disk.bsize,
        diskFreeBytes: disk.bavail * disk.bsize,
        ipAddresses: [...new Set(addresses.map((a) => a!.address.split('%')[0]!))].slice(0, 64),
        macAddresses: [...new Set(addresses.map((a) => a!.mac).filter((mac) => mac !== '00:00:00:00:00:00'))].slice(
          0,
          64,
        ),
      },
      software: await installedPackages(),
      osUpdates: parseAptHistory(aptLog).slice(-20_000),
    };
  }
}
