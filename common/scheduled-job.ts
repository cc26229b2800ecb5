/**
 * A scheduled job as the domains describe it: a function of "now", so that tests and operators can
 * run it at once. Domains export their jobs; server/ schedules them (node-cron, JST) and runs them.
 */
export interface ScheduledJob {
  name: string;
  /** node-cron expression, evaluated in Asia/Tokyo. */
  cron: string;
  description: string;
  run(now: Date): Promise<Record<string, number>>;
}

export interface JobRun {
  startedAt: string;
  finishedAt: string;
  result?: Record<string, number>;
  error?: string;
  /** Why this gateway did not run it: another gateway holds the job's lease, or already ran this tick. */
  skipped?: string;
}

export interface JobStatus {
  name: string;
  cron: string;
  timezone: string;
  description: string;
  running: boolean;
  lastRun: JobRun | null;
}

/** What a domain's routes may do with the scheduler: list the jobs and run one now. */
export interface JobRunner {
  has(name: string): boolean;
  runNow(name: string, now?: Date): Promise<JobRun>;
  status(): JobStatus[];
}
