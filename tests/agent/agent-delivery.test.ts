import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YorozuAgent } from '../../agent/agent-runtime.js';
import type { NewEvent } from '../../agent/disk-buffer.js';
import { createLogger } from '../../server/logger.js';
import { startYorozu, type RunningYorozu } from '../../server/yorozu.js';
import { freshDataDir, participantWithSecret, queryRows, testConfig } from '../support/yorozu-under-test.js';
import { operatorClient } from '../../harness/api-client.js';
import { freePort } from '../support/free-port.js';
import { until } from '../support/until.js';

const asOperator = async (path: string, body: object) =>
  (await operatorClient(`http://127.0.0.1:${port}`)).call('POST', path, body);
const dataDir = freshDataDir('agent-delivery');
let port: number;
let yorozu: RunningYorozu | undefined;
let secret: string;
const stateDirs: string[] = [];

const start = async () =>
  (yorozu = await startYorozu(testConfig(dataDir, { YOROZU_PORT: String(port) }), createLogger('silent')));

function newAgent(hostname: string, extra: Partial<ConstructorParameters<typeof YorozuAgent>[0]> = {}) {
  const stateDirectory = mkdtempSync(path.join(tmpdir(), 'yorozu-agent-state-'));
  stateDirs.push(stateDirectory);
  const logs: string[] = [];
  const agent = new YorozuAgent({
    serverUrl: `http://127.0.0.1:${port}`,
    enrollmentSecret: secret,
    stateDirectory,
    bufferMaxBytes: 16 * 1024 * 1024,
    hostname,
    reconnectBaseMs: 50,
    reconnectMaxMs: 300,
    log: (_level, message) => logs.push(message),
    ...extra,
  });
  return { agent, stateDirectory, logs };
}

const events = (count: number, label: string): NewEvent[] =>
  Array.from(
    { length: count },
    (_, i) =>
      ({
        time: new Date().toISOString(),
        category: 'logon',
        action: 'logon',
        user: `user${i % 7}`,
        message: `${label} ${i}`,
      }) as NewEvent,
  );

function diagnosticsOf(deviceId: string, requestId: string): Promise<{ content: string }[]> {
  return queryRows<{ content: string }>(
    yorozu!,
    'SELECT content FROM diagnostics FINAL WHERE device_id = {d:UUID} AND request_id = {r:String}',
    { d: deviceId, r: requestId },
  );
}

async function storedFor(deviceId: string): Promise<{ n: number; distinct: number }> {
  const [row] = await queryRows<{ n: string; distinct: string }>(
    yorozu!,
    'SELECT count() AS n, uniqExact(seq) AS distinct FROM events FINAL WHERE device_id = {d:UUID}',
    { d: deviceId },
  );
  return { n: Number(row!.n), distinct: Number(row!.distinct) };
}

