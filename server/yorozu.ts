import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { Logger } from 'pino';
import { DeviceAuthenticator } from '../ingest/device-authenticator.js';
import { MaintenanceGate } from '../ingest/maintenance-gate.js';
import { askForTrialPeriod } from './first-trial-period.js';
import { catchUpMailOutcomes, mailCatchUpJob } from '../notices/mail-catch-up.js';
import { DeviceStore } from '../ingest/device-store.js';
import { agentHttpRoutes } from '../ingest/http-routes.js';
import { IngestService } from '../ingest/ingest-service.js';
import { createIngestMetrics } from '../ingest/metrics.js';
import { DeviceRevocation } from '../ingest/revocation.js';
import { createTableWriters } from '../ingest/table-writers.js';
import { WebSocketGateway } from '../ingest/websocket-gateway.js';
import { createOtlpMetrics } from '../ingest/otlp/otlp-metrics.js';
import { otlpLogsRoutes } from '../ingest/otlp/otlp-routes.js';
import { ApiError, errorResponse } from '../api/errors.js';
import { openApiDocument } from '../api/openapi.js';
import * as contract from '../contract/index.js';
import { rawResponse, RouteTable } from '../api/route-table.js';
import { enrollResponse, serverMessage } from '../agent-protocol/index.js';
import { createParticipantsDomain, type ParticipantsDomain } from '../participants/participants-domain.js';
import { createHealthDomain } from '../health/health-domain.js';
import { createDetectionsDomain } from '../detections/detections-domain.js';
import { createNoticesDomain, type NoticesDomain } from '../notices/notices-domain.js';
import { registerInvestigation } from '../investigation/investigation-domain.js';
import { EventSearch } from '../investigation/event-search.js';
import { createDeskDomain, type DeskDomain } from '../desk/desk-domain.js';
import { createRetentionDomain, type RetentionDomain } from '../retention/retention-domain.js';
import { fleetAdminRoutes } from './admin-routes.js';
import { toClusterMutation } from './cluster-ddl.js';
import { serveDashboard } from './dashboard-assets.js';
import { leasesFor } from './job-lease.js';
import { JobScheduler } from './job-scheduler.js';
import { evaluationJob } from './evaluation-job.js';
import { sweepBound, sweepLeftoverSnapshots } from '../scoped-query/snapshot-sweep.js';
import { isRetryableEngineError } from './clickhouse-errors.js';
import { openDatabase, type Database } from './clickhouse.js';
import type { Config } from './config.js';
import { applyInsertDurability } from './durability.js';
import { createLogger } from './logger.js';
import { runMigrations } from './migrate.js';
import { opsRoutes } from './ops-routes.js';
import { noStoreApiAnswers, securityHeaders } from './security-headers.js';
import { ConcurrencyLimit } from '../api/concurrency-limit.js';

/** The whole process: storage, migrations, the ingest gateway and the API on one HTTP server. */
export interface RunningYorozu {
  url: string;
  port: number;
  /** The separate metrics listener (YOROZU_METRICS_LISTEN), when configured. */
  metricsUrl: string | undefined;
  database: Database;
  devices: DeviceStore;
  revocation: DeviceRevocation;
  gateway: WebSocketGateway;
  ingest: IngestService;
  participants: ParticipantsDomain;
  notices: NoticesDomain;
  health: ReturnType<typeof createHealthDomain>;
  detections: ReturnType<typeof createDetectionsDomain>;
  desk: DeskDomain;
  retention: RetentionDomain;
  jobs: JobScheduler;
  /** The Hono app and every route's declared scope (the tenancy test walks them). */
  app: Hono;
  routes: RouteTable;
  /** Graceful: stops taking work, answers what is in flight, drains the writers, closes storage. */
  stop(): Promise<void>;
}

