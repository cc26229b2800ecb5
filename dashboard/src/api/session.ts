import { api, ApiFailure } from './api-client.js';
import type { Session, SignedIn } from './contract.js';

/** Who is signed in, as the server says (GET /api/v1/auth/session). */
export type { Session } from './contract.js';

export async function loadSession(): Promise<Session | null> {
  try {
    return await api<Session>('GET', '/api/v1/auth/session');
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return null;
    throw error;
  }
}

export function signIn(loginName: string, password: string) {
  return api<SignedIn>('POST', '/api/v1/auth/login', { loginName, password });
}

export function signOut() {
  return api('POST', '/api/v1/auth/logout');
}
