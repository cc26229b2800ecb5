import type { HealthStore, PolicyRecord } from './health-store.js';
import { dailyTrend, deviceScore, participantScore, type Severity } from './scores.js';

/**
 * A participant's health as it reads it: the overall score and its daily trend, each device's score,
 * and the failing policies with the advice, the devices failing and since when.
 */
const NEVER = '1970-01-01 00:00:00.000';

export async function healthReport(store: HealthStore, participantId: string, trendDays: number) {
  const [policies, devices, latest, history] = await Promise.all([
    store.policies(),
    store.activeDevices(participantId),
    store.latestResults(participantId),
    store.scoreHistory(participantId, new Date(Date.now() - trendDays * 86_400_000)),
  ]);
  const policyById = new Map(policies.map((policy) => [policy.policy_id, policy]));
  const hostOf = new Map(devices.map((device) => [device.device_id, device.hostname]));
  const current = latest.filter((row) => hostOf.has(row.device_id) && policyById.get(row.policy_id)?.enabled);
  const deviceRows = devices.map((device) => {
    const mine = current.filter((row) => row.device_id === device.device_id);
    return {
      device_id: device.device_id,
      hostname: device.hostname,
      score: deviceScore(mine.map((row) => ({ severity: row.severity, status: row.status }))),
      failing: mine.filter((row) => row.status === 'fail').length,
    };
  });
  const failing = [
    ...groupBy(
      current.filter((row) => row.status === 'fail'),
      (row) => row.policy_id,
    ),
  ].map(([policyId, rows]) => {
    const policy = policyById.get(policyId)!;
    return {
      ...describe(policy),
      devices: rows.map((row) => ({
        device_id: row.device_id,
        hostname: hostOf.get(row.device_id) ?? '',
        detail: finding(row),
        failing_since: row.failing_since === NEVER ? null : row.failing_since,
      })),
    };
  });
  failing.sort(
    (a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || b.devices.length - a.devices.length,
  );
  const remediated = current
    .filter((row) => row.status === 'pass' && row.last_fail !== NEVER && row.passing_since !== NEVER)
    .map((row) => ({
      policy: describe(policyById.get(row.policy_id)!),
      device_id: row.device_id,
      hostname: hostOf.get(row.device_id) ?? '',
      passing_since: row.passing_since,
    }));
  return {
    score: participantScore(deviceRows.map((row) => row.score)),
    evaluatedAt: current.reduce<string | null>(
      (latestAt, row) => (latestAt === null || row.evaluated_at > latestAt ? row.evaluated_at : latestAt),
      null,
    ),
    trend: dailyTrend(history.map((point) => ({ evaluated_at: point.evaluated_at, score: Number(point.score) }))),
    devices: deviceRows,
    failing,
    remediated,
    disclaimer: {
      ja: '本サービスは端末の状態を確認して助言するものであり、リスクそのものを取り除くものではありません。助言に基づく対応は参加者ご自身の責任で行ってください（利用規約第1条・第17条）。',
      en: 'The service checks your PCs and advises; it does not itself remove risks. Acting on the advice is your own responsibility (terms art. 1, 17).',
    },
  };
}

/** One device's verdict on every enabled policy, with the advice, since when it fails, and since when it was fixed. */
export async function deviceHealth(store: HealthStore, participantId: string, deviceId: string) {
  const [policies, latest] = await Promise.all([store.policies(), store.latestResults(participantId)]);
  const policyById = new Map(policies.map((policy) => [policy.policy_id, policy]));
  const mine = latest.filter((row) => row.device_id === deviceId && policyById.get(row.policy_id)?.enabled);
  const policiesOut = mine
    .map((row) => ({
      ...describe(policyById.get(row.policy_id)!),
      status: row.status,
      detail: finding(row),
      evaluated_at: row.evaluated_at,
      failing_since: row.status === 'fail' && row.failing_since !== NEVER ? row.failing_since : null,
      passing_since:
        row.status === 'pass' && row.last_fail !== NEVER && row.passing_since !== NEVER ? row.passing_since : null,
    }))
    .sort(
      (a, b) =>
        Number(b.status === 'fail') - Number(a.status === 'fail') ||
        SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity],
    );
  return {
    score: deviceScore(mine.map((row) => ({ severity: row.severity, status: row.status }))),
    policies: policiesOut,
  };
}

/** The finding in both languages; a policy that answers no English (a custom one may not) shows its own text in both. */
function finding(row: { detail: string; detail_en: string }) {
  return { ja: row.detail, en: row.detail_en || row.detail };
}

const SEVERITY_ORDER: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

function describe(policy: PolicyRecord) {
  return {
    policy_id: policy.policy_id,
    slug: policy.slug,
    severity: policy.severity,
    title: { ja: policy.title_ja, en: policy.title_en },
    remediation: { ja: policy.remediation_ja, en: policy.remediation_en },
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