export async function startYorozu(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningYorozu> {
  const database = await openDatabase(config);
  const migrations = await runMigrations(database, undefined, (message) => logger.info(message));
  logger.info(
    { applied: migrations.applied.length, skipped: migrations.skipped, mode: database.mode },
    'storage ready',
  );
  await applyInsertDurability(database, config.ingest.fsync);
  // A run that crashed left its snapshot tables (one participant's rows each) in the engine: remove them first.
  const swept = await sweepLeftoverSnapshots(database.client, sweepBound(database.mode, new Date()));
  if (swept.length > 0) logger.warn({ tables: swept.length }, 'snapshot tables left by an earlier run removed');
  // Several gateways on one server or cluster: jobs and mail hand-overs run where their lease is held.
  const leases = leasesFor(database, logger.child({ component: 'leases' }));

  const metrics = createIngestMetrics();
  const devices = new DeviceStore(database.client);
  const authenticator = new DeviceAuthenticator(devices, (source) => metrics.credentialChecks.labels(source).inc());
  const writers = createTableWriters(database.insertFormatted, config.ingest, metrics, isRetryableEngineError);
  const maintenance = new MaintenanceGate();
  const ingest = new IngestService({
    maintenance,
    writers,
    client: database.client,
    diagnosticsRequested: (device, requestId) => devices.hasDiagnosticsRequest(device, requestId),
    authenticator,
    limits: config.ingest,
    metrics,
    logger: logger.child({ component: 'ingest' }),
  });
  const gateway = new WebSocketGateway(ingest, metrics, logger.child({ component: 'websocket' }));
  const revocation = new DeviceRevocation(devices, authenticator, gateway, logger.child({ component: 'revocation' }));
  const queueGauge = setInterval(() => {
    for (const writer of Object.values(writers)) metrics.writerQueueRows.labels(writer.table).set(writer.queuedRows);
  }, 1000);
  queueGauge.unref();

  let selfUrl = '';
  let publicBase = '';
  const notices = createNoticesDomain({
    client: database.client,
    logger: logger.child({ component: 'notices' }),
    publicUrl: () => config.publicUrl ?? publicBase,
    renderPdf: () => (health.pdf.available() ? (html) => health.pdf.renderHtml(html) : undefined),
  });
  await notices.terms.ensureFirstVersion();
  const participants = createParticipantsDomain({
    notices: notices.centre,
    surveys: notices.surveys,
    termsInForce: async () => {
      const terms = await notices.terms.inForce();
      return {
        version: terms.version,
        effectiveFrom: terms.effective_on,
        title_ja: terms.title_ja,
        title_en: terms.title_en,
      };
    },
    client: database.client,
    devices,
    revocation,
    gateway,
    logger: logger.child({ component: 'participants' }),
    settings: config.accounts,
    maintenance,
  });
  // A suspension in effect when the process stopped holds ingest again from the first request.
  await participants.periods.syncGate();
  await askForTrialPeriod(participants.periods, config.firstTrial, logger);
  const firstOperator = await participants.accounts.ensureFirstOperator(
    config.firstOperator.loginName,
    config.firstOperator.password,
  );
  if (firstOperator.created && firstOperator.password) {
    // Printed once, on the first start of an empty database; it must be changed at the first sign-in.
    console.log(
      `\nYorozu: the first operator account was created.\n  login:    ${firstOperator.loginName}\n  password: ${firstOperator.password}\n  (shown once; change it at the first sign-in)\n`,
    );
  } else if (firstOperator.created) {
    logger.info({ login: firstOperator.loginName }, 'first operator account created with YOROZU_ADMIN_PASSWORD');
  }
  const participantsTakingPart = async () =>
    (await participants.store.listParticipants(['approved', 'active', 'withdrawal_requested'])).map(
      (p) => p.participant_id,
    );
  const health = createHealthDomain({
    pdfRenders: config.accounts.concurrency.pdfRenders,
    client: database.client,
    logger: logger.child({ component: 'health' }),
    selfUrl: () => selfUrl,
  });
  const installed = await health.evaluation.installBuiltins();
  if (installed > 0) logger.info({ policies: installed }, 'built-in health policies installed');
  const detections = createDetectionsDomain({
    client: database.client,
    logger: logger.child({ component: 'detections' }),
    participantsTakingPart,
  });
  const evaluation = evaluationJob({
    client: database.client,
    cron: config.healthCron,
    health,
    detections,
    participantsTakingPart,
  });
  const rulesInstalled = await detections.rules.installPack();
  if (rulesInstalled > 0) logger.info({ rules: rulesInstalled }, 'detection rule pack installed');
  const eventSearch = new EventSearch(database.client);
  const desk = createDeskDomain({
    client: database.client,
    logger: logger.child({ component: 'desk' }),
    settings: config.desk,
    lineageOf: (participantId) => participants.store.lineageOf(participantId),
    runQuery: async (participantId, query, range, limit) =>
      (await eventSearch.search(await participants.store.lineageOf(participantId), query, range, limit, undefined))
        .events,
    agents: {
      async device(scope, deviceId) {
        const device = await devices.findDevice(deviceId);
        return device && scope.includes(device.participant_id)
          ? { hostname: device.hostname, status: device.status }
          : undefined;
      },
      send: (deviceId, command) => gateway.sendCommand(deviceId, command),
    },
    publicUrl: () => config.publicUrl ?? publicBase,
    claimDelivery: async (mailId) => {
      const claim = await leases.acquire(`mail:${mailId}`);
      return claim.held ? claim.lease : undefined;
    },
  });
  // The notice centre mails through the desk's outbox and hears back when the relay accepted each mail.
  notices.centre.connectMail({
    configured: desk.outbox.configured,
    mailIdOf: (key) => desk.outbox.mailIdOf(key),
    queue: (mail) => desk.outbox.queueDocument({ ...mail, kind: 'notice', attachments: [] }),
  });
  desk.outbox.onOutcome((outcome) => notices.centre.mailOutcome(outcome));
  // A report the outbox could not give while the process was stopped is read back from its own record.
  const noticeMailCatchUp = mailCatchUpJob(notices.centre, desk.outbox);
  await catchUpMailOutcomes(notices.centre, desk.outbox).catch((error: unknown) =>
    logger.warn({ err: error }, 'notice mail catch-up failed; the job retries'),
  );
  notices.connectDirectory({
    async everyParticipant() {
      return (await participants.store.listParticipants(['approved', 'active', 'withdrawal_requested'])).map((p) => ({
        participantId: p.participant_id,
        email: p.contact_email,
        postalAddress: p.address,
      }));
    },
    async participant(participantId) {
      const found = await participants.store.findParticipant(participantId);
      return found
        ? {
            participantId,
            email: found.contact_email,
            postalAddress: found.address,
            termsVersion: found.terms_version,
            organisation: found.name,
            contactName: found.contact_name,
            status: found.status,
          }
        : undefined;
    },
  });
  const cluster = database.cluster;
  const retention = createRetentionDomain({
    client: database.client,
    cluster: cluster ? { onCluster: (statement) => toClusterMutation(statement, cluster) } : undefined,
    fileRoots: [participantFilesRoot(config.dataDir)],
    renderPdf: health.pdf.available() ? (html) => health.pdf.renderHtml(html) : undefined,
    mailCertificate: (mail) => desk.outbox.queueDocument({ ...mail, kind: 'deletion_certificate' }),
    logger: logger.child({ component: 'retention' }),
    cron: config.deletionCron,
    retentionDays: config.accounts.retentionDays,
  });
  const jobs = new JobScheduler(
    [...participants.jobs, evaluation, desk.job, retention.job, noticeMailCatchUp],
    logger.child({ component: 'jobs' }),
    leases,
  );

  let stopping = false;
  // Multipart files while their request lasts (api/multipart-spool.ts); a crash's leftovers go at start.
  const uploadSpoolDir = path.join(config.dataDir, 'upload-spool');
  await rm(uploadSpoolDir, { recursive: true, force: true });
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', noStoreApiAnswers());
  // gzip for the bundle, JSON and CSV when the client accepts it (a week's timeline is mostly repeated keys);
  // Server-Sent Events are left alone by the middleware's content-type filter.
  app.use('*', compress());
  const routes = new RouteTable(app, {
    callers: participants.accounts,
    access: participants.audit,
    trustProxy: config.accounts.trustProxy,
    publicUrl: config.publicUrl,
    maxJsonBytes: 1024 * 1024,
    maxUploadBytes: config.accounts.maxUploadBytes + 64 * 1024,
    uploadSpoolDir,
    uploads: new ConcurrencyLimit({ ...config.accounts.concurrency.uploads, retryAfterSeconds: 10, what: 'uploads' }),
  });
  app.onError((error, c) => {
    if (!(error instanceof ApiError)) logger.error({ err: error, path: c.req.path }, 'request failed');
    return errorResponse(error, c);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404),
  );
  const readiness = async () => {
    if (stopping) return { ready: false, reason: 'shutting down' };
    const ping = await database.client.ping();
    return ping.success ? { ready: true } : { ready: false, reason: 'storage unreachable' };
  };
  app.route(
    '/',
    opsRoutes(metrics.registry, readiness, {
      token: config.metrics.token,
      servesMetrics: !config.metrics.listen,
      open: false,
    }),
  );
  // Metrics on an address of their own (a private interface): whoever reaches it may read them.
  const metricsServer = config.metrics.listen
    ? (createAdaptorServer({
        fetch: opsRoutes(metrics.registry, readiness, { token: undefined, servesMetrics: true, open: true }).fetch,
      }) as Server)
    : undefined;
  app.route('/', agentHttpRoutes(ingest, devices));
  app.route(
    '/',
    otlpLogsRoutes({
      ingest,
      writers,
      devices,
      limits: config.otlp,
      metrics: createOtlpMetrics(metrics.registry),
      logger: logger.child({ component: 'otlp' }),
      isStopping: () => stopping,
    }),
  );
  routes.declareExternal({
    method: 'get',
    path: '/healthz',
    scope: 'public',
    tag: 'operations',
    summary: 'healthz (operations): the process answers',
    response: contract.liveness,
  });
  routes.declareExternal({
    method: 'get',
    path: '/readyz',
    scope: 'public',
    tag: 'operations',
    summary: 'readyz (operations): storage reachable and not draining (503 otherwise)',
    response: contract.readiness,
  });
  routes.declareExternal({
    method: 'get',
    path: '/metrics',
    scope: 'public',
    tag: 'operations',
    summary: 'metrics (operations)',
    response: rawResponse('Prometheus metrics', 'text/plain'),
  });
  routes.declareExternal({
    method: 'post',
    path: '/v1/enroll',
    scope: 'agent',
    tag: 'agent',
    summary: 'Enroll an agent with an enrollment secret (agent-protocol/PROTOCOL.md)',
    response: enrollResponse,
  });
  routes.declareExternal({
    method: 'post',
    path: '/v1/logs',
    scope: 'agent',
    tag: 'agent',
    summary: 'OTLP/HTTP logs from an OpenTelemetry Collector (docs/windows-collector.md)',
    response: rawResponse('An OTLP ExportLogsServiceResponse', 'application/x-protobuf', 'application/json'),
  });
  routes.declareExternal({
    method: 'post',
    path: '/v1/batches',
    scope: 'agent',
    tag: 'agent',
    summary: 'Send a batch of agent messages over HTTP (agent-protocol/PROTOCOL.md)',
    response: serverMessage,
  });
  routes.declareExternal({
    method: 'post',
    path: '/v1/uninstall-report',
    scope: 'agent',
    tag: 'agent',
    summary: 'A device told to uninstall reports what it removed, with its revoked credential (PROTOCOL.md §2.4)',
    response: rawResponse('204 when stored; the error shape of PROTOCOL.md §9 otherwise', 'application/json'),
  });
  participants.registerRoutes(routes, jobs);
  notices.registerRoutes(routes);
  health.registerRoutes(routes);
  detections.registerRoutes(routes);
  desk.registerRoutes(routes);
  retention.registerRoutes(routes);
  fleetAdminRoutes(routes, { client: database.client, devices, revocation, gateway });
  registerInvestigation(routes, {
    client: database.client,
    isConnected: (deviceId) => gateway.isConnected(deviceId),
    scopeOf: (participantId) => participants.store.lineageOf(participantId),
    participantsTakingPart,
    namesTakingPart: async () =>
      (await participants.store.listParticipants(['approved', 'active', 'withdrawal_requested'])).map((p) => ({
        id: p.participant_id,
        name: p.name,
      })),
    deviceScores: () => health.store.deviceScores(),
  });
  routes.declareExternal({
    method: 'get',
    path: '/openapi.json',
    scope: 'public',
    tag: 'operations',
    summary: 'This OpenAPI description',
    response: rawResponse('OpenAPI 3.1', 'application/json'),
  });
  app.get('/openapi.json', (c) => c.json(openApiDocument(routes.declared, { version: '1' })));
  // Last: every other GET is a page of the dashboard (or one of its files).
  routes.declareExternal({
    method: 'get',
    path: '/*',
    scope: 'public',
    tag: 'dashboard',
    summary: 'The dashboard (its files, and index.html for its pages)',
    response: rawResponse('The dashboard', 'text/html'),
  });
  app.get('/*', serveDashboard);

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Keep idle connections longer than clients do (undici: 4 s), so a client never sends on a
  // connection the server is closing at that moment (ECONNRESET on a reused socket).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  gateway.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  if (metricsServer && config.metrics.listen) {
    const { host, port: metricsPort } = config.metrics.listen;
    await new Promise<void>((resolve, reject) => {
      metricsServer.once('error', reject);
      metricsServer.listen(metricsPort, host, () => resolve());
    });
  }
  const metricsAddress = metricsServer?.address() as AddressInfo | null | undefined;
  revocation.startSweep(config.ingest.revocationSweepMs);
  if (config.jobsEnabled) jobs.start();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  // The PDF renderer opens the report page on this process over loopback.
  selfUrl = `http://127.0.0.1:${port}`;
  publicBase = url;
  await desk.start();
  logger.info({ url, dataDir: config.dataDir, storage: database.mode }, 'Yorozu is listening');

  return {
    url,
    port,
    metricsUrl: metricsAddress ? `http://127.0.0.1:${metricsAddress.port}` : undefined,
    database,
    devices,
    revocation,
    gateway,
    ingest,
    participants,
    notices,
    health,
    detections,
    desk,
    retention,
    jobs,
    app,
    routes,
    async stop() {
      if (stopping) return;
      stopping = true;
      logger.info('shutting down: answering in-flight batches and draining writers');
      revocation.stopSweep();
      await jobs.stop();
      await desk.stop();
      await health.pdf.close();
      clearInterval(queueGauge);
      ingest.startDraining();
      await gateway.shutdown(config.shutdownGraceMs);
      await ingest.drain();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      if (metricsServer?.listening) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      await database.close();
      logger.info('stopped');
    },
  };
}

/** Where a participant's files on disk live (`<root>/<participantId>/`): the deletion removes that folder. */
export function participantFilesRoot(dataDir: string): string {
  return path.join(dataDir, 'participant-files');
}
