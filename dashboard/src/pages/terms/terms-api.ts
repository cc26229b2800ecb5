import { api } from '../../api/api-client.js';
import type { PublicNotices, TermsStanding, TermsVersion } from '../../api/contract.js';

/** The terms' routes as the dashboard uses them (notices/terms/ on the server). */
export type { TermsStanding, TermsVersion };

export function fetchTermsStanding(participantId: string): Promise<TermsStanding> {
  return api('GET', `/api/v1/participants/${participantId}/terms`);
}

export function agreeToTerms(participantId: string, version: string): Promise<TermsStanding> {
  return api('POST', `/api/v1/participants/${participantId}/terms/agreement`, { version });
}

export function fetchTermsVersions(): Promise<{ inForce: TermsVersion; versions: TermsVersion[] }> {
  return api('GET', '/api/v1/terms/versions');
}

export async function fetchTermsText(version: string): Promise<string> {
  return (await api<{ terms: { text_ja: string } }>('GET', `/api/v1/terms/versions/${encodeURIComponent(version)}`))
    .terms.text_ja;
}

export async function fetchPublicNotices(): Promise<PublicNotices['notices']> {
  return (await api<PublicNotices>('GET', '/api/v1/public/notices')).notices;
}
