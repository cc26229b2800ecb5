import { api, ApiFailure } from './api-client.js';

/** Who is signed in, as the server says (GET /api/v1/auth/session). */
export interface Session {
  accountId: string;
  loginName: string;
  displayName: string;
  role: 'operator' | 'participant_user';
  participantId: string | null;
  participantScope: string[];
  csrfToken: string;
  purpose: 'maintenance' | 'operation' | 'improvement' | null;
  purposeNote: string;
  mustChangePassword: boolean;
}

export async function loadSession(): Promise<Session | null> {
  try {
    return await api<Session>('GET', '/api/v1/auth/session');
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return null;
    throw error;
  }
}

export function signIn(loginName: string, password: string) {
  return api<{ account: { login_name: string } }>('POST', '/api/v1/auth/login', { loginName, password });
}

export function signOut() {
  return api('POST', '/api/v1/auth/logout');
}
