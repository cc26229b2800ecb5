import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { fileDownload } from '../api/file-download.js';
import { callerOf, rawResponse, uuidParam, type RouteTable } from '../api/route-table.js';
import type { DeviceStore } from '../ingest/device-store.js';
import type { WebSocketGateway } from '../ingest/websocket-gateway.js';
import type { NoticeCentre } from '../notices/notice-centre.js';
import type { AccessAudit } from './access-audit.js';
import type { AccountService } from './account-service.js';
import { registeredDetails } from './application-routes.js';
import type { Applications } from './applications.js';
import type { ParticipantStore } from './participant-store.js';
import type { ParticipationEnd } from './participation-end.js';
import * as contract from '../contract/index.js';

/**
 * Routes about one participant (scope "participant"): its users see their own participant (and
 * predecessors it succeeded); operators see any, with the access purpose recorded (art. 15).
 */
export interface ParticipantRouteDeps {
  store: ParticipantStore;
  applications: Applications;
  ending: ParticipationEnd;
  accounts: AccountService;
  devices: DeviceStore;
  gateway: WebSocketGateway;
  notices: NoticeCentre;
  audit: AccessAudit;
}

const participantPath = z.object({ participantId: uuidParam });

export function participantRoutes(routes: RouteTable, deps: ParticipantRouteDeps): void {
  const tag = 'participant';
  /** The participants whose data a request about `participantId` covers: it and its predecessors. */
  const lineage = (participantId: string) => deps.store.lineageOf(participantId);

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId',
    response: contract.participantAnswer,
    scope: 'participant',
    tag,
    summary: 'The participant: registered details, status, start and end dates, deletion deadline',
    audit: 'registered details',
    params: participantPath,
    async handler(c, { params }) {
      const participant = await deps.store.findParticipant(params.participantId);
      if (!participant) throw new ApiError(404, 'not_found', `No participant ${params.participantId}.`);
      return { participant };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/history',
    response: contract.participantHistory,
    scope: 'participant',
    tag,
    summary:
      'Every version of the participant: registered details changes and lifecycle decisions with who, when and why',
    audit: 'history of registered details',
    params: participantPath,
    async handler(c, { params }) {
      return { history: await deps.store.history(params.participantId) };
    },
  });

  routes.add({
    method: 'put',
    path: '/api/v1/participants/:participantId/details',
    response: contract.participantAnswer,
    scope: 'participant',
    tag,
    summary: 'Update registered details (art. 20 (7)); the previous versions are kept',
    audit: 'registered details (updated)',
    params: participantPath,
    body: registeredDetails
      .partial()
      .refine((value) => Object.keys(value).length > 0, { message: 'change at least one field' }),
    async handler(c, { params, body }) {
      return { participant: await deps.applications.updateDetails(params.participantId, body, callerOf(c).loginName) };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/participants/:participantId/withdrawal',
    response: contract.withdrawalRequested,
    scope: 'participant',
    tag,
    summary: 'Ask to withdraw (art. 6); the desk completes it',
    successStatus: 202,
    audit: 'withdrawal request',
    params: participantPath,
    body: z.object({ reason: z.string().trim().max(2000).default('') }),
    async handler(c, { params, body }) {
      const updated = await deps.ending.withdrawals.request(params.participantId, body.reason, callerOf(c).loginName);
      return { participantId: params.participantId, status: updated.status };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/withdrawal-preview',
    response: contract.endingPreview,
    scope: 'participant',
    tag,
    summary:
      'What withdrawing today would do (art. 6, 16): agents told to uninstall, accounts stopped, the deletion date',
    audit: 'withdrawal preview (devices, accounts, deletion date)',
    params: participantPath,
    async handler(c, { params }) {
      return deps.ending.effects.preview(params.participantId);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/devices',
    response: contract.deviceList,
    scope: 'participant',
    tag,
    summary: "The participant's enrolled devices, their credential state and whether they are connected now",
    audit: 'device list',
    params: participantPath,
    async handler(c, { params }) {
      const list = await deps.devices.withUninstallReports(
        await deps.devices.listDevices(params.participantId),
        params.participantId,
      );
      return { devices: list.map((device) => ({ ...device, connected: deps.gateway.isConnected(device.device_id) })) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/devices/:deviceId',
    response: contract.deviceAnswer,
    scope: 'participant',
    tag,
    summary: 'One device of the participant',
    audit: 'device details',
    params: participantPath.extend({ deviceId: uuidParam }),
    async handler(c, { params }) {
      const device = await deps.devices.findDevice(params.deviceId);
      const scope = await lineage(params.participantId);
      if (!device || !scope.includes(device.participant_id))
        throw new ApiError(404, 'not_found', `No device ${params.deviceId} of this participant.`);
      const [withReport] = await deps.devices.withUninstallReports([device], device.participant_id);
      const conflictingResends = await deps.devices.conflictingResends(device.participant_id, device.device_id);
      return {
        device: {
          ...withReport!,
          connected: deps.gateway.isConnected(device.device_id),
          conflicting_resends: conflictingResends,
        },
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/users',
    response: contract.participantUsers,
    scope: 'participant',
    tag,
    summary: "The participant's user accounts",
    audit: 'user accounts',
    params: participantPath,
    async handler(c, { params }) {
      return { accounts: await deps.accounts.listAccounts({ participantId: params.participantId }) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/notices',
    response: contract.noticeList,
    scope: 'participant',
    tag,
    summary: 'Notices sent to the participant (art. 21): decisions, trial period changes, suspensions',
    audit: 'notices',
    params: participantPath,
    async handler(c, { params }) {
      const notices = await deps.notices.store.forParticipant(await lineage(params.participantId));
      return { notices: await deps.notices.withDeliveries(notices, params.participantId) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/access-log',
    response: contract.accessLog,
    scope: 'participant',
    tag,
    summary: "Who at the desk looked at this participant's data, when, what and why (art. 15)",
    audit: 'access log',
    params: participantPath,
    query: z.object({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(5000).default(500),
    }),
    async handler(c, { params, query }) {
      const to = query.to ? new Date(query.to) : new Date(Date.now() + 60_000);
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 90 * 86_400_000);
      return { accessLog: await deps.audit.forParticipant(await lineage(params.participantId), from, to, query.limit) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/successions',
    response: contract.successionList,
    scope: 'participant',
    tag,
    summary: 'Successions this participant took part in (art. 4)',
    audit: 'successions',
    params: participantPath,
    async handler(c, { params }) {
      return { successions: await deps.store.successionsOf(await lineage(params.participantId)) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/documents',
    response: contract.documentList,
    scope: 'participant',
    tag,
    summary: 'Documents filed by or about the participant, with their SHA-256',
    audit: 'document list',
    params: participantPath,
    async handler(c, { params }) {
      return { documents: await deps.store.documentsOf(await lineage(params.participantId)) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/documents/:documentId',
    response: rawResponse('The document, with its SHA-256 in X-Content-SHA256', 'application/octet-stream'),
    scope: 'participant',
    tag,
    summary: 'Download one document',
    audit: 'document download',
    params: participantPath.extend({ documentId: uuidParam }),
    async handler(c, { params }) {
      const document = await deps.store.documentContent(await lineage(params.participantId), params.documentId);
      if (!document) throw new ApiError(404, 'not_found', `No document ${params.documentId} of this participant.`);
      return fileDownload(c, document);
    },
  });
}
