import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import type { RouteTable } from '../api/route-table.js';
import { jstDateOf } from '../common/jst-time.js';
import type { ScheduledJob } from '../common/scheduled-job.js';
import type { CertificateMail } from './certificate-issuer.js';
import { DeletionStore } from './deletion-store.js';
import { ParticipantDeletion } from './participant-deletion.js';
import { ParticipantFiles } from './participant-files.js';
import { retentionRoutes } from './retention-routes.js';
import { TableDeleter, type ClusterForm } from './table-deleter.js';

/** Assembles the deletion of participants' data (terms art. 16): the job, its routes and its parts. */
export function createRetentionDomain(deps: {
  client: ClickHouseClient;
  /** Set on a cluster: mutations then run ON CLUSTER on the replicated tables. */
  cluster: ClusterForm | undefined;
  fileRoots: readonly string[];
  renderPdf: ((html: string) => Promise<Buffer>) | undefined;
  mailCertificate(mail: CertificateMail): Promise<string | undefined>;
  logger: Logger;
  cron: string;
  retentionDays: number;
  onTableDeleted?: (table: string) => Promise<void> | void;
}) {
  const store = new DeletionStore(deps.client, deps.cluster !== undefined);
  const deletion = new ParticipantDeletion({
    store,
    deleter: new TableDeleter(deps.client, deps.cluster),
    files: new ParticipantFiles(deps.fileRoots),
    logger: deps.logger,
    renderPdf: deps.renderPdf,
    mailCertificate: deps.mailCertificate,
    ...(deps.onTableDeleted ? { onTableDeleted: deps.onTableDeleted } : {}),
  });

  const job: ScheduledJob = {
    name: 'data-deletion',
    cron: deps.cron,
    description:
      'Deletes the data of everyone who left once the deletion deadline (JST) has come, verifies that nothing is left and mails the certificate (art. 16); finishes runs that were interrupted or failed.',
    async run(now) {
      const today = jstDateOf(now);
      const unfinished = await store.unfinishedRuns();
      const due = await store.dueParticipants(today);
      const participants = [...new Set([...unfinished.map((r) => r.participant_id), ...due])];
      const result = { certified: 0, failed: 0, resumed: unfinished.length };
      for (const participantId of participants) {
        try {
          const outcome = await deletion.run(participantId, 'job:data-deletion');
          if (outcome.outcome === 'certified') result.certified += 1;
          if (outcome.outcome === 'failed') result.failed += 1;
        } catch (error) {
          // One participant's failure must not hold up the others; its run stays unfinished and is retried.
          result.failed += 1;
          deps.logger.error({ err: error, participantId }, 'deletion failed; retried on the next run');
        }
      }
      return result;
    },
  };

  return {
    store,
    deletion,
    job,
    registerRoutes(routes: RouteTable): void {
      retentionRoutes(routes, { store, deletion, defaultRetentionDays: deps.retentionDays });
    },
  };
}

export type RetentionDomain = ReturnType<typeof createRetentionDomain>;
