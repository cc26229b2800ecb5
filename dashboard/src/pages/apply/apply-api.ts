import { api } from '../../api/api-client.js';
import type {
  ApplicationAnswered,
  ApplicationForApplicant,
  ApplicationSubmitted,
  TermsDocument,
  TermsInForce,
} from '../../api/contract.js';

/** The public application's calls (terms art. 3): no session; the applicant's token follows the application. */
export type { ApplicationForApplicant, TermsInForce };

export interface ApplicationDetails {
  organisation: string;
  representative: string;
  address: string;
  phone: string;
  contactName: string;
  contactEmail: string;
}

export const DETAIL_FIELDS = [
  'organisation',
  'representative',
  'address',
  'phone',
  'contactName',
  'contactEmail',
] as const satisfies readonly (keyof ApplicationDetails)[];

export function fetchTermsInForce(): Promise<TermsInForce> {
  return api<TermsInForce>('GET', '/api/v1/terms');
}

export async function fetchTermsText(version: string): Promise<string> {
  const { terms } = await api<TermsDocument>('GET', `/api/v1/terms/versions/${encodeURIComponent(version)}`);
  return terms.text_ja;
}

export function submitApplication(details: ApplicationDetails, termsVersion: string) {
  return api<ApplicationSubmitted>('POST', '/api/v1/applications', {
    ...details,
    termsVersion,
    agreeToTerms: true,
  });
}

const tokenHeader = (token: string) => ({ 'x-applicant-token': token });

export function fetchApplication(applicationId: string, token: string): Promise<ApplicationForApplicant> {
  return api<ApplicationForApplicant>('GET', `/api/v1/applications/${applicationId}`, undefined, tokenHeader(token));
}

export function answerApplication(applicationId: string, token: string, answer: string) {
  return api<ApplicationAnswered>(
    'POST',
    `/api/v1/applications/${applicationId}/answer`,
    { answer },
    tokenHeader(token),
  );
}

/** The follow-up address: the token stays in the fragment, which the browser never sends to a server. */
export function followUpPath(applicationId: string, token: string): string {
  return `/apply/${applicationId}#token=${encodeURIComponent(token)}`;
}
