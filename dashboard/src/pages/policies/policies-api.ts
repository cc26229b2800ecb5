import { api, ApiFailure, query } from '../../api/api-client.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { language } from '../../i18n/i18n.js';
import type {
  DeviceOverview,
  Localised,
  ParticipantList,
  Policy,
  PolicyList,
  PolicySaved,
  PolicyTried,
  Severity,
} from '../../api/contract.js';

/**
 * The policy editor's calls: the policies and the tables they may read (GET /admin/policies), saving a
 * version (POST / PUT), a trial run on one participant (POST /admin/policies/try), the participants to
 * try on and their devices' host names.
 */
export type { Localised, Policy, Severity } from '../../api/contract.js';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export interface PolicyTable {
  name: string;
  description: Localised;
  sql: string;
}

export interface PolicyCatalogue {
  policies: Policy[];
  tables: PolicyTable[];
}

/** What the editor edits: a policy without its id and version. */
export type PolicyDraft = Omit<Policy, 'policy_id' | 'current_version' | 'builtin'>;

export const EMPTY_DRAFT: PolicyDraft = {
  slug: '',
  severity: 'medium',
  enabled: false,
  title_ja: '',
  title_en: '',
  description_ja: '',
  description_en: '',
  remediation_ja: '',
  remediation_en: '',
  query: "SELECT device_id, 1 AS passed, '' AS detail\nFROM p_devices",
};

export function draftOf(policy: Policy): PolicyDraft {
  const { policy_id: _id, current_version: _version, builtin: _builtin, ...draft } = policy;
  return draft;
}

export type Verdict = PolicyTried['verdicts'][number];
export type TrialRun = PolicyTried;

/** A refused query: the engine's or the validator's reason in both languages. */
export interface PolicyProblem {
  code: string;
  message: Localised;
}

export async function fetchPolicies(): Promise<PolicyCatalogue> {
  const answer = await api<PolicyList>('GET', '/api/v1/admin/policies');
  const policies = answer.policies
    .map((p) => ({
      ...p,
      current_version: Number(p.current_version),
      builtin: Boolean(p.builtin),
      enabled: Boolean(p.enabled),
    }))
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.slug.localeCompare(b.slug));
  const tables = Object.entries(answer.tables).map(([name, table]) => ({ name, ...table }));
  return { policies, tables };
}

const bodyOf = (draft: PolicyDraft) => ({
  slug: draft.slug.trim(),
  severity: draft.severity,
  title: { ja: draft.title_ja, en: draft.title_en },
  description: { ja: draft.description_ja, en: draft.description_en },
  remediation: { ja: draft.remediation_ja, en: draft.remediation_en },
  query: draft.query,
  enabled: draft.enabled,
});

/** A new version of `policyId`, or a new policy when it is null. */
export function savePolicy(policyId: string | null, draft: PolicyDraft): Promise<PolicySaved> {
  return policyId === null
    ? api('POST', '/api/v1/admin/policies', bodyOf(draft))
    : api('PUT', `/api/v1/admin/policies/${policyId}`, bodyOf(draft));
}

export async function tryPolicy(participantId: string, policyQuery: string): Promise<TrialRun> {
  const run = await api<PolicyTried>('POST', '/api/v1/admin/policies/try', { participantId, query: policyQuery });
  return { devices: Number(run.devices), verdicts: run.verdicts.map((v) => ({ ...v, passed: Boolean(v.passed) })) };
}

export async function fetchActiveParticipants(): Promise<{ participant_id: string; name: string }[]> {
  const { participants } = await api<ParticipantList>('GET', '/api/v1/admin/participants?status=active');
  return [...participants].sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

/** device id → host name for a participant's first 500 devices (enough to name a trial's verdicts). */
export async function fetchHostnames(participantId: string): Promise<Map<string, string>> {
  const page = await api<DeviceOverview>(
    'GET',
    `/api/v1/participants/${participantId}/device-overview${query({ limit: 500 })}`,
  );
  return new Map(page.devices.map((d) => [d.device_id, d.hostname]));
}

/** The validator's reason in the reader's language, or the catalogue's text of any other failure. */
export function problemText(error: unknown): string {
  if (error instanceof ApiFailure) {
    const problem = error.details.policy as PolicyProblem | undefined;
    if (problem?.message) return language() === 'en' ? problem.message.en : problem.message.ja;
  }
  return apiErrorText(error);
}

export const isPurposeRequired = (error: unknown) =>
  error instanceof ApiFailure && (error.status === 428 || error.code === 'access_purpose_required');

export const localised = (text: Localised): string => (language() === 'en' && text.en ? text.en : text.ja);
export const policyTitle = (policy: Pick<Policy, 'title_ja' | 'title_en'>) =>
  localised({ ja: policy.title_ja, en: policy.title_en });
export const devicePagePath = (participantId: string, deviceId: string) =>
  `/participants/${participantId}/devices/${deviceId}`;
