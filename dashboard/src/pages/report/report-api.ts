import { api, query } from '../../api/api-client.js';
import { language } from '../../i18n/i18n.js';

/** The report page's calls: the participant's health (GET …/health), its name, its hardware summary, and "evaluate now". */
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type Localised = { ja: string; en: string };

export interface FailingPolicy {
  policy_id: string;
  slug: string;
  severity: Severity;
  title: Localised;
  remediation: Localised;
  devices: { device_id: string; hostname: string; detail: string; failing_since: string | null }[];
}

export interface RemediatedPolicy {
  policy: { slug: string; severity: Severity; title: Localised; remediation: Localised };
  device_id: string;
  hostname: string;
  passing_since: string;
}

export interface HealthReport {
  score: number | null;
  evaluatedAt: string | null;
  trend: { day: string; score: number }[];
  devices: { device_id: string; hostname: string; score: number | null; failing: number }[];
  failing: FailingPolicy[];
  remediated: RemediatedPolicy[];
  disclaimer: Localised;
}

export interface InventoryOverview {
  devices: number;
  by_os: { os_name: string; os_version: string; devices: number }[];
  by_model: { manufacturer: string; model: string; devices: number }[];
}

export const REPORT_PERIODS = [7, 30, 90] as const;
export const DEFAULT_PERIOD = 30;

/** `?days=` as one of the offered periods (anything else falls back to 30). */
export function periodFrom(params: URLSearchParams): number {
  const days = Number(params.get('days'));
  return (REPORT_PERIODS as readonly number[]).includes(days) ? days : DEFAULT_PERIOD;
}

const base = (participantId: string) => `/api/v1/participants/${participantId}`;

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export async function fetchHealthReport(participantId: string, days: number): Promise<HealthReport> {
  const report = await api<HealthReport>('GET', `${base(participantId)}/health${query({ days })}`);
  // The server sorts them already; the page must not depend on it.
  const failing = [...report.failing].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.devices.length - a.devices.length);
  const remediated = [...report.remediated].sort((a, b) => b.passing_since.localeCompare(a.passing_since));
  return { ...report, failing, remediated };
}

export async function fetchParticipantName(participantId: string): Promise<string> {
  return (await api<{ participant: { name: string } }>('GET', base(participantId))).participant.name;
}

export async function fetchInventoryOverview(participantId: string): Promise<InventoryOverview> {
  const summary = await api<InventoryOverview>('GET', `${base(participantId)}/inventory/hardware`);
  return {
    devices: Number(summary.devices),
    by_os: summary.by_os.map((row) => ({ ...row, devices: Number(row.devices) })),
    by_model: summary.by_model.map((row) => ({ ...row, devices: Number(row.devices) })),
  };
}

export async function evaluateNow(participantId: string): Promise<void> {
  await api('POST', `${base(participantId)}/health/evaluate`);
}

export const reportPdfUrl = (participantId: string, days: number) => `${base(participantId)}/health/report.pdf${query({ days })}`;
export const devicePagePath = (participantId: string, deviceId: string) => `/participants/${participantId}/devices/${deviceId}`;

/** The text in the reader's language (Japanese when the English one is missing). */
export const localised = (text: Localised): string => (language() === 'en' && text.en ? text.en : text.ja);
