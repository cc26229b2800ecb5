import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { serverCommand } from '../agent-protocol/index.js';
import { ApiError } from '../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../api/route-table.js';
import type { DeviceStore } from '../ingest/device-store.js';
import type { DeviceRevocation } from '../ingest/revocation.js';
import type { WebSocketGateway } from '../ingest/websocket-gateway.js';
import { sqlQuery } from '../sql/query-files.js';
import * as contract from '../contract/index.js';

/** Operator routes over the fleet: devices across participants, commands, what ingest refused. Maintenance windows are suspensions of the service (participants/service-periods.ts). */
interface AdminDeps {
  client: ClickHouseClient;
  devices: DeviceStore;
  revocation: DeviceRevocation;
  gateway: WebSocketGateway;
}

const NO_PARTICIPANT = '00000000-0000-0000-0000-000000000000';

export function fleetAdminRoutes(routes: RouteTable, { client, devices, revocation, gateway }: AdminDeps): void {
  const tag = 'fleet (operator)';
  const devicePath = z.object({ deviceId: uuidParam });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/devices',
    response: contract.deviceList,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary: 'Devices of every participant (or one), with their credential state and connection',
    audit: 'device list (fleet)',
    query: z.object({ participant: uuidParam.optional() }),
    async handler(c, { query, recordAccess }) {
      const list = await devices.withUninstallReports(await devices.listDevices(query.participant), query.participant);
      await recordAccess([...new Set(list.map((device) => device.participant_id))]);
      return { devices: list.map((device) => ({ ...device, connected: gateway.isConnected(device.device_id) })) };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/devices/:deviceId/revoke',
    response: contract.deviceRevoked,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Revoke a device; its open connection is closed with the reason (uninstall: also tell the agent to remove itself)',
    params: devicePath,
    body: z.object({ reason: z.string().trim().min(1).max(500), uninstall: z.boolean().default(false) }),
    async handler(c, { params, body }) {
      const result = await revocation.revoke(params.deviceId, body.reason, callerOf(c).loginName, body.uninstall);
      if (!result) throw new ApiError(404, 'not_found', `No device ${params.deviceId}.`);
      return {
        deviceId: params.deviceId,
        status: result.device.status,
        reason: result.device.status_reason,
        connectionClosed: result.connectionClosed,
      };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/devices/:deviceId/commands',
    response: contract.commandSent,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Send a command (agent protocol) to a connected device',
    successStatus: 202,
    params: devicePath,
    body: serverCommand,
    handler(c, { params, body }) {
      if (body.kind === 'revoke')
        throw new ApiError(
          400,
          'invalid_request',
          'Use POST /api/v1/admin/devices/:deviceId/revoke to revoke: it records the revocation.',
        );
      const commandId = gateway.sendCommand(params.deviceId, body);
      if (!commandId)
        throw new ApiError(409, 'not_connected', `Device ${params.deviceId} has no open connection to this gateway.`);
      return { commandId };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/rejected-messages',
    response: contract.rejectedMessages,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary: 'What the gateway refused, with the raw payload and the reason',
    audit: 'rejected agent messages',
    query: z.object({
      participant: uuidParam.optional(),
      device: uuidParam.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    async handler(c, { query, recordAccess }) {
      const result = await client.query({
        query: sqlQuery('ingest/rejected-messages'),
        query_params: { participantId: query.participant ?? null, deviceId: query.device ?? null, limit: query.limit },
        format: 'JSONEachRow',
        clickhouse_settings: { log_comment: 'route:GET /api/v1/admin/rejected-messages' },
      });
      const rejected = await result.json<z.input<typeof contract.rejectedMessage>>();
      await recordAccess([
        ...new Set(
          rejected.map((row) => row.participant_id).filter((id): id is string => Boolean(id) && id !== NO_PARTICIPANT),
        ),
      ]);
      return { rejected };
    },
  });
}
