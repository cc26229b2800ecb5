import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ApiError } from '../api/errors.js';
import { deletionPlan, type PlannedTable } from './deletion-plan.js';
import type { DeletionStore, RunStepRow } from './deletion-store.js';
import { issueCertificate, type CertificateIssuing } from './certificate-issuer.js';
import type { ParticipantFiles } from './participant-files.js';
import { sha256Hex } from '../common/hashes.js';
import type { TableDeleter } from './table-deleter.js';

/**
 * Deleting one participant's data (terms art. 16): plan from the schema, record the counts before,
 * delete table by table, delete its files, verify that every count is zero, then issue the
 * certificate. Every step is recorded in deletion_runs before the next starts, so a run killed
 * half-way is resumed by the next one, which skips the tables already done and verifies everything.
 */
export const LEAVING_STATUSES = ['withdrawn', 'revoked', 'ended', 'rejected', 'lapsed'] as const;
const VERIFY_ATTEMPTS = 3;

export interface DeletionDeps extends CertificateIssuing {
  store: DeletionStore;
  deleter: TableDeleter;
  files: ParticipantFiles;
  logger: Logger;
  /** Progress: called after each table's rows are gone (the resume test stops the process here). */
  onTableDeleted?: (table: string) => Promise<void> | void;
}

export interface DeletionPreview {
  participantId: string;
  organisation: string;
  status: string;
  deadline: string | null;
  tables: { table: string; kind: string; rows: number; statement: string | null }[];
  files: number;
  /** Echo it to run the deletion: proof that the operator saw this plan first. */
  confirmation: string;
}

export type RunOutcome =
  | { outcome: 'certified'; runId: string; certificateId: string; sha256: string }
  | { outcome: 'already_deleted'; runId: string }
  | { outcome: 'failed'; runId: string; remaining: Record<string, number>; filesLeft: number };

export class ParticipantDeletion {
  private readonly running = new Map<string, Promise<RunOutcome>>();

  constructor(private readonly deps: DeletionDeps) {}

  async plan(): Promise<PlannedTable[]> {
    return deletionPlan(await this.deps.store.schema());
  }

  /** The dry run: what would be deleted, with the statements, and nothing changed. */
  async preview(participantId: string): Promise<DeletionPreview> {
    const facts = await this.deps.store.facts(participantId);
    if (!facts)
      throw new ApiError(
        404,
        'not_found',
        `No participant ${participantId} on record (already deleted, or never there).`,
      );
    const plan = await this.plan();
    const tables = [];
    for (const table of plan) {
      const keys = await this.deps.deleter.keysOf(table, participantId);
      tables.push({
        table: table.table,
        kind: table.kind,
        rows: await this.deps.deleter.count(table, participantId, keys),
        statement: this.deps.deleter.statementFor(table, keys) ?? null,
      });
    }
    return {
      participantId,
      organisation: facts.name,
      status: facts.status,
      deadline: facts.deletion_deadline,
      tables,
      files: await this.deps.files.count(participantId),
      confirmation: confirmationOf(participantId, plan),
    };
  }

  /** An operator's run: only after the dry run of the same plan, and only for a participant that left. */
  async runConfirmed(participantId: string, confirmation: string, by: string): Promise<RunOutcome> {
    const latest = latestRun(await this.deps.store.steps(participantId));
    const unfinished = latest !== undefined && !latest.some((s) => s.step === 'certified');
    if (!unfinished && confirmation !== confirmationOf(participantId, await this.plan())) {
      throw new ApiError(
        409,
        'dry_run_required',
        'Run the dry run first (POST …/deletion/dry-run) and send its confirmation: the plan has changed or was not seen.',
      );
    }
    return this.run(participantId, by);
  }

