import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import type { RouteTable } from '../api/route-table.js';
import { AttentionVisitsStore } from './attention-visits-store.js';
import { DetectionRun } from './detection-evaluation.js';
import { DetectionRulesStore } from './detection-rules-store.js';
import { detectionsRoutes } from './detections-routes.js';
import { exceptionsRoutes } from './exceptions-routes.js';
import { ExceptionsStore } from './exceptions-store.js';
import { FindingsStore } from './findings-store.js';
import { listsRoutes } from './lists-routes.js';
import { ListsStore } from './lists-store.js';

/**
 * Assembles the detections domain: rules, findings and the queue's routes. The scheduled run is the health
 * evaluation's (server/evaluation-job.ts): rules and policies over one snapshot per participant.
 */
export function createDetectionsDomain(deps: {
  client: ClickHouseClient;
  logger: Logger;
  participantsTakingPart: () => Promise<string[]>;
}) {
  const rules = new DetectionRulesStore(deps.client);
  const findings = new FindingsStore(deps.client);
  const exceptions = new ExceptionsStore(deps.client);
  const run = new DetectionRun(deps.client, rules, exceptions, deps.logger);
  const lists = new ListsStore(deps.client);
  const visits = new AttentionVisitsStore(deps.client);
  return {
    rules,
    findings,
    run,
    lists,
    exceptions,
    registerRoutes(routes: RouteTable) {
      detectionsRoutes(routes, {
        findings,
        rules,
        run,
        visits,
        participantsTakingPart: deps.participantsTakingPart,
      });
      listsRoutes(routes, lists);
      exceptionsRoutes(routes, { exceptions, rules });
    },
  };
}
