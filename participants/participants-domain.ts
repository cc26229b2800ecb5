import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import type { RouteTable } from '../api/route-table.js';
import type { DeviceStore } from '../ingest/device-store.js';
import type { MaintenanceGate } from '../ingest/maintenance-gate.js';
import type { DeviceRevocation } from '../ingest/revocation.js';
import type { WebSocketGateway } from '../ingest/websocket-gateway.js';
import type { NoticeCentre } from '../notices/notice-centre.js';
import type { SurveyService } from '../notices/surveys/survey-service.js';
import type { JobRunner } from '../common/scheduled-job.js';
import { AccessAudit } from './access-audit.js';
import { accountAdminRoutes } from './account-admin-routes.js';
import { AccountRecovery } from './account-recovery.js';
import { accountRecoveryRoutes } from './account-recovery-routes.js';
import { AccountService } from './account-service.js';
import { AccountStore } from './account-store.js';
import { applicationRoutes } from './application-routes.js';
import { Applications } from './applications.js';
import { authRoutes } from './auth-routes.js';
import { lifecycleJobs } from './lifecycle-jobs.js';
import { documentRoutes } from './document-routes.js';
import { OperatorAccounts } from './operator-accounts.js';
import { operatorLifecycleRoutes } from './operator-routes.js';
import { participantRoutes } from './participant-routes.js';
import { ParticipantStore } from './participant-store.js';
import { ParticipantUpdates } from './participant-updates.js';
import { participationEnd } from './participation-end.js';
import { serviceRoutes } from './service-routes.js';
import type { TermsInForce } from './terms.js';
import { ServicePeriods } from './service-periods.js';
import type { ProxyTrust } from '../api/request-origin.js';

/** Assembles the participants domain (stores, services, jobs) and registers its routes. */
export interface ParticipantsSettings {
  sessionHours: number;
  /** Minutes without a request after which a session ends, per role (0: never). */
  idleMinutes: { operator: number; participant_user: number };
  retentionDays: number;
  trustProxy: ProxyTrust;
  signInsPerMinutePerIp: number;
  applicationsPerHourPerIp: number;
  /** The operator's privacy policy (art. 23), '' when not configured. */
  privacyPolicyUrl: string;
  maxUploadBytes: number;
  /** Art. 8 (2): business days a planned suspension of the service is announced ahead. */
  suspensionLeadBusinessDays: number;
}

export type ParticipantsDomain = ReturnType<typeof createParticipantsDomain>;

export function createParticipantsDomain(deps: {
  client: ClickHouseClient;
  devices: DeviceStore;
  revocation: DeviceRevocation;
  gateway: WebSocketGateway;
  logger: Logger;
  settings: ParticipantsSettings;
  /** The notice centre: every decision the terms tie to a notice sends it (art. 21). */
  notices: NoticeCentre;
  /** Art. 2: the terms version in force (notices/terms); an application agrees to exactly it. */
  termsInForce?: () => Promise<TermsInForce>;
  /** Surveys and interviews (notices/surveys): applicants answer them with their token; art. 3 (3)(5) evidence. */
  surveys?: SurveyService;
  /** Ingest's view of the suspensions in effect (art. 8), kept in step by the service periods. */
  maintenance?: MaintenanceGate;
}) {
  const { client, devices, revocation, gateway, logger, settings, notices } = deps;
  const store = new ParticipantStore(client);
  const accountStore = new AccountStore(client);
  const accounts = new AccountService(
    accountStore,
    store,
    notices,
    logger,
    settings.sessionHours,
    settings.idleMinutes,
  );
  const recovery = new AccountRecovery(accounts, accountStore, notices);
  const operatorAccounts = new OperatorAccounts(accounts);
  const updates = new ParticipantUpdates(store, notices, logger);
  const applications = new Applications(updates, settings.retentionDays, deps.termsInForce, (participantId) =>
    deps.surveys ? deps.surveys.refusalEvidence(participantId) : Promise.resolve([]),
  );
  const ending = participationEnd({
    updates,
    applications,
    accounts,
    devices,
    revocation,
    retentionDays: settings.retentionDays,
    logger,
  });
  const periods = new ServicePeriods(store, notices, devices, gateway, {
    leadBusinessDays: settings.suspensionLeadBusinessDays,
    gate: deps.maintenance,
  });
  const audit = new AccessAudit(client);
  const jobs = lifecycleJobs({ store, applications, ending, accounts, periods });
  // Art. 7 (1): a revocation announced ahead takes effect its period after the notice was delivered.
  notices.onDelivered(async ({ notice, participantId, deemedAt }) => {
    if (notice.kind !== 'revocation_scheduled' || !participantId || notice.prior_notice_seconds <= 0) return;
    await ending.revocations.noticeDelivered(
      participantId,
      new Date(deemedAt.getTime() + notice.prior_notice_seconds * 1000),
    );
  });

  return {
    store,
    notices,
    accounts,
    operatorAccounts,
    applications,
    ending,
    periods,
    audit,
    jobs,
    registerRoutes(routes: RouteTable, scheduler: JobRunner): void {
      authRoutes(routes, accounts, {
        trustProxy: settings.trustProxy,
        sessionHours: settings.sessionHours,
        signInsPerMinutePerIp: settings.signInsPerMinutePerIp,
      });
      applicationRoutes(
        routes,
        applications,
        settings.trustProxy,
        settings.applicationsPerHourPerIp,
        settings.privacyPolicyUrl,
        deps.surveys,
      );
      operatorLifecycleRoutes(routes, {
        store,
        applications,
        ending,
        accounts,
        devices,
        maxDocumentBytes: settings.maxUploadBytes,
      });
      documentRoutes(routes, { store, maxDocumentBytes: settings.maxUploadBytes });
      accountAdminRoutes(routes, accounts);
      accountRecoveryRoutes(routes, recovery, operatorAccounts);
      serviceRoutes(routes, periods, scheduler);
      participantRoutes(routes, { store, applications, ending, accounts, devices, gateway, notices, audit });
    },
  };
}
