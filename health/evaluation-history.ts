import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { fromClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import type { HealthStore, PolicyRecord } from './health-store.js';
import type { PolicyEvaluation } from './policy-evaluation.js';
import type { PolicyProblem } from '../scoped-query/policy-validation.js';
import { ParticipantSnapshot } from '../scoped-query/participant-snapshot.js';

/**
 * Health history from the data already stored. A policy's verdict can be computed for any past instant (the
 * scoped tables read only what had arrived by `{now}`), so when a participant meets a policy for the first time
 * (a new participant, a demo after its backfill, a policy just added) its verdicts are evaluated at past
 * instants too: "failing since" is then the first failing evaluation of the continuous run the data shows, not
 * the first time Yorozu happened to look, and the trend has the points the data supports.
 *
 * Whole evaluations (every policy new to the participant) are ordinary evaluations at past times, so they
 * make the score trend; evaluations of only some policies carry the trigger prefix POLICY_HISTORY_TRIGGER and
 * are left out of the score trend (a score over a few policies is not the participant's score).
 */
export const POLICY_HISTORY_TRIGGER = 'policy-history';
export const HISTORY_DAYS = 7;
/** Past instants at this spacing on JST boundaries, for every policy new to the participant. */
export const COARSE_STEP_HOURS = 6;
/** Where a failing run began between two coarse instants, the policy is evaluated at this spacing: "failing since" is exact to it. */
export const FINE_STEP_HOURS = 1;
const HOUR_MS = 3_600_000;
const JST_OFFSET_MS = 9 * HOUR_MS;

export class EvaluationHistory {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly store: HealthStore,
    private readonly evaluation: PolicyEvaluation,
    private readonly logger: Logger,
  ) {}

  /**
   * Evaluates, at past instants back to HISTORY_DAYS (or the participant's first stored activity), the enabled
   * policies the participant has no verdicts of yet. Runs before an evaluation at `now`. Returns how many
   * past evaluations it ran.
   */
  async fillNewPolicies(participantId: string, now: Date, options: HistoryOptions = {}): Promise<number> {
    const enabled = (await this.store.policies()).filter((policy) => policy.enabled);
    const known = new Set(
      (
        await selectRows<{ policy_id: string }>(
          this.client,
          'health/policies-with-results',
          { participant: participantId },
          'health:history',
        )
      ).map((row) => row.policy_id),
    );
    const fresh = enabled.filter((policy) => !known.has(policy.policy_id));
    if (fresh.length === 0) return 0;
    const instants = await this.pastInstants(participantId, now);
    const whole = fresh.length === enabled.length;
    const trigger = whole ? 'history' : `${POLICY_HISTORY_TRIGGER}:${fresh.map((p) => p.slug).join(',')}`;
    if (instants.length === 0) return 0;
    // One p_events for every past instant (the fine ones lie between the coarse ones): each evaluation reads its
    // own 30-day window of it instead of taking the events again (issue 23: most of the first run's time).
    const span = await ParticipantSnapshot.takeEventsSpan(
      this.client,
      participantId,
      instants[0]!,
      instants[instants.length - 1]!,
      (whole ? enabled : fresh).map((policy) => policy.query),
    );
    const withSpan = { ...options, eventsSpan: span };
    const evaluations: string[] = [];
    let refined: number;
    try {
      for (const at of instants) {
        const done = await this.evaluation.evaluate(participantId, at, trigger, whole ? undefined : fresh, withSpan);
        evaluations.push(done.evaluationId);
      }
      refined = await this.refineRunStarts(participantId, fresh, evaluations, withSpan);
    } finally {
      await span.drop();
    }
    this.logger.info(
      { participantId, policies: fresh.length, evaluations: instants.length + refined },
      'health history evaluated from stored data',
    );
    return instants.length + refined;
  }

  /**
   * Each failing run that began between two coarse instants: the policy at the fine steps in between. The
   * policies whose runs began at the same coarse instant are evaluated together at each fine step (one
   * evaluation, one snapshot, rather than one per policy: issue 23, the first run of 50 policies spent most of
   * its time here); each gets the same verdicts at the same instants as alone.
   */
  private async refineRunStarts(
    participantId: string,
    policies: readonly PolicyRecord[],
    evaluations: readonly string[],
    options: HistoryOptions,
  ): Promise<number> {
    if (evaluations.length === 0) return 0;
    const verdicts = await selectRows<Verdict>(
      this.client,
      'health/history-verdicts',
      { participant: participantId, evaluations },
      'health:history',
    );
    const startingAt = new Map<string, PolicyRecord[]>();
    for (const start of failingRunStarts(verdicts)) {
      const policy = policies.find((candidate) => candidate.policy_id === start.policyId);
      if (policy) startingAt.set(start.evaluatedAt, [...(startingAt.get(start.evaluatedAt) ?? []), policy]);
    }
    let runs = 0;
    for (const [evaluatedAt, starting] of startingAt) {
      const at = fromClickHouseTime(evaluatedAt).getTime();
      const trigger = `${POLICY_HISTORY_TRIGGER}:${starting.map((policy) => policy.slug).join(',')}`;
      for (let hours = COARSE_STEP_HOURS - FINE_STEP_HOURS; hours > 0; hours -= FINE_STEP_HOURS) {
        await this.evaluation.evaluate(participantId, new Date(at - hours * HOUR_MS), trigger, starting, options);
        runs += 1;
      }
    }
    return runs;
  }

  private async pastInstants(participantId: string, now: Date): Promise<Date[]> {
    const [first] = await selectRows<{ first_hour: string; hours: string | number }>(
      this.client,
      'health/earliest-activity',
      { participant: participantId },
      'health:history',
    );
    if (!first || Number(first.hours) === 0) return [];
    return historyInstants(fromClickHouseTime(first.first_hour), now);
  }
}

