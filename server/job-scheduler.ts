import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { JobRun, JobRunner, JobStatus, ScheduledJob } from '../common/scheduled-job.js';
import { InProcessLeases, type Leases } from './job-lease.js';

export type { JobRun, ScheduledJob } from '../common/scheduled-job.js';

/**
 * Scheduled jobs (node-cron, in JST): each job is a function of "now" so that tests and operators
 * can run it at once (POST /api/v1/admin/jobs/:name/run). A job never overlaps itself; its last
 * run and result are kept for the operators' job list.
 */
export class JobScheduler implements JobRunner {
  private readonly tasks: ScheduledTask[] = [];
  private readonly lastRuns = new Map<string, JobRun>();
  private readonly running = new Map<string, Promise<JobRun>>();

  constructor(
    readonly jobs: readonly ScheduledJob[],
    private readonly logger: Logger,
    /** Several gateways on one database: a job runs where its lease is held (server/job-lease.ts). */
    private readonly leases: Leases = new InProcessLeases(),
  ) {}

  start(): void {
    for (const job of this.jobs) {
      // The tick's scheduled time is the lease's slot: every gateway's cron computes the same one.
      const task = cron.schedule(
        job.cron,
        (context) => this.runNow(job.name, new Date(), context.date).then(() => undefined),
        { name: job.name, timezone: 'Asia/Tokyo', noOverlap: true },
      );
      this.tasks.push(task);
    }
  }

  async stop(): Promise<void> {
    for (const task of this.tasks) await task.destroy();
    this.tasks.length = 0;
    await Promise.allSettled(this.running.values());
  }

  has(name: string): boolean {
    return this.jobs.some((job) => job.name === name);
  }

  /** Runs a job as of `now`, after the run already going (a job never overlaps itself). */
  runNow(name: string, now: Date = new Date(), slot?: Date): Promise<JobRun> {
    const job = this.jobs.find((candidate) => candidate.name === name);
    if (!job) return Promise.reject(new Error(`No job named ${name}`));
    const previous = this.running.get(name) ?? Promise.resolve();
    const run = previous.then(() => this.execute(job, now, slot));
    this.running.set(name, run);
    void run.finally(() => {
      if (this.running.get(name) === run) this.running.delete(name);
    });
    return run;
  }

  status(): JobStatus[] {
    return this.jobs.map((job) => ({
      name: job.name,
      cron: job.cron,
      timezone: 'Asia/Tokyo',
      description: job.description,
      running: this.running.has(job.name),
      lastRun: this.lastRuns.get(job.name) ?? null,
    }));
  }

  private async execute(job: ScheduledJob, now: Date, slot: Date | undefined): Promise<JobRun> {
    const startedAt = new Date().toISOString();
    let run: JobRun;
    let release = (): Promise<void> => Promise.resolve();
    try {
      const claim = await this.leases.acquire(`job:${job.name}`, slot);
      if (!claim.held) {
        // Not an error: on several gateways, all but one skip each tick.
        this.logger.debug({ job: job.name, reason: claim.reason }, 'job skipped: lease not held');
        return { startedAt, finishedAt: new Date().toISOString(), skipped: claim.reason };
      }
      release = () => claim.lease.release();
      const result = await job.run(now);
      run = { startedAt, finishedAt: new Date().toISOString(), result };
      if (Object.values(result).some((count) => count > 0)) this.logger.info({ job: job.name, result }, 'job did work');
    } catch (error) {
      run = { startedAt, finishedAt: new Date().toISOString(), error: (error as Error).message };
      this.logger.error({ job: job.name, err: error }, 'job failed');
    }
    await release().catch((error: unknown) =>
      this.logger.warn({ job: job.name, err: error }, 'job lease not released; it lapses after its TTL'),
    );
    this.lastRuns.set(job.name, run);
    return run;
  }
}