beforeAll(async () => {
  port = await freePort();
  await start();
  ({ secret } = await participantWithSecret(yorozu!, '株式会社エージェント'));
});
afterAll(async () => {
  await yorozu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  stateDirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('the reference agent', () => {
  it('enrolls, keeps its credential readable only by itself, and delivers what it records', async () => {
    const { agent, stateDirectory } = newAgent('PC-AGENT-01');
    const running = agent.run();
    await until('enrollment', () => agent.files.readCredential() !== undefined);
    const { statSync } = await import('node:fs');
    expect(statSync(path.join(stateDirectory, 'credential.json')).mode & 0o777).toBe(0o600);
    agent.record(events(120, 'online'));
    const { deviceId } = agent.files.readCredential()!;
    await until('120 events stored', async () => (await storedFor(deviceId)).n === 120);
    await until('buffer drained', () => agent.buffer.state().pendingEvents === 0);
    await agent.stop();
    expect(await running).toBe('stopped');
  });

  it('buffers while the server is down and delivers everything exactly once when it returns', async () => {
    const { agent, logs } = newAgent('PC-AGENT-02');
    void agent.run();
    await until('enrollment', () => agent.files.readCredential() !== undefined);
    const { deviceId } = agent.files.readCredential()!;
    agent.record(events(50, 'before'));
    await until('first events acknowledged', () => agent.buffer.state().pendingEvents === 0);

    await yorozu!.stop();
    const logsBefore = logs.length;
    agent.record(events(300, 'while down'));
    await until(
      'several reconnect attempts to fail',
      () => logs.slice(logsBefore).filter((line) => line === 'disconnected; reconnecting').length >= 3,
    );
    expect(agent.buffer.state().pendingEvents).toBe(300);

    await start();
    await until('buffer drained after the server returned', () => agent.buffer.state().pendingEvents === 0);
    expect(await storedFor(deviceId)).toEqual({ n: 350, distinct: 350 });
    await agent.stop();
  });

  it('obeys revoke: stops, forgets its credential, and records nothing more', async () => {
    const { agent, stateDirectory } = newAgent('PC-AGENT-03');
    const running = agent.run();
    await until('enrollment', () => agent.files.readCredential() !== undefined);
    const { deviceId } = agent.files.readCredential()!;
    await until('connection', () => yorozu!.gateway.isConnected(deviceId));
    const response = await asOperator(`/api/v1/admin/devices/${deviceId}/revoke`, { reason: '端末の廃棄' });
    expect(response.status).toBe(200);
    expect(await running).toBe('revoked');
    expect(existsSync(path.join(stateDirectory, 'credential.json'))).toBe(false);
    agent.record(events(5, 'after revoke'));
    expect(agent.buffer.state().pendingEvents).toBe(0);
  });

  it('obeys uninstall: removes its credential, buffer and state, and stops', async () => {
    const { agent, stateDirectory } = newAgent('PC-AGENT-04');
    const running = agent.run();
    await until('enrollment', () => agent.files.readCredential() !== undefined);
    const { deviceId } = agent.files.readCredential()!;
    await until('connection', () => yorozu!.gateway.isConnected(deviceId));
    const response = await asOperator(`/api/v1/admin/devices/${deviceId}/commands`, {
      kind: 'uninstall',
      reason: '利用終了',
    });
    expect(response.status).toBe(202);
    expect(await running).toBe('uninstalled');
    expect(existsSync(stateDirectory)).toBe(false);
  });

  it('obeys configure (categories), pause and resume, and answers a diagnostics request', async () => {
    const { agent } = newAgent('PC-AGENT-05');
    void agent.run();
    await until('enrollment', () => agent.files.readCredential() !== undefined);
    const { deviceId } = agent.files.readCredential()!;
    await until('connection', () => yorozu!.gateway.isConnected(deviceId));
    const command = (body: object) => asOperator(`/api/v1/admin/devices/${deviceId}/commands`, body);

    await command({ kind: 'pause', reason: 'メンテナンス' });
    await until('pause', () => agent.paused);
    agent.record(events(30, 'paused'));
    // The diagnostics answer travels on the same connection after anything the agent sent before it: once it
    // is stored, a batch sent while paused would have reached the server too.
    await command({ kind: 'request_diagnostics', requestId: 'while-paused' });
    const whilePaused = await until(
      'diagnostics while paused',
      async () => (await diagnosticsOf(deviceId, 'while-paused'))[0],
    );
    expect(JSON.parse(whilePaused.content)).toMatchObject({ paused: true, buffer: { pendingEvents: 30 } });
    expect((await storedFor(deviceId)).n).toBe(0);
    expect(agent.buffer.state().pendingEvents).toBe(30);
    await command({ kind: 'resume' });
    await until('events sent after resume', async () => (await storedFor(deviceId)).n === 30);

    await command({
      kind: 'configure',
      config: {
        batchMaxEvents: 100,
        batchMaxDelayMs: 500,
        categories: ['web_access'],
        inventoryIntervalMinutes: 60,
        healthIntervalMinutes: 60,
        heartbeatSeconds: 30,
      },
    });
    await until('configuration stored', () => agent.files.readConfig() !== undefined);
    agent.record(events(10, 'logons are no longer collected'));
    expect(agent.buffer.state().pendingEvents).toBe(0);

    await command({ kind: 'request_diagnostics', requestId: 'T-2026-0042' });
    const row = await until('diagnostics stored', async () => (await diagnosticsOf(deviceId, 'T-2026-0042'))[0]);
    expect(JSON.parse(row!.content)).toMatchObject({ agentVersion: '0.1.0', buffer: { pendingEvents: 0 } });
    await agent.stop();
  });
});
