import { describe, expect, it } from 'vitest';
import { healthResult } from '../../agent-protocol/index.js';
import { LinuxHealth, pendingAptUpgrades, rootEncryption } from '../../agent/sources/linux-health.js';
import { linuxScreenLock } from '../../agent/sources/linux-screen-lock.js';

/** The Linux health checks on the output util-linux, ufw, nft and apt print (shapes from their manuals). */
const LUKS_ROOT = JSON.stringify({
  blockdevices: [
    {
      name: 'nvme0n1',
      type: 'disk',
      mountpoint: null,
      children: [
        { name: 'nvme0n1p1', type: 'part', mountpoint: '/boot/efi' },
        { name: 'nvme0n1p2', type: 'part', mountpoint: '/boot' },
        {
          name: 'nvme0n1p3',
          type: 'part',
          mountpoint: null,
          children: [
            {
              name: 'nvme0n1p3_crypt',
              type: 'crypt',
              mountpoint: null,
              children: [{ name: 'vgubuntu-root', type: 'lvm', mountpoint: '/' }],
            },
          ],
        },
      ],
    },
  ],
});
const PLAIN_ROOT = JSON.stringify({
  blockdevices: [{ name: 'sda', type: 'disk', children: [{ name: 'sda1', type: 'part', mountpoints: ['/'] }] }],
});
const APT = [
  'Reading package lists...',
  'Inst openssl [3.0.13-0ubuntu3.4] (3.0.13-0ubuntu3.5 Ubuntu:24.04/noble-security [amd64])',
  'Inst libreoffice-core [4:24.2.7-0ubuntu0.24.04.1] (4:24.2.7-0ubuntu0.24.04.2 Ubuntu:24.04/noble-updates [amd64])',
  'Conf openssl (3.0.13-0ubuntu3.5 Ubuntu:24.04/noble-security [amd64])',
].join('\n');

describe('Linux health checks', () => {
  it('find LUKS under / through LVM, and a plain root', () => {
    expect(rootEncryption(LUKS_ROOT)).toEqual({ encrypted: true, device: 'nvme0n1p3_crypt' });
    expect(rootEncryption(PLAIN_ROOT)).toEqual({ encrypted: false, device: 'sda1' });
  });

  it('count pending upgrades and name the security ones', () => {
    expect(pendingAptUpgrades(APT)).toEqual({ count: 2, security: ['openssl'] });
  });

  it('send valid results: ufw when present, nftables otherwise, and a missing tool is an error of its check only', async () => {
    const outputs: Record<string, string | Error> = {
      lsblk: LUKS_ROOT,
      ufw: new Error('spawn ufw ENOENT'),
      nft: 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t}\n}\n',
      'apt-get': new Error('spawn apt-get ENOENT'),
    };
    const health = new LinuxHealth(async (file) => {
      const output = outputs[file];
      if (output instanceof Error || output === undefined) throw output ?? new Error(`no ${file}`);
      return output;
    }, '/nonexistent/reboot-required');
    const results = await health.collect();
    for (const result of results) expect(healthResult.safeParse(result).success, result.checkId).toBe(true);
    expect(Object.fromEntries(results.map((r) => [r.checkId, [r.status, r.value]]))).toEqual({
      'disk.encryption': ['pass', 'LUKS'],
      'firewall.enabled': ['pass', 'nftables=on'],
      'os.updates_pending': ['error', undefined],
      'os.reboot_pending': ['pass', 'false'],
      'screen_lock.enabled': ['unknown', undefined],
    });
  });
});

/** loginctl(1) and gsettings(1) output for GNOME desktop users (the agent runs as the user here, so no runuser). */
describe('Linux screen lock (GNOME)', () => {
  const me = process.getuid!();
  const sessions = (type: string) => ({
    'loginctl list-sessions --no-legend': `     2 ${me} tanaka seat0 tty2\n    c1  120 gdm    seat0 tty1\n`,
    'loginctl show-session 2 -p Name -p Uid -p Type -p Class': `Name=tanaka\nUid=${me}\nType=${type}\nClass=user\n`,
    'loginctl show-session c1 -p Name -p Uid -p Type -p Class': 'Name=gdm\nUid=120\nType=wayland\nClass=greeter\n',
  });
  const gnome = (idle: string, enabled: string, delay: string) => ({
    'gsettings get org.gnome.desktop.session idle-delay': idle,
    'gsettings get org.gnome.desktop.screensaver lock-enabled': enabled,
    'gsettings get org.gnome.desktop.screensaver lock-delay': delay,
  });
  const screenLock = async (outputs: Record<string, string>) =>
    await linuxScreenLock(async (file, args) => {
      const output = outputs[[file, ...args].join(' ')];
      if (output === undefined) throw new Error(`Command failed: ${file}\nNo such schema “${args[1]}”`);
      return output;
    }, '2026-12-05T01:00:00.000Z');

  it('minutes before the lock, from idle-delay and lock-delay, for the desktop user only', async () => {
    const result = await screenLock({ ...sessions('wayland'), ...gnome('uint32 300\n', 'true\n', 'uint32 0\n') });
    expect(result).toMatchObject({ status: 'pass', value: '5' });
    expect(healthResult.safeParse(result).success).toBe(true);
    expect(await screenLock({ ...sessions('x11'), ...gnome('uint32 900', 'true', 'uint32 30') })).toMatchObject({
      status: 'fail',
      value: '16',
    });
  });

  it('a lock switched off, or never blanking, is 0 minutes and fails', async () => {
    expect(await screenLock({ ...sessions('wayland'), ...gnome('uint32 300', 'false', 'uint32 0') })).toMatchObject({
      status: 'fail',
      value: '0',
    });
    expect(await screenLock({ ...sessions('wayland'), ...gnome('uint32 0', 'true', 'uint32 0') })).toMatchObject({
      status: 'fail',
      value: '0',
    });
  });

  it('unknown without a desktop session and on a desktop that is not GNOME', async () => {
    expect(await screenLock({ ...sessions('tty') })).toMatchObject({ status: 'unknown' });
    const kde = await screenLock({ ...sessions('x11') });
    expect(kde).toMatchObject({ status: 'unknown' });
    expect(kde.detail).toContain('GNOME');
  });
});