/**
 * Every step boundary (JST) after `firstActivity` and within HISTORY_DAYS before `now`, oldest first, `now`
 * itself excluded (the regular evaluation covers it).
 */
export function historyInstants(firstActivity: Date, now: Date): Date[] {
  const step = COARSE_STEP_HOURS * HOUR_MS;
  const earliest = Math.max(firstActivity.getTime(), now.getTime() - HISTORY_DAYS * 24 * HOUR_MS);
  const start = Math.floor((earliest + JST_OFFSET_MS) / step) * step - JST_OFFSET_MS + step;
  const instants: Date[] = [];
  for (let at = start; at < now.getTime(); at += step) instants.push(new Date(at));
  return instants;
}

/** `parsed`: the parse-tree check of each policy text, remembered over the caller's run. */
export interface HistoryOptions {
  parsed?: Map<string, PolicyProblem | null>;
  eventsSpan?: ParticipantSnapshot;
}

interface Verdict {
  policy_id: string;
  device_id: string;
  evaluated_at: string;
  status: string;
}

/**
 * The coarse instants at which some device's failing run of a policy began (it failed there and had not failed
 * at the previous instant), one per policy and instant. A run already failing at the first instant began
 * before the history and is left as it is.
 */
export function failingRunStarts(verdicts: readonly Verdict[]): { policyId: string; evaluatedAt: string }[] {
  const previous = new Map<string, string>();
  const starts = new Map<string, { policyId: string; evaluatedAt: string }>();
  for (const verdict of [...verdicts].sort((a, b) => a.evaluated_at.localeCompare(b.evaluated_at))) {
    const key = `${verdict.policy_id}/${verdict.device_id}`;
    const before = previous.get(key);
    if (verdict.status === 'fail' && before !== undefined && before !== 'fail')
      starts.set(`${verdict.policy_id}/${verdict.evaluated_at}`, {
        policyId: verdict.policy_id,
        evaluatedAt: verdict.evaluated_at,
      });
    previous.set(key, verdict.status);
  }
  return [...starts.values()];
}
