import { z } from 'zod';
import { day, localised, time, uuid } from './common.js';

/** Health policies, their evaluation, and a participant's health report. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

export const policy = z.object({
  policy_id: uuid,
  current_version: z.number(),
  slug: z.string(),
  builtin: z.boolean(),
  enabled: z.boolean(),
  severity,
  title_ja: z.string(),
  title_en: z.string(),
  description_ja: z.string(),
  description_en: z.string(),
  remediation_ja: z.string(),
  remediation_en: z.string(),
  query: z.string(),
  /** Devices failing it in every participant's latest evaluation, and when that was (policy list only). */
  failing_devices: z.number().optional(),
  last_evaluated_at: z.string().nullable().optional(),
});
export type Policy = z.infer<typeof policy>;
export const policyList = z.object({
  policies: z.array(policy),
  tables: z.record(z.string(), z.object({ description: localised, sql: z.string() })),
});
export const policySaved = z.object({ policyId: uuid, version: z.number() });
export const policyTried = z.object({
  verdicts: z.array(
    z.object({ device_id: z.string(), passed: z.boolean(), detail: z.string(), detail_en: z.string() }),
  ),
  devices: z.number(),
});
export type PolicyTried = z.infer<typeof policyTried>;
export const evaluationDone = z.object({
  evaluationId: uuid,
  policies: z.number(),
  devices: z.number(),
  failures: z.number(),
  errors: z.array(z.string()),
});

const policyDescription = z.object({
  policy_id: uuid,
  slug: z.string(),
  severity,
  title: localised,
  remediation: localised,
});
/**
 * What a policy found on a device, in both languages as the title and advice beside it: `en` is the policy's
 * `detail_en`, or its `detail` when the policy answers no English (custom policies may not), so a reader in
 * either language always has the finding.
 */
const finding = localised;
export const failingPolicy = policyDescription.extend({
  devices: z.array(
    z.object({ device_id: uuid, hostname: z.string(), detail: finding, failing_since: time.nullable() }),
  ),
});
export type FailingPolicy = z.infer<typeof failingPolicy>;
export const remediatedPolicy = z.object({
  policy: policyDescription,
  device_id: uuid,
  hostname: z.string(),
  passing_since: time,
});
export type RemediatedPolicy = z.infer<typeof remediatedPolicy>;
export const healthReport = z.object({
  score: z.number().nullable(),
  evaluatedAt: time.nullable(),
  trend: z.array(z.object({ day, score: z.number() })),
  devices: z.array(
    z.object({ device_id: uuid, hostname: z.string(), score: z.number().nullable(), failing: z.number() }),
  ),
  failing: z.array(failingPolicy),
  remediated: z.array(remediatedPolicy),
  disclaimer: localised,
});
export type HealthReport = z.infer<typeof healthReport>;

export const deviceHealth = z.object({
  score: z.number().nullable(),
  policies: z.array(
    policyDescription.extend({
      status: z.enum(['pass', 'fail', 'unknown']),
      detail: finding,
      evaluated_at: time,
      failing_since: time.nullable(),
      passing_since: time.nullable(),
    }),
  ),
});
export type DeviceHealth = z.infer<typeof deviceHealth>;

/** A device's antivirus per JST day (newest first), from its agent's health checks. */
export const antivirusHistory = z.object({
  days: z.array(
    z.object({
      /** The JST date, YYYY-MM-DD. */
      day: z.string(),
      /** The product the agent found running (the last one of the day), or null when none ran. */
      product: z.string().nullable(),
      /** Real-time protection at every check of the day, at none, at some, or no verdict. */
      protection: z.enum(['on', 'off', 'partly_off', 'unknown']),
      /** When it was first found stopped that day. */
      stoppedAt: time.nullable(),
      /** The oldest definitions the day's checks reported, in days (null when the agent could not read them). */
      oldestDefinitionsDays: z.number().nullable(),
    }),
  ),
});
export type AntivirusHistory = z.infer<typeof antivirusHistory>;

/** Each device's antivirus over the report's period (the printed report's table), by host name. */
export const antivirusSummary = z.object({
  devices: z.array(
    z.object({
      deviceId: uuid,
      hostname: z.string(),
      /** The product last found running, or null when none was. */
      product: z.string().nullable(),
      /** JST days with a real-time protection check. */
      daysChecked: z.number(),
      /** Days real-time protection was found stopped at some check; `daysOff`: at every check of the day. */
      daysStopped: z.number(),
      daysOff: z.number(),
      lastStoppedAt: time.nullable(),
      /** The definitions' age in days at the newest check, and the oldest of the period; null when never read. */
      newestDefinitionsDays: z.number().nullable(),
      oldestDefinitionsDays: z.number().nullable(),
    }),
  ),
});
export type AntivirusSummary = z.infer<typeof antivirusSummary>;

/** The answers as types (what the dashboard and the tests read). */
export type PolicyList = z.infer<typeof policyList>;
export type PolicySaved = z.infer<typeof policySaved>;
export type EvaluationDone = z.infer<typeof evaluationDone>;
