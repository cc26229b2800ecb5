import { api, query } from '../../api/api-client.js';
import { language } from '../../i18n/i18n.js';
import type {
  AntivirusSummary,
  HardwareSummary,
  HealthReport,
  Localised,
  ParticipantAnswer,
  Severity,
} from '../../api/contract.js';

/** The report page's calls: the participant's health (GET …/health), its name, its hardware summary, and "evaluate now". */
export type { FailingPolicy, HealthReport, Localised, RemediatedPolicy, Severity } from '../../api/contract.js';

export type InventoryOverview = Pick<HardwareSummary, 'devices' | 'by_os' | 'by_model'>;

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
  const failing = [...report.failing].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.devices.length - a.devices.length,
  );
  const remediated = [...report.remediated].sort((a, b) => b.passing_since.localeCompare(a.passing_since));
  return { ...report, failing, remediated };
}

export async function fetchParticipantName(participantId: string): Promise<string> {
  return (await api<ParticipantAnswer>('GET', base(participantId))).participant.name;
}

export async function fetchInventoryOverview(participantId: string): Promise<InventoryOverview> {
  const summary = await api<HardwareSummary>('GET', `${base(participantId)}/inventory/hardware`);
  return {
    devices: Number(summary.devices),
    by_os: summary.by_os.map((row) => ({ ...row, devices: Number(row.devices) })),
    by_model: summary.by_model.map((row) => ({ ...row, devices: Number(row.devices) })),
  };
}

/** Each PC's antivirus over the report's period (GET …/health/antivirus). */
export async function fetchAntivirusSummary(participantId: string, days: number): Promise<AntivirusSummary> {
  return await api<AntivirusSummary>('GET', `${base(participantId)}/health/antivirus${query({ days })}`);
}

export async function evaluateNow(participantId: string): Promise<void> {
  await api('POST', `${base(participantId)}/health/evaluate`);
}

/** The PDF in the reader's language: the server renders the report page in the language it is asked for. */
export const reportPdfUrl = (participantId: string, days: number) =>
  `${base(participantId)}/health/report.pdf${query({ days, lang: language() })}`;
export const devicePagePath = (participantId: string, deviceId: string) =>
  `/participants/${participantId}/devices/${deviceId}`;

/** The text in the reader's language (Japanese when the English one is missing). */
export const localised = (text: Localised): string => (language() === 'en' && text.en ? text.en : text.ja);
