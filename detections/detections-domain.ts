import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import type { RouteTable } from '../api/route-table.js';
import type { ScheduledJob } from '../common/scheduled-job.js';
import { DetectionRun } from './detection-evaluation.js';
import { DetectionRulesStore } from './detection-rules-store.js';
import { detectionsRoutes } from './detections-routes.js';
import { FindingsStore } from './findings-store.js';
import { listsRoutes } from './lists-routes.js';
import { ListsStore } from './lists-store.js';

/** Assembles the detections domain: rules, findings, the queue's routes and the scheduled run. */
export function createDetectionsDomain(deps: {
  client: ClickHouseClient;
  logger: Logger;
  cron: string;
  participantsTakingPart: () => Promise<string[]>;
}) {
  const rules = new DetectionRulesStore(deps.client);
  const findings = new FindingsStore(deps.client);
  const run = new DetectionRun(deps.client, rules, deps.logger);
  const lists = new ListsStore(deps.client);
  const job: ScheduledJob = {
    name: 'detection-rules',
    cron: deps.cron,
    description:
      'Runs the enabled detection rules (Sigma) over every participant that takes part; findings are generated data.',
    async run(now) {
      let found = 0;
      let errors = 0;
      // Each rule's milliseconds over all participants, as `ms:<rule id>` (the bench's per-rule costs).
      const costs: Record<string, number> = {};
      const participants = await deps.participantsTakingPart();
      for (const participantId of participants) {
        const result = await run.runFor(participantId, now);
        found += result.findings.length;
        errors += result.errors.length;
        for (const cost of result.costs) costs[`ms:${cost.rule_id}`] = (costs[`ms:${cost.rule_id}`] ?? 0) + cost.ms;
      }
      return { participants: participants.length, findings: found, errors, ...costs };
    },
  };
  return {
    rules,
    findings,
    run,
    lists,
    job,
    registerRoutes(routes: RouteTable) {
      detectionsRoutes(routes, { findings, rules, run, participantsTakingPart: deps.participantsTakingPart });
      listsRoutes(routes, lists);
    },
  };
}
