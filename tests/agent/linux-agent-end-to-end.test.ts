import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as contract from '../../contract/index.js';
import { operatorClient, participantUserClient } from '../../harness/api-client.js';
import { until } from '../support/until.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The whole reference agent in its Linux configuration against a real Yorozu: USB devices from udev
 * (a fake `udevadm` on PATH printing udev's documented monitor and export-db output,
 * tests/agent/fixtures/linux/), process launches from an audit log file in auditd's raw/enriched
 * format (the same file a real `ausearch -if` reads), and the GNOME screen lock through the real
 * `gsettings` (keyfile backend) for the desktop user a fake `loginctl` reports. The agent is killed
 * with SIGKILL and restarted, and the audit log rotated: every event is stored once. The
 * participant's report then reads the USB stick and the screen lock. Nothing here ran against a
 * real udev event or a real auditd.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/linux/', import.meta.url));
const FAKE_TOOLS = fileURLToPath(new URL('./fake-linux-tools/', import.meta.url));
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let secret: string;
let participantId: string;
const work = mkdtempSync(path.join(tmpdir(), 'yorozu-linux-agent-'));
const fakeDir = path.join(work, 'linux');
const stateDirectory = path.join(work, 'state');
const auditLog = path.join(work, 'audit.log');

/** The fixture's audit records, by event serial. */
const auditLines = readFileSync(path.join(FIXTURES, 'audit-records.txt'), 'utf8').split('\n').filter(Boolean);
const auditEvent = (serial: number) => auditLines.filter((line) => line.includes(`:${serial}):`));
const lines = (records: string[]) => records.map((line) => `${line}\n`).join('');

function runAgent(args: string[]) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'agent/cli.ts',
      '--server',
      yorozu.url,
      '--state-dir',
      stateDirectory,
      '--os',
      'linux',
      '--audit-log',
      auditLog,
      '--event-poll-ms',
      '200',
      '--reconnect-max-ms',
      '500',
      '--no-inventory',
      ...args,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PATH: `${FAKE_TOOLS}${path.delimiter}${process.env.PATH}`,
        YOROZU_FAKE_LINUX_DIR: fakeDir,
        // The real gsettings, reading the GNOME schemas installed here, from a keyfile instead of dconf.
        GSETTINGS_BACKEND: 'keyfile',
        XDG_CONFIG_HOME: path.join(work, 'config'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, log: () => log };
}

const stateFile = <T>(name: string): T | undefined => {
  try {
    return JSON.parse(readFileSync(path.join(stateDirectory, name), 'utf8')) as T;
  } catch {
    return undefined; // not written yet
  }
};

const processLaunches = (deviceId: string) =>
  queryRows<{ audit: string; user: string; name: string; path: string; pid: string; commandLine: string; n: string }>(
    yorozu,
    `SELECT attributes['linuxAuditEvent'] AS audit, any(user_name) AS user, any(process_name) AS name,
            any(process_path) AS path, toString(any(pid)) AS pid, any(command_line) AS commandLine, count() AS n
     FROM events FINAL WHERE device_id = {d:UUID} AND category = 'software_operation'
     GROUP BY audit ORDER BY audit`,
    { d: deviceId },
  );
const externalDevices = (deviceId: string) =>
  queryRows<{
    action: string;
    device_class: string;
    vendor_id: string;
    product_id: string;
    serial: string;
    device_name: string;
    at_start: string;
  }>(
    yorozu,
    `SELECT action, device_class, vendor_id, product_id, serial, device_name, attributes['linuxSeenAt'] AS at_start
     FROM events FINAL WHERE device_id = {d:UUID} AND category = 'external_device' ORDER BY seq`,
    { d: deviceId },
  );

