import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { ConcurrencyLimit } from '../api/concurrency-limit.js';
import type { RouteTable } from '../api/route-table.js';
import type { ScheduledJob } from '../common/scheduled-job.js';
import { EvaluationHistory } from './evaluation-history.js';
import { HealthStore } from './health-store.js';
import { healthRoutes } from './health-routes.js';
import { PolicyEvaluation } from './policy-evaluation.js';
import { ReportPdfRenderer } from './report-pdf.js';

/** Assembles the health domain: store, evaluation, routes and the scheduled evaluation. */
export function createHealthDomain(deps: {
  client: ClickHouseClient;
  logger: Logger;
  cron: string;
  participantsTakingPart: () => Promise<string[]>;
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
  const job: ScheduledJob = {
    name: 'health-evaluation',
    cron: deps.cron,
    description:
      'Evaluates the enabled health policies for every participant that takes part; results are kept as generated data.',
    async run(now) {
      let failures = 0;
      let errors = 0;
      const participants = await deps.participantsTakingPart();
      for (const participantId of participants) {
        // A policy new to the participant (or a new participant) first gets its verdicts at past instants.
        await history.fillNewPolicies(participantId, now);
        const result = await evaluation.evaluate(participantId, now, 'schedule');
        failures += result.failures;
        errors += result.errors.length;
      }
      return { participants: participants.length, failures, errors };
    },
  };
  return {
    store,
    evaluation,
    history,
    job,
    pdf,
    registerRoutes(routes: RouteTable) {
      healthRoutes(routes, { store, evaluation, client: deps.client, pdf, pdfRenders });
    },
  };
}
