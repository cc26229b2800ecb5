import type { ClickHouseClient } from '@clickhouse/client';
import type { ScheduledJob } from '../common/scheduled-job.js';
import type { createDetectionsDomain } from '../detections/detections-domain.js';
import { ruleQueries } from '../detections/detection-run.js';
import type { createHealthDomain } from '../health/health-domain.js';
import { ParticipantSnapshot } from '../scoped-query/participant-snapshot.js';
import { SNAPSHOT_SWEEP_AGE_MS, sweepLeftoverSnapshots } from '../scoped-query/snapshot-sweep.js';
import type { PolicyProblem } from '../scoped-query/policy-validation.js';

/**
 * The scheduled evaluation (issue 23, step 4): for each participant taking part, the health policies and the
 * detection rules over one snapshot of its scoped tables, taken once and dropped after (scoped-query/); each rule
 * reads only the events that arrived since its last run (detections/detection-watermarks.ts). The
 * policies and rules are read once per run, and each policy text is parse-checked once per run. A policy new
 * to a participant first gets its verdicts at past instants (health/evaluation-history.ts), as before.
 *
 * The result carries the run's costs, summed over participants: `ms:snapshot` (and `ms:snapshot:<table>` for
 * each scoped table taken), `ms:policies` (one query per participant, and the write), `ms:rules` (the whole
 * detection step), of it `ms:rules:query` (the rules' queries, one per participant and arrival range, checks
 * included) and `ms:rules:write` (comparing and writing the findings); with `rules` (enabled), `rules-run`
 * (summed over participants: those not up to date) and `rule-queries`. The rules of a query share its time, so
 * there is no cost per rule; an operator's trial of a rule (tryRule) runs it alone.
 */
export function evaluationJob(deps: {
  client: ClickHouseClient;
  cron: string;
  health: ReturnType<typeof createHealthDomain>;
  detections: ReturnType<typeof createDetectionsDomain>;
  participantsTakingPart: () => Promise<string[]>;
}): ScheduledJob {
  return {
    name: 'health-evaluation',
    cron: deps.cron,
    description:
      'Evaluates the enabled health policies and detection rules for every participant that takes part, over one snapshot of its data per run; verdicts and findings are generated data.',
    async run(now) {
      // Snapshot tables of a run that crashed on this or another gateway (old enough to be nobody's current run).
      await sweepLeftoverSnapshots(deps.client, new Date(Date.now() - SNAPSHOT_SWEEP_AGE_MS));
      let current: ParticipantSnapshot | undefined;
      try {
        return await evaluateAll(now, (snapshot) => (current = snapshot));
      } catch (error) {
        // A failed run may have failed to drop its own snapshot too: try once more, then the old leftovers.
        await current?.drop().catch(() => undefined);
        await sweepLeftoverSnapshots(deps.client, new Date(Date.now() - SNAPSHOT_SWEEP_AGE_MS)).catch(() => []);
        throw error;
      }
    },
  };

  async function evaluateAll(now: Date, taken: (snapshot: ParticipantSnapshot) => void) {
    const costs: Record<string, number> = {
      'ms:snapshot': 0,
      'ms:policies': 0,
      'ms:rules': 0,
      'ms:rules:query': 0,
      'ms:rules:write': 0,
    };
    const add = (key: string, ms: number) => (costs[key] = (costs[key] ?? 0) + ms);
    let failures = 0;
    let errors = 0;
    let findings = 0;
    const participants = await deps.participantsTakingPart();
    const policies = (await deps.health.store.policies()).filter((policy) => policy.enabled);
    const enabled = await deps.detections.run.enabledRules();
    const policyTexts = policies.map((policy) => policy.query);
    const parsed = new Map<string, PolicyProblem | null>();
    const rulesParsed = new Map<string, PolicyProblem | null>();
    let ruleQueriesRun = 0;
    let rulesRun = 0;
    for (const participantId of participants) {
      await deps.health.history.fillNewPolicies(participantId, now, { parsed });
      // The participant's exceptions may name fields of their own: the snapshot takes what the rules read as run.
      const rules = await deps.detections.run.rulesFor(participantId, enabled);
      let started = performance.now();
      const snapshot = await ParticipantSnapshot.take(deps.client, participantId, now, [
        ...policyTexts,
        ...ruleQueries(rules),
      ]);
      taken(snapshot);
      add('ms:snapshot', performance.now() - started);
      for (const [table, ms] of snapshot.costs) add(`ms:snapshot:${table}`, ms);
      try {
        started = performance.now();
        const health = await deps.health.evaluation.evaluate(participantId, now, 'schedule', policies, {
          snapshot,
          parsed,
        });
        add('ms:policies', performance.now() - started);
        failures += health.failures;
        errors += health.errors.length;
        started = performance.now();
        const detected = await deps.detections.run.runFor(
          participantId,
          now,
          { snapshot, rules, parsed: rulesParsed },
          { full: false },
        );
        add('ms:rules', performance.now() - started);
        add('ms:rules:query', detected.costs.queryMs);
        add('ms:rules:write', detected.costs.writeMs);
        ruleQueriesRun += detected.costs.queries;
        rulesRun += detected.costs.rules;
        findings += detected.findings.length;
        errors += detected.errors.length;
      } finally {
        await snapshot.drop();
      }
    }
    const rounded = Object.fromEntries(Object.entries(costs).map(([key, ms]) => [key, Math.round(ms)]));
    return {
      participants: participants.length,
      failures,
      errors,
      findings,
      rules: enabled.length,
      'rules-run': rulesRun,
      'rule-queries': ruleQueriesRun,
      ...rounded,
    };
  }
}
