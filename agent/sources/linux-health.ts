import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { HealthResult } from '../../agent-protocol/index.js';
import { linuxScreenLock } from './linux-screen-lock.js';
import type { HealthCollector } from './source.js';

/**
 * The health checks of PROTOCOL.md §5.4 that Linux gives: disk encryption (LUKS under `/`), the
 * firewall (ufw, else nftables), pending updates (apt), a pending reboot, and the screen lock of GNOME
 * desktop users (linux-screen-lock.ts; `unknown` on other desktops and without one). No antivirus:
 * Linux has no common antivirus status to read.
 */
export type LinuxCommand = (file: string, args: readonly string[]) => Promise<string>;
const run = promisify(execFile);
const runCommand: LinuxCommand = async (file, args) =>
  (await run(file, [...args], { maxBuffer: 32 * 1024 * 1024, timeout: 120_000 })).stdout;

interface BlockDevice {
  name: string;
  type: string;
  mountpoint?: string | null;
  mountpoints?: (string | null)[];
  children?: BlockDevice[];
}

/** `lsblk -J -o NAME,TYPE,MOUNTPOINT`: is `/` inside a `crypt` device? Undefined when `/` is not found. */
export function rootEncryption(lsblkJson: string): { encrypted: boolean; device: string } | undefined {
  const { blockdevices } = JSON.parse(lsblkJson) as { blockdevices: BlockDevice[] };
  const visit = (
    device: BlockDevice,
    crypt: string | undefined,
  ): { encrypted: boolean; device: string } | undefined => {
    const inside = device.type === 'crypt' ? device.name : crypt;
    const mounts = [device.mountpoint, ...(device.mountpoints ?? [])];
    if (mounts.includes('/')) return { encrypted: inside !== undefined, device: inside ?? device.name };
    for (const child of device.children ?? []) {
      const found = visit(child, inside);
      if (found) return found;
    }
    return undefined;
  };
  for (const device of blockdevices) {
    const found = visit(device, undefined);
    if (found) return found;
  }
  return undefined;
}

/** `apt-get -s upgrade`: the "Inst" lines, and those from a -security suite. */
export function pendingAptUpgrades(simulation: string): { count: number; security: string[] } {
  const lines = simulation.split('\n').filter((line) => line.startsWith('Inst '));
  const security = lines.filter((line) => /-security[\s,)/]/.test(line)).map((line) => line.split(' ')[1] ?? '');
  return { count: lines.length, security };
}

export class LinuxHealth implements HealthCollector {
  constructor(
    private readonly runCommandFor: LinuxCommand = runCommand,
    private readonly rebootFlag = '/var/run/reboot-required',
  ) {}

  async collect(): Promise<HealthResult[]> {
    const time = new Date().toISOString();
    // Independent checks, run side by side: apt-get's simulation alone can take tens of seconds.
    return Promise.all([
      this.encryption(time),
      this.firewall(time),
      this.updates(time),
      this.reboot(time),
      linuxScreenLock(this.runCommandFor, time),
    ]);
  }

  private async encryption(time: string): Promise<HealthResult> {
    try {
      const root = rootEncryption(await this.runCommandFor('lsblk', ['-J', '-o', 'NAME,TYPE,MOUNTPOINT']));
      if (!root) return { checkId: 'disk.encryption', time, status: 'unknown', detail: '/ のデバイスが見つかりません' };
      return root.encrypted
        ? {
            checkId: 'disk.encryption',
            time,
            status: 'pass',
            value: 'LUKS',
            detail: `/ は ${root.device} (LUKS) 上にあります`,
          }
        : {
            checkId: 'disk.encryption',
            time,
            status: 'fail',
            value: 'none',
            detail: `/ (${root.device}) は暗号化されていません`,
          };
    } catch (error) {
      return { checkId: 'disk.encryption', time, status: 'error', detail: (error as Error).message.slice(0, 500) };
    }
  }

  private async firewall(time: string): Promise<HealthResult> {
    try {
      const status = await this.runCommandFor('ufw', ['status']);
      const on = /^Status:\s*active/m.test(status);
      return {
        checkId: 'firewall.enabled',
        time,
        status: on ? 'pass' : 'fail',
        value: `ufw=${on ? 'on' : 'off'}`,
        ...(on ? {} : { detail: 'ufw のファイアウォールが無効です' }),
      };
    } catch {
      // no ufw: nftables itself
    }
    try {
      const ruleset = await this.runCommandFor('nft', ['list', 'ruleset']);
      const on = /hook input/.test(ruleset);
      return {
        checkId: 'firewall.enabled',
        time,
        status: on ? 'pass' : 'fail',
        value: `nftables=${on ? 'on' : 'off'}`,
        ...(on ? {} : { detail: '受信を制限する nftables のルールがありません' }),
      };
    } catch (error) {
      return { checkId: 'firewall.enabled', time, status: 'error', detail: (error as Error).message.slice(0, 500) };
    }
  }

  private async updates(time: string): Promise<HealthResult> {
    try {
      const pending = pendingAptUpgrades(
        await this.runCommandFor('apt-get', ['-s', '-o', 'Debug::NoLocking=1', 'upgrade']),
      );
      return {
        checkId: 'os.updates_pending',
        time,
        status: pending.security.length > 0 ? 'fail' : 'pass',
        value: String(pending.count),
        ...(pending.security.length > 0
          ? { detail: `未適用のセキュリティ更新: ${pending.security.join(', ').slice(0, 7000)}` }
          : {}),
      };
    } catch (error) {
      return { checkId: 'os.updates_pending', time, status: 'error', detail: (error as Error).message.slice(0, 500) };
    }
  }

  private reboot(time: string): HealthResult {
    const pending = existsSync(this.rebootFlag);
    return {
      checkId: 'os.reboot_pending',
      time,
      status: pending ? 'fail' : 'pass',
      value: String(pending),
      ...(pending ? { detail: '更新を完了するための再起動を待っています' } : {}),
    };
  }
}