beforeAll(async () => {
  yorozu = await startTestYorozu('linux-agent');
  ({ secret, participantId } = await participantWithSecret(yorozu, '株式会社リナックス検証'));
  mkdirSync(fakeDir, { recursive: true });
  copyFileSync(path.join(FIXTURES, 'udev-export-db-before.txt'), path.join(fakeDir, 'udev-db.txt'));
  writeFileSync(
    path.join(fakeDir, 'sessions.json'),
    JSON.stringify([
      { id: 'c1', uid: 120, user: 'gdm', seat: 'seat0', tty: 'tty1', type: 'wayland', class: 'greeter' },
      { id: '2', uid: process.getuid!(), user: 'tanaka', seat: 'seat0', tty: 'tty2', type: 'wayland', class: 'user' },
    ]),
  );
  // The desktop user's GNOME settings, written by the real gsettings: blank after 5 minutes, then lock.
  const gsettings = (...args: string[]) =>
    execFileSync('gsettings', args, {
      env: { ...process.env, GSETTINGS_BACKEND: 'keyfile', XDG_CONFIG_HOME: path.join(work, 'config') },
    });
  gsettings('set', 'org.gnome.desktop.session', 'idle-delay', '300');
  gsettings('set', 'org.gnome.desktop.screensaver', 'lock-enabled', 'true');
  // What the audit log held before the agent was installed: never collected.
  writeFileSync(auditLog, lines([...auditEvent(8101), ...auditEvent(8102)]));
});
afterAll(async () => {
  await yorozu?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('the reference agent on Linux', () => {
  it('sends USB devices from udev and process launches from auditd once each across kill -9 and rotation', async () => {
    // Health checks (apt-get -s upgrade is slow on a busy machine) only in the last run.
    const first = runAgent(['--secret', secret, '--no-health']);
    const deviceId = await until(
      'the agent to enroll',
      () => stateFile<{ deviceId: string }>('credential.json')?.deviceId,
    );
    await until('the audit log read from its end', () => stateFile<{ offset: number }>('audit-log-offset.json'));
    expect(stateFile<{ offset: number }>('audit-log-offset.json')!.offset).toBe(readFileSync(auditLog).length);

    // A stick plugged in (add, then bind: one connect) while the agent runs; audit events, the last one torn.
    appendFileSync(path.join(fakeDir, 'udev-events.txt'), readFileSync(path.join(FIXTURES, 'udev-monitor-events.txt')));
    appendFileSync(auditLog, lines([8103, 8104, 8105, 8106].flatMap(auditEvent)));
    const tornAt = readFileSync(auditLog).length;
    appendFileSync(auditLog, lines(auditEvent(8107).slice(0, 2)));
    await until(
      'the launches so far, and the offset stopped before the torn event',
      async () => {
        const stored = await processLaunches(deviceId);
        return stored.length >= 2 && stateFile<{ offset: number }>('audit-log-offset.json')?.offset === tornAt;
      },
      { timeoutMs: 60_000 },
    );
    await until('the stick connected', async () => (await externalDevices(deviceId)).some((e) => e.serial !== ''));
    appendFileSync(path.join(fakeDir, 'udev-events.txt'), readFileSync(path.join(FIXTURES, 'udev-monitor-remove.txt')));
    await until('the stick disconnected', async () =>
      (await externalDevices(deviceId)).some((e) => e.action === 'disconnect'),
    );

    // kill -9; meanwhile the rest of the torn event and another one are written, the keyboard
    // unplugged and another stick plugged in.
    first.child.kill('SIGKILL');
    await first.exited;
    appendFileSync(auditLog, lines([...auditEvent(8107).slice(2), ...auditEvent(8108)]));
    copyFileSync(path.join(FIXTURES, 'udev-export-db-after.txt'), path.join(fakeDir, 'udev-db.txt'));
    const second = runAgent(['--no-health']);
    await until(
      'the launches written while the agent was down',
      async () => (await processLaunches(deviceId)).length >= 4,
      {
        timeoutMs: 60_000,
      },
    );
    await until(
      'the devices that came and went while it was down',
      async () => (await externalDevices(deviceId)).length >= 5,
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // auditd rotates: the old file's last event (unread) and the new file's first are both read, once.
    appendFileSync(auditLog, lines(auditEvent(8109)));
    renameSync(auditLog, `${auditLog}.1`);
    writeFileSync(auditLog, lines(auditEvent(8110)));
    const third = runAgent([]);
    await until('the launches around the rotation', async () => (await processLaunches(deviceId)).length >= 6, {
      timeoutMs: 60_000,
    });
    await until(
      'the screen lock result',
      async () =>
        (
          await queryRows(
            yorozu,
            "SELECT 1 FROM health_results FINAL WHERE device_id = {d:UUID} AND check_id = 'screen_lock.enabled'",
            { d: deviceId },
          )
        ).length > 0,
      { timeoutMs: 180_000 },
    );
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);

    expect(await processLaunches(deviceId)).toEqual([
      {
        audit: '1796346122.540:8103',
        user: 'tanaka',
        name: 'soffice.bin',
        path: '/usr/lib/libreoffice/program/soffice.bin',
        pid: '2417',
        commandLine: '/usr/lib/libreoffice/program/soffice.bin --calc "見積書 最終.xlsx"',
        n: '1',
      },
      {
        audit: '1796346240.877:8105',
        user: 'sato',
        name: 'scp',
        path: '/usr/bin/scp',
        pid: '2503',
        commandLine: 'scp /srv/顧客台帳.csv backup@203.0.113.50:/tmp/',
        n: '1',
      },
      {
        audit: '1796346360.220:8107',
        user: 'root',
        name: 'logrotate',
        path: '/usr/sbin/logrotate',
        pid: '2599',
        commandLine: '/usr/sbin/logrotate /etc/logrotate.conf',
        n: '1',
      },
      {
        audit: '1796346420.663:8108',
        user: 'tanaka',
        name: 'curl',
        path: '/usr/bin/curl',
        pid: '2640',
        commandLine: `curl https://intranet.example.jp/share/${'a'.repeat(60)} -O`,
        n: '1',
      },
      expect.objectContaining({ audit: '1796346480.101:8109', commandLine: 'vim memo-8109.txt', n: '1' }),
      expect.objectContaining({ audit: '1796346540.318:8110', commandLine: 'vim memo-8110.txt', n: '1' }),
    ]);
    expect(await externalDevices(deviceId)).toEqual([
      {
        action: 'connect',
        device_class: 'hid',
        vendor_id: '046d',
        product_id: 'c31c',
        serial: '',
        device_name: 'Logitech, Inc. Keyboard K120',
        at_start: 'start',
      },
      {
        action: 'connect',
        device_class: 'usb_storage',
        vendor_id: '0781',
        product_id: '5581',
        serial: '4C530001231120115142',
        device_name: 'SanDisk Corp. Ultra',
        at_start: '',
      },
      {
        action: 'disconnect',
        device_class: 'usb_storage',
        vendor_id: '0781',
        product_id: '5581',
        serial: '4C530001231120115142',
        device_name: 'SanDisk Corp. Ultra',
        at_start: '',
      },
      {
        action: 'disconnect',
        device_class: 'hid',
        vendor_id: '046d',
        product_id: 'c31c',
        serial: '',
        device_name: 'Logitech, Inc. Keyboard K120',
        at_start: 'start',
      },
      {
        action: 'connect',
        device_class: 'usb_storage',
        vendor_id: '0411',
        product_id: '01ea',
        serial: '0701A9D1C2B3E455',
        device_name: 'BUFFALO RUF3-K',
        at_start: 'start',
      },
    ]);

    // The participant's report reads them: an unregistered USB stick fails, the GNOME lock (5 minutes) passes.
    await yorozu.health.evaluation.evaluate(participantId, new Date(), 'test');
    const operator = await operatorClient(yorozu.url);
    const user = await participantUserClient(yorozu.url, operator, participantId, 'linux-user');
    const device = await user.call<contract.DeviceHealth>(
      'GET',
      `/api/v1/participants/${participantId}/devices/${deviceId}/health`,
    );
    expect(device.status).toBe(200);
    const verdicts = Object.fromEntries(device.body.policies.map((p) => [p.slug, p.status]));
    expect(verdicts).toMatchObject({ 'screen-lock': 'pass', 'usb-storage-unapproved-7d': 'fail' });
    const [lock] = await queryRows<{ status: string; value: string }>(
      yorozu,
      "SELECT status, value FROM health_results FINAL WHERE device_id = {d:UUID} AND check_id = 'screen_lock.enabled' ORDER BY time DESC LIMIT 1",
      { d: deviceId },
    );
    expect(lock).toEqual({ status: 'pass', value: '5' });
  }, 300_000);
});