  /**
   * Starts a run, or finishes the participant's unfinished one. One at a time per participant in this
   * process (the job and an operator's run may meet); across processes the jobs run on one gateway only.
   */
  run(participantId: string, by: string): Promise<RunOutcome> {
    const previous = this.running.get(participantId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.runAlone(participantId, by));
    this.running.set(participantId, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (this.running.get(participantId) === next) this.running.delete(participantId);
      });
    return next;
  }

  private async runAlone(participantId: string, by: string): Promise<RunOutcome> {
    const steps = await this.deps.store.steps(participantId);
    const last = latestRun(steps);
    if (last && last.some((s) => s.step === 'certified')) {
      const facts = await this.deps.store.facts(participantId);
      if (!facts) return { outcome: 'already_deleted', runId: last[0]!.run_id };
    }
    const open = last && !last.some((s) => s.step === 'certified') ? last : undefined;
    try {
      return await (open ? this.continueRun(participantId, open, by) : this.startRun(participantId, by));
    } catch (error) {
      // Shown to operators on the calendar; the run stays unfinished and the job retries it.
      const latest = latestRun(await this.deps.store.steps(participantId));
      const runId = latest && !latest.some((s) => s.step === 'certified') ? latest[0]!.run_id : undefined;
      if (runId && !(error instanceof ApiError)) {
        await this.deps.store
          .recordStep({
            run_id: runId,
            participant_id: participantId,
            step: 'failed',
            detail: (error as Error).message.slice(0, 2000),
            by,
          })
          .catch(() => undefined);
      }
      throw error;
    }
  }

  private async startRun(participantId: string, by: string): Promise<RunOutcome> {
    const facts = await this.deps.store.facts(participantId);
    if (!facts) throw new ApiError(404, 'not_found', `No participant ${participantId} on record.`);
    if (!(LEAVING_STATUSES as readonly string[]).includes(facts.status)) {
      throw new ApiError(
        409,
        'participant_not_left',
        `The participant is "${facts.status}"; data is deleted only after it left (${LEAVING_STATUSES.join(', ')}).`,
      );
    }
    const runId = randomUUID();
    const plan = await this.plan();
    const counts: Record<string, number> = {};
    const keys: Record<string, string[]> = {};
    for (const table of plan) {
      keys[table.table] = await this.deps.deleter.keysOf(table, participantId);
      counts[table.table] = await this.deps.deleter.count(table, participantId, keys[table.table]!);
    }
    await this.deps.store.recordStep({
      run_id: runId,
      participant_id: participantId,
      step: 'started',
      organisation: facts.name,
      contact_email: facts.contact_email,
      deadline: facts.deletion_deadline ?? '1970-01-01',
      deadline_basis: facts.deletion_basis || 'default',
      agreed_with: facts.deletion_agreed_with,
      agreed_at: facts.deletion_agreed_at,
      counts,
      files: await this.deps.files.count(participantId),
      // The keys through which tables reach the participant: verification still finds their rows once the key table is gone.
      detail: JSON.stringify({ keys }),
      by,
    });
    this.deps.logger.info({ participantId, runId, tables: plan.length }, 'deletion started');
    return this.continueRun(participantId, await this.runSteps(participantId, runId), by);
  }

  private async continueRun(participantId: string, steps: RunStepRow[], by: string): Promise<RunOutcome> {
    const started = steps.find((s) => s.step === 'started')!;
    const runId = started.run_id;
    const recordedKeys = (JSON.parse(started.detail || '{}') as { keys?: Record<string, string[]> }).keys ?? {};
    const done = new Set(steps.filter((s) => s.step === 'table_deleted').map((s) => s.table_name));
    const plan = await this.plan();
    const keysFor = async (table: PlannedTable) => [
      ...new Set([...(recordedKeys[table.table] ?? []), ...(await this.deps.deleter.keysOf(table, participantId))]),
    ];

    for (const table of plan) {
      if (done.has(table.table)) continue;
      await this.deps.deleter.delete(table, participantId, await keysFor(table));
      await this.deps.store.recordStep({
        run_id: runId,
        participant_id: participantId,
        step: 'table_deleted',
        table_name: table.table,
        by,
      });
      await this.deps.onTableDeleted?.(table.table);
    }
    await this.deps.files.delete(participantId);
    await this.deps.store.recordStep({ run_id: runId, participant_id: participantId, step: 'files_deleted', by });

    let remaining: Record<string, number> = {};
    let filesLeft = 0;
    for (let attempt = 1; attempt <= VERIFY_ATTEMPTS; attempt++) {
      remaining = {};
      for (const table of plan)
        remaining[table.table] = await this.deps.deleter.count(table, participantId, await keysFor(table));
      filesLeft = await this.deps.files.count(participantId);
      const left = Object.entries(remaining).filter(([, n]) => n > 0);
      if (left.length === 0 && filesLeft === 0) break;
      await this.deps.store.recordStep({
        run_id: runId,
        participant_id: participantId,
        step: 'verification_failed',
        counts: Object.fromEntries(left),
        files: filesLeft,
        detail: `attempt ${attempt}`,
        by,
      });
      this.deps.logger.warn(
        { participantId, runId, left: Object.fromEntries(left), filesLeft, attempt },
        'deletion verification found rows; deleting again',
      );
      for (const [name] of left) {
        const table = plan.find((t) => t.table === name)!;
        await this.deps.deleter.delete(table, participantId, await keysFor(table));
      }
      await this.deps.files.delete(participantId);
    }
    const complete = filesLeft === 0 && Object.values(remaining).every((n) => n === 0);
    if (!complete) {
      await this.deps.store.recordStep({
        run_id: runId,
        participant_id: participantId,
        step: 'failed',
        counts: remaining,
        files: filesLeft,
        detail: 'rows or files remain after deleting again; the job retries',
        by,
      });
      return { outcome: 'failed', runId, remaining, filesLeft };
    }
    await this.deps.store.recordStep({
      run_id: runId,
      participant_id: participantId,
      step: 'verified',
      counts: remaining,
      files: 0,
      by,
    });
    const certificate = await issueCertificate(this.deps, { participantId, plan, started, remaining });
    await this.deps.store.recordStep({
      run_id: runId,
      participant_id: participantId,
      step: 'certified',
      detail: certificate.sha256,
      by,
    });
    this.deps.logger.info(
      { participantId, runId, certificateId: certificate.certificateId },
      'deletion verified and certified',
    );
    return { outcome: 'certified', runId, certificateId: certificate.certificateId, sha256: certificate.sha256 };
  }

  private async runSteps(participantId: string, runId: string): Promise<RunStepRow[]> {
    return (await this.deps.store.steps(participantId)).filter((s) => s.run_id === runId);
  }
}

function latestRun(steps: RunStepRow[]): RunStepRow[] | undefined {
  const starts = steps.filter((s) => s.step === 'started');
  const latest = starts.at(-1);
  return latest ? steps.filter((s) => s.run_id === latest.run_id) : undefined;
}

function confirmationOf(participantId: string, plan: readonly PlannedTable[]): string {
  return sha256Hex(`${participantId}:${plan.map((t) => t.table).join(',')}`).slice(0, 16);
}
