import { api } from '../../api/api-client.js';
import type {
  AccountAnswer,
  EnrollmentSecret,
  ParticipantAnswer,
  ParticipantUsers,
  UserIssued,
} from '../../api/contract.js';

/** The operator's page of one participant: its record, enrollment secrets and portal users. */
export type Participant = ParticipantAnswer['participant'];
export type PortalUser = ParticipantUsers['accounts'][number];

export async function fetchParticipant(participantId: string): Promise<Participant> {
  return (await api<ParticipantAnswer>('GET', `/api/v1/participants/${participantId}`)).participant;
}

export async function fetchUsers(participantId: string): Promise<PortalUser[]> {
  return (await api<ParticipantUsers>('GET', `/api/v1/participants/${participantId}/users`)).accounts;
}

export function issueSecret(participantId: string, label: string): Promise<EnrollmentSecret> {
  return api<EnrollmentSecret>('POST', `/api/v1/admin/participants/${participantId}/enrollment-secrets`, { label });
}

export function issueUser(
  participantId: string,
  user: { loginName: string; displayName: string; email: string },
): Promise<UserIssued> {
  return api<UserIssued>('POST', `/api/v1/admin/participants/${participantId}/users`, user);
}

export function suspendUser(accountId: string, reason: string, urgent: boolean): Promise<AccountAnswer> {
  return api<AccountAnswer>('POST', `/api/v1/admin/accounts/${accountId}/suspend`, { reason, urgent });
}

export function reinstateUser(accountId: string, reason: string): Promise<AccountAnswer> {
  return api<AccountAnswer>('POST', `/api/v1/admin/accounts/${accountId}/reinstate`, { reason });
}
