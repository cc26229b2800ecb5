import { api } from '../../api/api-client.js';
import type { ServiceSuspension, SuspensionLeadTime } from '../../api/contract.js';

/** Suspensions of the service and maintenance windows (art. 8), as participants/service-routes.ts serves them. */
export type { ServiceSuspension, SuspensionLeadTime };

export const SUSPENSION_REASONS = [
  'maintenance',
  'unauthorised_access_defence',
  'disaster',
  'malfunction',
  'legal_request',
  'other',
] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

export interface SuspensionRequest {
  participantId: string | null;
  reasonCode: SuspensionReason;
  note: string;
  urgent: boolean;
  startsAt?: string;
  endsAt?: string;
}

export async function fetchSuspensions(participantId?: string): Promise<ServiceSuspension[]> {
  const path = participantId
    ? `/api/v1/participants/${participantId}/service-suspensions`
    : '/api/v1/admin/service-suspensions';
  return (await api<{ suspensions: ServiceSuspension[] }>('GET', path)).suspensions;
}

export function fetchLeadTime(): Promise<SuspensionLeadTime> {
  return api('GET', '/api/v1/admin/service-suspensions/earliest-start');
}

export function createSuspension(request: SuspensionRequest): Promise<{ suspension: ServiceSuspension }> {
  return api('POST', '/api/v1/admin/service-suspensions', request);
}

export function endSuspension(suspensionId: string): Promise<{ suspension: ServiceSuspension }> {
  return api('POST', `/api/v1/admin/service-suspensions/${suspensionId}/end`);
}
