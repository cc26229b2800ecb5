import { z } from 'zod';
import { ACCESS_PURPOSES, ACCOUNT_ROLES, ACCOUNT_STATUS_REASONS, time, uuid } from './common.js';

/** Signing in, the session, and an account as the API shows it (never its password hash). */
export const account = z.object({
  account_id: uuid,
  current_version: z.number(),
  login_name: z.string(),
  display_name: z.string(),
  email: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  participant_id: uuid.nullable(),
  must_change_password: z.boolean(),
  status: z.enum(['active', 'suspended']),
  /** As recorded (English for the reasons the server writes): for logs; pages show the two fields below. */
  status_reason: z.string(),
  status_reason_code: z.enum(ACCOUNT_STATUS_REASONS),
  status_reason_detail: z.string(),
  pending_suspension_at: time.nullable(),
  pending_suspension_reason: z.string(),
  created_at: time,
  last_changed_at: time,
});
export type Account = z.infer<typeof account>;

/** What an account sees of itself (GET /api/v1/me). */
export const ownAccount = account.pick({
  account_id: true,
  login_name: true,
  display_name: true,
  email: true,
  role: true,
  participant_id: true,
  must_change_password: true,
  status: true,
});
export type OwnAccount = z.infer<typeof ownAccount>;

export const signedIn = z.object({ sessionToken: z.string(), csrfToken: z.string(), expiresAt: time, account });
export type SignedIn = z.infer<typeof signedIn>;

export const session = z.object({
  accountId: uuid,
  loginName: z.string(),
  displayName: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  participantId: uuid.nullable(),
  participantScope: z.array(uuid),
  /** A participant's user: its organisation's registered name; an operator: null. */
  organisation: z.string().nullable(),
  csrfToken: z.string(),
  purpose: z.enum(ACCESS_PURPOSES).nullable(),
  purposeNote: z.string(),
  mustChangePassword: z.boolean(),
});
export type Session = z.infer<typeof session>;

export const signedOut = z.object({ signedOut: z.boolean() });
export const purposeChosen = z.object({ purpose: z.enum(ACCESS_PURPOSES), note: z.string() });
export const passwordChanged = z.object({ changed: z.boolean() });
export const signIns = z.object({
  signIns: z.array(
    z.object({
      at: time,
      ip: z.string(),
      user_agent: z.string(),
      result: z.enum([
        'success',
        'wrong_password',
        'unknown_login',
        'locked',
        'suspended',
        'participant_inactive',
        'unlocked',
      ]),
    }),
  ),
});
export const openSessions = z.object({
  sessions: z.array(
    z.object({
      status: z.enum(['active', 'revoked']),
      created_at: time,
      expires_at: time,
      ip: z.string(),
      user_agent: z.string(),
      access_purpose: z.enum([...ACCESS_PURPOSES, '']),
      current: z.boolean(),
    }),
  ),
});

export const accountList = z.object({ accounts: z.array(account) });
export const accountAnswer = z.object({ account });
/** A created account; a generated password is in the answer once. */
export const accountCreated = z.object({
  account,
  initialPassword: z.string().optional(),
  note: z.string().optional(),
});

/** The desk reset a password: the temporary one is in the answer once and must be changed at the next sign-in. */
export const passwordReset = z.object({ account, temporaryPassword: z.string(), note: z.string() });
/** The desk unlocked a login; `wasLockedUntil` null: it was not locked (its count of failures was reset anyway). */
export const accountUnlocked = z.object({ account, wasLockedUntil: time.nullable() });

/** The answers as types (what the dashboard and the tests read). */
export type SignedOut = z.infer<typeof signedOut>;
export type PurposeChosen = z.infer<typeof purposeChosen>;
export type PasswordChanged = z.infer<typeof passwordChanged>;
export type SignIns = z.infer<typeof signIns>;
export type OpenSessions = z.infer<typeof openSessions>;
export type AccountList = z.infer<typeof accountList>;
export type AccountAnswer = z.infer<typeof accountAnswer>;
export type AccountCreated = z.infer<typeof accountCreated>;
export type PasswordReset = z.infer<typeof passwordReset>;
export type AccountUnlocked = z.infer<typeof accountUnlocked>;
