import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as contract from '../../contract/index.js';
import { operatorClient, participantUserClient } from '../../harness/api-client.js';
import { until } from '../support/until.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The whole reference agent in its Windows configuration (--os windows) against a real Yorozu, with a
 * fake `wevtutil` and `powershell` on PATH that print Microsoft's documented output
 * (tests/agent/fixtures/windows/): events land in their categories, inventory and health are stored,
 * the participant's report is computed from the agent's health results, the event log bookmarks
 * survive kill -9 without loss or duplicates, and a cleared log is reported. Nothing here ran on Windows.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/windows/', import.meta.url));
const FAKE_TOOLS = fileURLToPath(new URL('./fake-windows-tools/', import.meta.url));
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let secret: string;
let participantId: string;
const work = mkdtempSync(path.join(tmpdir(), 'yorozu-windows-agent-'));
const fakeDir = path.join(work, 'windows');
const stateDirectory = path.join(work, 'state');

/** The fixture events of a channel, by record id. */
function fixtureEvents(channel: string): Map<number, string> {
  const text = readFileSync(path.join(FIXTURES, `${encodeURIComponent(channel)}.xml`), 'utf8');
  return new Map(
    (text.match(/<Event[\s>][\s\S]*?<\/Event>/g) ?? []).map((xml) => [
      Number(/<EventRecordID>(\d+)</.exec(xml)![1]),
      xml,
    ]),
  );
}
/** Writes a channel's log as the fake wevtutil reads it: these events, in this order. */
function writeLog(channel: string, events: string[]): void {
  writeFileSync(path.join(fakeDir, 'logs', `${encodeURIComponent(channel)}.xml`), events.join('\r\n'));
}
const CHANNELS = {
  security: 'Security',
  system: 'System',
  print: 'Microsoft-Windows-PrintService/Operational',
  pnp: 'Microsoft-Windows-Kernel-PnP/Configuration',
  defender: 'Microsoft-Windows-Windows Defender/Operational',
};
const fixtures = Object.fromEntries(
  Object.entries(CHANNELS).map(([key, channel]) => [key, fixtureEvents(channel)]),
) as Record<keyof typeof CHANNELS, Map<number, string>>;
const pick = (key: keyof typeof CHANNELS, ...ids: number[]) => ids.map((id) => fixtures[key].get(id)!);

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
      'windows',
      '--event-poll-ms',
      '200',
      '--reconnect-max-ms',
      '500',
      ...args,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PATH: `${FAKE_TOOLS}${path.delimiter}${process.env.PATH}`,
        YOROZU_FAKE_WINDOWS_DIR: fakeDir,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, log: () => log };
}

const bookmarks = () => {
  try {
    return JSON.parse(readFileSync(path.join(stateDirectory, 'event-log-bookmarks.json'), 'utf8')) as {
      channels: Record<string, number>;
    };
  } catch {
    return undefined; // not written yet
  }
};

async function storedByRecord(deviceId: string) {
  return queryRows<{ channel: string; record: string; category: string; action: string; n: string }>(
    yorozu,
    `SELECT attributes['windowsChannel'] AS channel, attributes['windowsRecordId'] AS record, any(category) AS category, any(action) AS action, count() AS n
     FROM events FINAL WHERE device_id = {d:UUID} GROUP BY channel, record ORDER BY channel, record`,
    { d: deviceId },
  );
}

