import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulator } from '../../agent/simulator/index.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { until } from '../support/until.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The demo's simulated PCs answer "request diagnostic information from the agent" like the reference
 * agent: the desk sends request_diagnostics over the real WebSocket, the simulated PC sends its bundle as
 * a diagnostics batch, and the ticket shows it received (before, it stayed 「端末へ送信済み」 forever).
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let user: ApiClient;
let participantId: string;
const stopSimulator = new AbortController();
let simulator: Promise<unknown>;

interface Ticket {
  ticketId: string;
  diagnostics: { requestId: string; via: string; status: string }[];
}

beforeAll(async () => {
  yorozu = await startTestYorozu('simulator-diagnostics');
  const office = await participantWithSecret(yorozu, '株式会社しんだん');
  participantId = office.participantId;
  operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'shindan-user');
  simulator = runSimulator({
    serverUrl: yorozu.url,
    participants: [{ ...office, name: '株式会社しんだん', code: 'SHINDAN' }],
    seed: 'diagnostics',
    mode: 'realtime',
    devicesPerParticipant: 1,
    days: 1,
    signal: stopSimulator.signal,
  }).catch((error: unknown) => error);
});

afterAll(async () => {
  stopSimulator.abort();
  await simulator;
  await yorozu?.cleanup();
});

describe('diagnostics from a simulated PC', () => {
  it('the simulated agent answers request_diagnostics and the bundle is on the ticket', async () => {
    // The simulated PC has sent its inventory: it is enrolled and connected.
    const [device] = await until('the simulated PC sent its inventory', async () => {
      const rows = await queryRows<{ device_id: string; hostname: string }>(
        yorozu,
        'SELECT device_id, hostname FROM inventory_hardware FINAL WHERE participant_id = {participantId:UUID}',
        { participantId },
      );
      return rows.length > 0 ? rows : undefined;
    });
    const opened = await user.upload<Ticket>(
      'POST',
      `/api/v1/participants/${participantId}/tickets`,
      (() => {
        const data = new FormData();
        data.append('subject', 'ログが届いていないようです');
        data.append('category', 'software_fault');
        data.append('body', 'エージェントの状態を確認してください。');
        return data;
      })(),
    );
    expect(opened.status).toBe(201);
    const adminTicket = `/api/v1/admin/participants/${participantId}/tickets/${opened.body.ticketId}`;
    const requested = await operator.call<Ticket>('POST', `${adminTicket}/diagnostics`, {
      via: 'agent',
      deviceId: device!.device_id,
      include: ['agent_log', 'buffer_state'],
    });
    expect(requested.status).toBe(201);
    const requestId = requested.body.diagnostics[0]!.requestId;

    await until('the diagnostics received from the simulated PC', async () => {
      // A request made while the PC was between connections is sent by the desk job.
      await yorozu.jobs.runNow('desk');
      const current = await operator.call<Ticket>(
        'GET',
        `/api/v1/participants/${participantId}/tickets/${opened.body.ticketId}`,
      );
      return current.body.diagnostics[0]!.status === 'received' || undefined;
    });
    const bundle = await operator.call<{
      content: { agentVersion: string; hostname: string; buffer: { pendingEvents: number }; recentLog: string[] };
    }>('GET', `${adminTicket}/diagnostics/${requestId}`);
    expect(bundle.status).toBe(200);
    expect(bundle.body.content.hostname).toBe(device!.hostname);
    expect(bundle.body.content.agentVersion).toMatch(/^yorozu-simulator\//);
    expect(bundle.body.content.buffer.pendingEvents).toBe(0);
    expect(bundle.body.content.recentLog.length).toBeGreaterThan(0);
  });
});
