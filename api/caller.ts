import { ACCESS_PURPOSES } from '../contract/common.js';

/**
 * Who is calling: resolved from the session on the server for every route that is not public.
 * Routes never trust a participant id sent by the client; they compare it with `participantScope`.
 */
export { ACCESS_PURPOSES };
/** Terms art. 15: the only purposes for which the operator may look at a participant's data. */
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

export type AccountRole = 'operator' | 'participant_user';

export interface Caller {
  accountId: string;
  loginName: string;
  displayName: string;
  role: AccountRole;
  participantId: string | null;
  /** Participants whose data this caller may read: its own and, after a succession (art. 4), its predecessors'. */
  participantScope: readonly string[];
  sessionHash: string;
  purpose: AccessPurpose | null;
  purposeNote: string;
  /** How the session token came: a browser cookie (CSRF-checked) or an Authorization header (scripts). */
  via: 'cookie' | 'bearer';
  csrfToken: string;
  mustChangePassword: boolean;
}

export interface RequestOrigin {
  ip: string;
  userAgent: string;
}

export type CallerResolution = { ok: true; caller: Caller } | { ok: false; code: string; message: string };

/** Implemented by the accounts store: turns a session token into a caller, or says why not. */
export interface CallerResolver {
  resolve(sessionToken: string, via: Caller['via']): Promise<CallerResolution>;
}

/** Implemented by the access audit (art. 15): one record per participant whose data an operator saw. */
export interface AccessRecorder {
  record(entry: {
    caller: Caller;
    participantIds: readonly string[];
    route: string;
    what: string;
    target: string;
    ip: string;
  }): Promise<void>;
}