beforeAll(async () => {
  yorozu = await startTestYorozu('windows-agent');
  ({ secret, participantId } = await participantWithSecret(yorozu, '株式会社ウィンドウズ検証'));
  mkdirSync(path.join(fakeDir, 'logs'), { recursive: true });
  copyFileSync(path.join(FIXTURES, 'inventory.json'), path.join(fakeDir, 'inventory.json'));
  copyFileSync(path.join(FIXTURES, 'health.json'), path.join(fakeDir, 'health.json'));
  // What the logs held before the agent was installed: never collected.
  writeLog(CHANNELS.security, pick('security', 48211));
  writeLog(CHANNELS.system, pick('system', 9120));
  writeLog(CHANNELS.print, []);
  writeLog(CHANNELS.pnp, []);
  writeLog(CHANNELS.defender, []);
});
afterAll(async () => {
  await yorozu?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('the reference agent on (fake) Windows', () => {
  it('collects events, inventory and health, survives kill -9, reports a cleared log, and feeds the report', async () => {
    const first = runAgent(['--secret', secret]);
    const deviceId = await until('the agent to enroll', () => {
      try {
        return JSON.parse(readFileSync(path.join(stateDirectory, 'credential.json'), 'utf8')).deviceId as string;
      } catch {
        return undefined; // not written yet
      }
    });
    await until('the bookmarks of every present channel', () => Object.keys(bookmarks()?.channels ?? {}).length === 5);
    expect(bookmarks()!.channels).toMatchObject({ Security: 48211, System: 9120, [CHANNELS.print]: 0 });

    writeLog(CHANNELS.security, pick('security', 48211, 48212, 48213));
    writeLog(CHANNELS.system, pick('system', 9120, 9121));
    writeLog(CHANNELS.print, pick('print', 312));
    writeLog(CHANNELS.pnp, pick('pnp', 1204));
    writeLog(CHANNELS.defender, pick('defender', 2210));
    await until('six new events stored', async () => (await storedByRecord(deviceId)).length >= 6, {
      timeoutMs: 60_000,
    });
    expect((await storedByRecord(deviceId)).map((r) => [r.channel, r.record, r.category, r.action])).toEqual([
      [CHANNELS.pnp, '1204', 'external_device', 'connect'],
      [CHANNELS.print, '312', 'printer_output', ''],
      [CHANNELS.defender, '2210', 'software_operation', 'stop'],
      ['Security', '48212', 'logon', 'logon'],
      ['Security', '48213', 'software_operation', 'start'],
      ['System', '9121', 'boot', 'shutdown'],
    ]);

    const [hardware] = await queryRows<{ os_name: string; os_version: string; n: string }>(
      yorozu,
      'SELECT os_name, os_version, (SELECT count() FROM inventory_software FINAL WHERE device_id = {d:UUID}) AS n FROM inventory_hardware FINAL WHERE device_id = {d:UUID}',
      { d: deviceId },
    );
    expect(hardware).toEqual({ os_name: 'Windows 11 Pro', os_version: '25H2', n: '5' });
    await until('the health results', async () => {
      const rows = await queryRows(yorozu, 'SELECT check_id FROM health_results FINAL WHERE device_id = {d:UUID}', {
        d: deviceId,
      });
      return rows.length >= 10;
    });
    const [continuity] = await queryRows<{ status: string; value: string }>(
      yorozu,
      "SELECT status, value FROM health_results FINAL WHERE device_id = {d:UUID} AND check_id = 'eventlog.continuity'",
      { d: deviceId },
    );
    expect(continuity).toEqual({ status: 'pass', value: 'ok' });

    // kill -9, and events written while the agent is down: read once after the restart, none twice.
    first.child.kill('SIGKILL');
    await first.exited;
    writeLog(CHANNELS.security, pick('security', 48211, 48212, 48213, 48214));
    writeLog(CHANNELS.system, pick('system', 9120, 9121, 9122));
    const second = runAgent([]);
    await until(
      'the events written while the agent was down',
      async () => (await storedByRecord(deviceId)).length >= 8,
      {
        timeoutMs: 60_000,
      },
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const afterRestart = await storedByRecord(deviceId);
    expect(afterRestart.map((r) => `${r.channel}#${r.record}×${r.n}`)).toEqual([
      `${CHANNELS.pnp}#1204×1`,
      `${CHANNELS.print}#312×1`,
      `${CHANNELS.defender}#2210×1`,
      'Security#48212×1',
      'Security#48213×1',
      'Security#48214×1',
      'System#9121×1',
      'System#9122×1',
    ]);

    // The Security log is cleared (record ids start again at 1): reported, and the new log is read from its start.
    writeLog(CHANNELS.security, [
      pick('security', 48212)[0]!
        .replace('<EventRecordID>48212<', '<EventRecordID>1<')
        .replace('2026-12-04T00:02:45', '2026-12-05T00:02:45'),
    ]);
    const third = runAgent([]);
    await until('the cleared log reported', async () => {
      const rows = await queryRows<{ status: string; value: string }>(
        yorozu,
        "SELECT status, value FROM health_results FINAL WHERE device_id = {d:UUID} AND check_id = 'eventlog.continuity' ORDER BY time DESC LIMIT 1",
        { d: deviceId },
      );
      return rows[0]?.status === 'fail' && rows[0].value === 'cleared';
    });
    await until('the first event of the new log', async () =>
      (await storedByRecord(deviceId)).some((r) => r.channel === 'Security' && r.record === '1'),
    );
    expect(third.log()).toContain('a Windows event log was cleared');
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);

    // The participant's report is computed from what the agent reported.
    await yorozu.health.evaluation.evaluate(participantId, new Date(), 'test');
    const operator = await operatorClient(yorozu.url);
    const user = await participantUserClient(yorozu.url, operator, participantId, 'windows-user');
    const device = await user.call<contract.DeviceHealth>(
      'GET',
      `/api/v1/participants/${participantId}/devices/${deviceId}/health`,
    );
    expect(device.status).toBe(200);
    const verdicts = Object.fromEntries(device.body.policies.map((p) => [p.slug, p.status]));
    expect(verdicts).toMatchObject({
      'antivirus-running': 'pass',
      'antivirus-definitions-3d': 'pass',
      'disk-encryption': 'pass',
      'firewall-enabled': 'fail',
      'screen-lock': 'pass',
      'os-updates-pending-7d': 'fail',
      'os-supported': 'pass',
    });
    const report = await user.call<contract.HealthReport>('GET', `/api/v1/participants/${participantId}/health`);
    expect(report.body.score).toBe(device.body.score);
    expect(report.body.score).toBeGreaterThan(0);
    expect(report.body.score).toBeLessThan(100);
    expect(report.body.failing.map((f) => f.slug)).toEqual(
      expect.arrayContaining(['firewall-enabled', 'os-updates-pending-7d']),
    );
  });
});
