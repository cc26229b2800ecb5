import type { ClickHouseClient } from '@clickhouse/client';
import { Hono } from 'hono';
import { z } from 'zod';
import { serverCommand } from '../agent-protocol/index.js';
import type { DeviceStore } from '../ingest/device-store.js';
import type { DeviceRevocation } from '../ingest/revocation.js';
import type { WebSocketGateway } from '../ingest/websocket-gateway.js';
import { sqlQuery } from '../sql/query-files.js';
import { ApiError, parseBody, readJson } from './api-errors.js';

/**
 * Operator routes of the foundation (scope: operator), under /api/v1/admin. The participants issue
 * replaces the admin token with operator sessions and adds the participant-scoped routes.
 */
interface AdminDeps {
  client: ClickHouseClient;
  devices: DeviceStore;
  revocation: DeviceRevocation;
  gateway: WebSocketGateway;
}

const uuid = z.uuid();
const idParam = (value: string | undefined, what: string) => {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw new ApiError(400, 'invalid_request', `${what} must be a UUID.`);
  return parsed.data;
};

export function adminRoutes({ client, devices, revocation, gateway }: AdminDeps): Hono {
  const app = new Hono();

  app.get('/participants', async (c) => c.json({ participants: await devices.listParticipants() }));

  app.post('/participants', async (c) => {
    const body = parseBody(z.object({ name: z.string().trim().min(1).max(200) }), await readJson(c));
    const participantId = await devices.createParticipant(body.name, 'admin-api');
    return c.json({ participantId, name: body.name }, 201);
  });

  app.post('/participants/:participantId/enrollment-secrets', async (c) => {
    const participantId = idParam(c.req.param('participantId'), 'participantId');
    const body = parseBody(
      z.object({ label: z.string().max(200).default(''), expiresAt: z.iso.datetime({ offset: true }).optional() }),
      await readJson(c).catch(() => ({})),
    );
    if (!(await devices.participantExists(participantId))) throw new ApiError(404, 'not_found', `No participant ${participantId}.`);
    const secret = await devices.createEnrollmentSecret(participantId, body.label, 'admin-api', body.expiresAt ? new Date(body.expiresAt) : undefined);
    return c.json({ secretId: secret.secretId, secret: secret.token, note: 'Shown once; only its hash is stored.' }, 201);
  });

  app.get('/devices', async (c) => {
    const participant = c.req.query('participant');
    const list = await devices.listDevices(participant ? idParam(participant, 'participant') : undefined);
    return c.json({ devices: list.map((device) => ({ ...device, connected: gateway.isConnected(device.device_id) })) });
  });

  app.post('/devices/:deviceId/revoke', async (c) => {
    const deviceId = idParam(c.req.param('deviceId'), 'deviceId');
    const body = parseBody(z.object({ reason: z.string().trim().min(1).max(500) }), await readJson(c));
    const result = await revocation.revoke(deviceId, body.reason, 'admin-api');
    if (!result) throw new ApiError(404, 'not_found', `No device ${deviceId}.`);
    return c.json({ deviceId, status: result.device.status, reason: result.device.status_reason, connectionClosed: result.connectionClosed });
  });

  app.post('/devices/:deviceId/commands', async (c) => {
    const deviceId = idParam(c.req.param('deviceId'), 'deviceId');
    const command = parseBody(serverCommand, await readJson(c));
    if (command.kind === 'revoke') throw new ApiError(400, 'invalid_request', 'Use POST /devices/:deviceId/revoke to revoke: it records the revocation.');
    const commandId = gateway.sendCommand(deviceId, command);
    if (!commandId) throw new ApiError(409, 'not_connected', `Device ${deviceId} has no open connection to this gateway.`);
    return c.json({ commandId }, 202);
  });

  app.post('/maintenance', async (c) => {
    const body = parseBody(
      z.discriminatedUnion('action', [
        z.object({ action: z.literal('pause'), reason: z.string().min(1).max(500), until: z.iso.datetime({ offset: true }).optional() }),
        z.object({ action: z.literal('resume') }),
      ]),
      await readJson(c),
    );
    const told =
      body.action === 'pause'
        ? gateway.broadcastCommand({ kind: 'pause', reason: body.reason, ...(body.until ? { until: body.until } : {}) })
        : gateway.broadcastCommand({ kind: 'resume' });
    return c.json({ action: body.action, devicesTold: told });
  });

  app.get('/rejected-messages', async (c) => {
    const participant = c.req.query('participant');
    const device = c.req.query('device');
    const limit = Math.min(1000, Math.max(1, Number(c.req.query('limit') ?? 100) || 100));
    const result = await client.query({
      query: sqlQuery('ingest/rejected-messages'),
      query_params: {
        participantId: participant ? idParam(participant, 'participant') : null,
        deviceId: device ? idParam(device, 'device') : null,
        limit,
      },
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'route:GET /api/v1/admin/rejected-messages' },
    });
    return c.json({ rejected: await result.json() });
  });

  return app;
}
