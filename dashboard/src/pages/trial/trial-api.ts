import { api } from '../../api/api-client.js';
import type { TrialAnswer } from '../../api/contract.js';

/** The trial period (art. 1) and its stop (art. 19), as participants/service-routes.ts serves them. */
export type TrialPeriod = NonNullable<TrialAnswer['trial']>;

export async function fetchTrial(): Promise<TrialPeriod | null> {
  return (await api<TrialAnswer>('GET', '/api/v1/trial')).trial;
}

export async function setTrial(startsOn: string, endsOn: string | null, note: string): Promise<TrialPeriod | null> {
  return (await api<TrialAnswer>('PUT', '/api/v1/admin/trial', { startsOn, endsOn, note })).trial;
}

export async function stopTrial(lastDay: string, reason: string): Promise<TrialPeriod | null> {
  return (await api<TrialAnswer>('POST', '/api/v1/admin/trial/stop', { lastDay, reason })).trial;
}
