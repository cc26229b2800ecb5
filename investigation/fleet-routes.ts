import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { uuidParam, type RouteTable } from '../api/route-table.js';
import type { FleetOverview } from './fleet-overview.js';
import type { InventoryReports } from './inventory-reports.js';
import * as contract from '../contract/index.js';
import { rangeOf } from './explorer-routes.js';
import type { WindowsKeptEvents } from './windows-kept-events.js';

/** Fleet overview (operators), a participant's device overview, and the inventory explorer. */
const participantPath = z.object({ participantId: uuidParam });
const deviceList = z.object({
  search: z.string().max(200).default(''),
  state: z.enum(['all', 'online', 'offline', 'revoked', 'software_installed', 'uninstalled']).default('all'),
  sort: z.enum(['hostname', 'participant', 'last_seen', 'events_24h', 'score']).default('hostname'),
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export function fleetRoutes(
  routes: RouteTable,
  fleet: FleetOverview,
  inventory: InventoryReports,
  windowsKept: WindowsKeptEvents,
  scopeOf: (participantId: string) => Promise<string[]>,
): void {
  routes.add({
    method: 'get',
    path: '/api/v1/admin/fleet',
    response: contract.fleet,
    scope: 'operator',
    participantData: 'recorded',
    tag: 'fleet (operator)',
    summary:
      'Every participant with its devices, online now, last seen, events per hour over 24 h and rejected messages',
    audit: 'fleet overview',
    async handler(c, { recordAccess }) {
      const participants = await fleet.participants();
      await recordAccess(participants.map((p) => p.participant_id));
      return { participants };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/fleet/devices',
    response: contract.deviceOverview,
    scope: 'operator',
    participantData: 'recorded',
    tag: 'fleet (operator)',
    summary: 'Devices of every participant (or one): filtered, sorted and paged',
    audit: 'fleet device list',
    query: deviceList.extend({ participant: uuidParam.optional() }),
    async handler(c, { query, recordAccess }) {
      const result = await fleet.devices({ ...query, scope: query.participant ? [query.participant] : [] });
      await recordAccess([...new Set(result.devices.map((d) => d.participant_id))]);
      return result;
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/device-overview',
    response: contract.deviceOverview,
    scope: 'participant',
    tag: 'participant',
    summary: "The participant's devices with last seen and activity: filtered, sorted and paged",
    audit: 'device overview',
    params: participantPath,
    query: deviceList,
    async handler(c, { params, query }) {
      return await fleet.devices({ ...query, scope: await scopeOf(params.participantId) });
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/devices/:deviceId/inventory',
    response: contract.deviceInventory,
    scope: 'participant',
    tag: 'inventory',
    summary: "A device's latest hardware snapshot, its software and its OS update history",
    audit: 'device inventory',
    params: participantPath.extend({ deviceId: uuidParam }),
    async handler(c, { params }) {
      return await inventory.device(await scopeOf(params.participantId), params.deviceId);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/devices/:deviceId/windows-events-kept',
    response: contract.windowsKeptEvents,
    scope: 'participant',
    tag: 'log explorer',
    summary:
      'Windows events of a device outside the eight categories: counts per event id, and the latest events (optionally of one event id)',
    audit: 'device windows events kept',
    params: participantPath.extend({ deviceId: uuidParam }),
    query: z.object({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      eventId: z.coerce.number().int().min(0).max(4294967295).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
    async handler(c, { params, query }) {
      return await windowsKept.ofDevice(
        await scopeOf(params.participantId),
        params.deviceId,
        rangeOf(query, 7 * 24),
        query.eventId ?? null,
        query.limit,
      );
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/inventory/software',
    response: contract.softwareMatches,
    scope: 'participant',
    tag: 'inventory',
    summary: 'Devices that have software matching a name, optionally below a version',
    audit: 'software inventory search',
    params: participantPath,
    query: z.object({
      name: z.string().trim().min(1, 'name the software to look for').max(200),
      below: z.string().trim().max(50).default(''),
    }),
    async handler(c, { params, query }) {
      if (query.below && !/\d/.test(query.below))
        throw new ApiError(400, 'invalid_request', 'below must be a version with numbers, e.g. 24.008.');
      return { devices: await inventory.software(await scopeOf(params.participantId), query.name, query.below) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/inventory/os-updates',
    response: contract.updateGaps,
    scope: 'participant',
    tag: 'inventory',
    summary: 'Devices with no OS update installed within the last N days',
    audit: 'OS update report',
    params: participantPath,
    query: z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) }),
    async handler(c, { params, query }) {
      return { devices: await inventory.osUpdateGaps(await scopeOf(params.participantId), query.days) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/inventory/hardware',
    response: contract.hardwareSummary,
    scope: 'participant',
    tag: 'inventory',
    summary: 'Hardware summary: OS versions, models, memory, devices low on disk',
    audit: 'hardware summary',
    params: participantPath,
    async handler(c, { params }) {
      return await inventory.hardware(await scopeOf(params.participantId));
    },
  });
}
