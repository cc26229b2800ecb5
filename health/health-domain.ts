import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { ConcurrencyLimit } from '../api/concurrency-limit.js';
import type { RouteTable } from '../api/route-table.js';
import { EvaluationHistory } from './evaluation-history.js';
import { HealthStore } from './health-store.js';
import { healthRoutes } from './health-routes.js';
import { PolicyEvaluation } from './policy-evaluation.js';
import { ReportPdfRenderer } from './report-pdf.js';

/**
 * Assembles the health domain: store, evaluation and routes. The scheduled evaluation runs the policies with
 * the detection rules over one snapshot per participant (server/evaluation-job.ts).
 */
export function createHealthDomain(deps: {
  client: ClickHouseClient;
  logger: Logger;
  selfUrl: () => string;
  /** PDF renders in progress, per user and in total (each is a Chromium page: CPU and memory). */
  pdfRenders?: { perCaller: number; total: number };
}) {
  const store = new HealthStore(deps.client);
  const evaluation = new PolicyEvaluation(deps.client, store, deps.logger);
  const history = new EvaluationHistory(deps.client, store, evaluation, deps.logger);
  const pdf = new ReportPdfRenderer(deps.selfUrl);
  const pdfRenders = new ConcurrencyLimit({
    ...(deps.pdfRenders ?? { perCaller: 1, total: 2 }),
    retryAfterSeconds: 15,
    what: 'PDF renders',
  });
  return {
    store,
    evaluation,
    history,
    pdf,
    registerRoutes(routes: RouteTable) {
      healthRoutes(routes, { store, evaluation, client: deps.client, pdf, pdfRenders });
    },
  };
}
