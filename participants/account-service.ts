import type { Logger } from 'pino';
import type {
  AccessPurpose,
  AccountRole,
  Caller,
  CallerResolution,
  CallerResolver,
  RequestOrigin,
} from '../api/caller.js';
import { ApiError } from '../api/errors.js';
import { csrfTokenFor, newSessionToken, sessionHashOf } from '../api/session-token.js';
import { fromClickHouseTime, toClickHouseTime } from '../common/clickhouse-time.js';
import { NOTICE_TEXTS } from '../notices/notice-texts.js';
import type { NoticeCentre, SendOptions } from '../notices/notice-centre.js';
import { type AccountRecord, type AccountState, type AccountStore } from './account-store.js';
import type { ParticipantStore } from './participant-store.js';
import { participantHasAccess } from './rules/lifecycle.js';
import { FAILURE_LOOKBACK_MS } from './rules/lockout.js';
import { SignInGate } from './sign-in-gate.js';
import { accountIdFor, loginNameProblem, normaliseLoginName } from './rules/login-names.js';
import { formatJst } from '../common/jst-time.js';
import { accountStatusReason, withStatusReason } from './rules/account-status-reasons.js';
import { effectiveTime } from './rules/notice-periods.js';
import {
  generatePassword,
  hashPassword,
  passwordMatches,
  passwordProblem,
  spendPasswordCheckTime,
} from './rules/passwords.js';

/**
 * Accounts and sessions: creation (one account per login name, even under races), sign-in with
 * lockout and history, the session → caller resolution every route uses, password changes and
 * suspension with prior notice (terms art. 12, 20).
 */
export interface NewAccount {
  loginName: string;
  displayName: string;
  email: string;
  role: AccountRole;
  participantId: string | null;
  /** When absent a password is generated, shown once, and must be changed at the first sign-in. */
  password?: string;
}

export interface SignedIn {
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
  account: PublicAccount;
}

export type PublicAccount = ReturnType<typeof withStatusReason<Omit<AccountRecord, 'password_hash'>>>;

const MAX_WRITE_ATTEMPTS = 4;

export class AccountService implements CallerResolver {
  private readonly signInGate = new SignInGate();

  constructor(
    private readonly store: AccountStore,
    private readonly participants: ParticipantStore,
    private readonly notices: NoticeCentre,
    private readonly logger: Logger,
    private readonly sessionHours: number,
    /** Minutes without a request after which a session ends, per role; 0: no idle timeout. */
    private readonly idleMinutes: Record<AccountRole, number> = { operator: 30, participant_user: 120 },
  ) {}

  /** When this process last wrote a session's activity: at most one write a minute per session. */
  private readonly activityWritten = new Map<string, number>();

  async createAccount(
    input: NewAccount,
    createdBy: string,
  ): Promise<{ account: PublicAccount; password: string; generated: boolean }> {
    const loginName = normaliseLoginName(input.loginName);
    const nameProblem = loginNameProblem(loginName);
    if (nameProblem) throw new ApiError(400, 'invalid_login_name', nameProblem);
    const password = input.password ?? generatePassword();
    const weak = passwordProblem(password, loginName);
    if (weak) throw new ApiError(400, 'weak_password', weak);
    if (input.role === 'participant_user' && !input.participantId)
      throw new ApiError(400, 'invalid_request', 'A participant user needs a participantId.');
    const accountId = accountIdFor(loginName);
    if (await this.store.findAccount(accountId)) throw loginTaken(loginName);
    const state: AccountState = {
      login_name: loginName,
      display_name: input.displayName,
      email: input.email,
      role: input.role,
      participant_id: input.role === 'operator' ? null : input.participantId,
      password_hash: await hashPassword(password),
      must_change_password: input.password === undefined,
      status: 'active',
      status_reason: '',
      pending_suspension_at: null,
      pending_suspension_reason: '',
    };
    // Version 1 of a name-derived id: of two concurrent creations exactly one lands.
    if (!(await this.store.writeAccount(accountId, 1, state, 'created', createdBy))) throw loginTaken(loginName);
    const account = await this.requireAccount(accountId);
    return { account: publicAccount(account), password, generated: input.password === undefined };
  }

  async signIn(loginNameRaw: string, password: string, origin: RequestOrigin): Promise<SignedIn> {
    const loginName = normaliseLoginName(loginNameRaw);
    const accountId = accountIdFor(loginName);
    const record = (result: Parameters<AccountStore['recordSignIn']>[0]['result'], at?: Date) =>
      this.store.recordSignIn({ accountId, loginName, ip: origin.ip, userAgent: origin.userAgent, result, at });
    const now = new Date();
    const [found, failures] = await Promise.all([
      this.store.findAccount(accountId),
      this.store.recentFailures(accountId, new Date(now.getTime() - FAILURE_LOOKBACK_MS)),
    ]);
    // Counted before the password is checked, in the same step as the decision (sign-in-gate.ts).
    const admitted = this.signInGate.admit(accountId, failures, now);
    if ('lockedUntil' in admitted) {
      await record('locked');
      throw new ApiError(
        423,
        'account_locked',
        `Too many failed sign-ins: this login is locked until ${formatJst(admitted.lockedUntil)} (JST). Wait, or ask the desk to unlock it.`,
        undefined,
        // The dashboard says the time in the reader's language.
        { lockedUntil: admitted.lockedUntil.toISOString() },
      );
    }
    const { attempt } = admitted;
    let account: AccountRecord;
    try {
      const failed = async (result: 'unknown_login' | 'wrong_password') => {
        const at = new Date();
        await record(result, at);
        attempt.failed(at);
        return wrongCredentials();
      };
      if (!found) {
        await spendPasswordCheckTime(password);
        throw await failed('unknown_login');
      }
      if (!(await passwordMatches(found.password_hash, password))) throw await failed('wrong_password');
      account = found;
      attempt.succeeded();
    } finally {
      attempt.release();
    }
    if (account.status === 'suspended') {
      await record('suspended');
      throw new ApiError(
        403,
        'account_suspended',
        `This account is suspended: ${account.status_reason || 'no reason recorded'}. Contact the desk.`,
      );
    }
    if (account.role === 'participant_user') {
      const participant = account.participant_id
        ? await this.participants.findParticipant(account.participant_id)
        : undefined;
      if (!participant || !participantHasAccess(participant.status)) {
        await record('participant_inactive');
        throw new ApiError(
          403,
          'participant_inactive',
          `The participant of this account no longer takes part (status: ${participant?.status ?? 'unknown'}).`,
        );
      }
    }
    await record('success');
    const sessionToken = newSessionToken();
    const expiresAt = toClickHouseTime(now.getTime() + this.sessionHours * 3_600_000);
    await this.store.writeSession({
      session_hash: sessionHashOf(sessionToken),
      account_id: accountId,
      status: 'active',
      created_at: toClickHouseTime(now.getTime()),
      expires_at: expiresAt,
      ip: origin.ip,
      user_agent: origin.userAgent,
      access_purpose: '',
      purpose_note: '',
    });
    return { sessionToken, csrfToken: csrfTokenFor(sessionToken), expiresAt, account: publicAccount(account) };
  }

  async resolve(sessionToken: string, via: Caller['via']): Promise<CallerResolution> {
    const sessionHash = sessionHashOf(sessionToken);
    const session = await this.store.findSession(sessionHash);
    if (!session) return { ok: false, code: 'session_unknown', message: 'The session is unknown; sign in again.' };
    if (session.status === 'revoked')
      return {
        ok: false,
        code: 'session_ended',
        message: 'The session was signed out or ended by the desk; sign in again.',
      };
    if (fromClickHouseTime(session.expires_at).getTime() <= Date.now())
      return { ok: false, code: 'session_expired', message: 'The session has expired; sign in again.' };
    const account = await this.store.findAccount(session.account_id);
    if (!account) return { ok: false, code: 'session_unknown', message: 'The account of this session does not exist.' };
    const idleMinutes = this.idleMinutes[account.role];
    const now = Date.now();
    if (idleMinutes > 0 && now - fromClickHouseTime(session.last_active_at).getTime() > idleMinutes * 60_000) {
      return {
        ok: false,
        code: 'session_idle',
        message: `The session was idle for more than ${idleMinutes} minutes; sign in again.`,
      };
    }
    // The participant's status first: it is written before anything else when participation ends.
    let participantScope: string[] = [];
    if (account.role === 'participant_user' && account.participant_id) {
      const participant = await this.participants.findParticipant(account.participant_id);
      if (!participant || !participantHasAccess(participant.status)) {
        return {
          ok: false,
          code: 'participant_inactive',
          message: `The participant of this account no longer takes part (status: ${participant?.status ?? 'unknown'}).`,
        };
      }
      participantScope = await this.participants.lineageOf(account.participant_id);
    }
    if (account.status === 'suspended')
      return {
        ok: false,
        code: 'account_suspended',
        message: `This account is suspended: ${account.status_reason || 'no reason recorded'}.`,
      };
    await this.noteActivity(sessionHash, account.account_id, now);
    return {
      ok: true,
      caller: {
        accountId: account.account_id,
        loginName: account.login_name,
        displayName: account.display_name,
        role: account.role,
        participantId: account.participant_id,
        participantScope,
        sessionHash,
        purpose: session.access_purpose || null,
        purposeNote: session.purpose_note,
        via,
        csrfToken: csrfTokenFor(sessionToken),
        mustChangePassword: account.must_change_password,
      },
    };
  }

  async signOut(sessionHash: string): Promise<void> {
    const session = await this.store.findSession(sessionHash);
    if (session && session.status === 'active') await this.store.writeSession({ ...session, status: 'revoked' });
  }

  async setPurpose(caller: Caller, purpose: AccessPurpose, note: string): Promise<void> {
    const session = await this.store.findSession(caller.sessionHash);
    if (!session) throw new ApiError(401, 'session_unknown', 'The session is unknown; sign in again.');
    await this.store.writeSession({ ...session, access_purpose: purpose, purpose_note: note });
  }

  async changePassword(caller: Caller, currentPassword: string, newPassword: string): Promise<void> {
    const account = await this.requireAccount(caller.accountId);
    if (!(await passwordMatches(account.password_hash, currentPassword)))
      throw new ApiError(400, 'wrong_current_password', 'The current password is wrong.');
    const weak = passwordProblem(newPassword, account.login_name);
    if (weak) throw new ApiError(400, 'weak_password', weak);
    if (newPassword === currentPassword)
      throw new ApiError(400, 'weak_password', 'The new password must differ from the current one.');
    const passwordHash = await hashPassword(newPassword);
    await this.update(caller.accountId, 'password_changed', caller.loginName, (state) => ({
      ...state,
      password_hash: passwordHash,
      must_change_password: false,
    }));
    // Other sessions of this account end: a changed password is often a suspected leak.
    for (const session of await this.store.activeSessions(caller.accountId)) {
      if (session.session_hash !== caller.sessionHash) await this.signOut(session.session_hash);
    }
  }

  /** An operator resets a forgotten password: a generated one, shown once, to be changed at the next sign-in. */
  async resetPassword(accountId: string, by: string): Promise<string> {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    await this.update(accountId, 'password_reset', by, (state) => ({
      ...state,
      password_hash: passwordHash,
      must_change_password: true,
    }));
    for (const session of await this.store.activeSessions(accountId)) await this.signOut(session.session_hash);
    return password;
  }

  /** Art. 20: suspension with the reason given in advance, or at once when urgent. */
  async suspend(
    accountId: string,
    options: { reason: string; urgent: boolean; effectiveAt?: Date },
    by: string,
  ): Promise<PublicAccount> {
    const account = await this.requireAccount(accountId);
    // A second suspension would only send the participant a second notice: refused, as every no-op is.
    if (account.status === 'suspended')
      throw new ApiError(
        409,
        'already_suspended',
        `The account ${account.login_name} is already suspended (${account.status_reason || 'no reason recorded'}); reinstate it first to suspend it for another reason.`,
      );
    const timing = effectiveTime({
      withNotice: !options.urgent,
      effectiveAt: options.effectiveAt,
      now: new Date(),
      defaultNoticeDays: 7,
    });
    if (!timing.ok) throw new ApiError(400, 'invalid_request', timing.problem);
    if (timing.immediate) {
      await this.update(accountId, 'suspended', by, (state) => ({
        ...state,
        status: 'suspended',
        status_reason: options.reason,
        pending_suspension_at: null,
        pending_suspension_reason: '',
      }));
      await this.tell(
        account,
        'account_suspended',
        NOTICE_TEXTS.account_suspended({ loginName: account.login_name, reason: options.reason }),
        by,
      );
    } else {
      const at = toClickHouseTime(timing.effectiveAt.getTime());
      await this.update(accountId, 'suspension_scheduled', by, (state) => ({
        ...state,
        pending_suspension_at: at,
        pending_suspension_reason: options.reason,
      }));
      // Art. 20 (6): announced ahead with the reason; the period is recorded on the notice and counts from its delivery.
      const periodSeconds = (timing.effectiveAt.getTime() - Date.now()) / 1000;
      await this.tell(
        account,
        'account_suspension_scheduled',
        NOTICE_TEXTS.account_suspension_scheduled({
          loginName: account.login_name,
          reason: options.reason,
          effectiveAt: formatJst(timing.effectiveAt),
        }),
        by,
        { priorNoticeSeconds: periodSeconds, about: `account-suspension:${accountId}:${timing.effectiveAt.getTime()}` },
      );
    }
    return publicAccount(await this.requireAccount(accountId));
  }

  /** Lifts a suspension, or cancels one announced; the reason stays as the account's status reason. */
  async reinstate(accountId: string, by: string, reason: string): Promise<PublicAccount> {
    const account = await this.requireAccount(accountId);
    if (account.status === 'active' && !account.pending_suspension_at) {
      throw new ApiError(
        409,
        'not_suspended',
        `The account ${account.login_name} is active and has no suspension announced: there is nothing to reinstate.`,
      );
    }
    await this.update(accountId, 'reinstated', by, (state) => ({
      ...state,
      status: 'active',
      status_reason: accountStatusReason.reinstated(reason),
      pending_suspension_at: null,
      pending_suspension_reason: '',
    }));
    return publicAccount(await this.requireAccount(accountId));
  }

  /** Art. 12: when participation ends, its accounts stop. */
  async suspendAllOf(participantIds: readonly string[], reason: string, by: string): Promise<number> {
    let suspended = 0;
    for (const account of await this.store.accountsOfParticipants(participantIds)) {
      if (account.status === 'suspended') continue;
      await this.update(account.account_id, 'suspended', by, (state) => ({
        ...state,
        status: 'suspended',
        status_reason: reason,
        pending_suspension_at: null,
        pending_suspension_reason: '',
      }));
      suspended += 1;
    }
    return suspended;
  }

  async applyDueSuspensions(now: Date): Promise<number> {
    const due = await this.store.dueSuspensions(now);
    let suspended = 0;
    for (const { account_id } of due) {
      const account = await this.requireAccount(account_id);
      // Art. 20 (6): not before its notice was delivered and the announced period has run since.
      const scheduledAt = account.pending_suspension_at
        ? fromClickHouseTime(account.pending_suspension_at).getTime()
        : 0;
      const effect = await this.notices.effectOf(
        `account-suspension:${account_id}:${scheduledAt}`,
        account.participant_id,
      );
      if (effect === undefined || (effect !== 'no_notice' && effect.getTime() > now.getTime())) continue;
      const reason = account.pending_suspension_reason;
      await this.update(account_id, 'suspended', 'job:account-suspensions', (state) => ({
        ...state,
        status: 'suspended',
        status_reason: reason,
        pending_suspension_at: null,
        pending_suspension_reason: '',
      }));
      await this.tell(
        account,
        'account_suspended',
        NOTICE_TEXTS.account_suspended({ loginName: account.login_name, reason }),
        'job:account-suspensions',
      );
      suspended += 1;
    }
    return suspended;
  }

  /** On an empty database: the first operator, with the password from the environment or a generated one. */
  async ensureFirstOperator(
    loginName: string,
    password: string | undefined,
  ): Promise<{ created: boolean; loginName: string; password?: string }> {
    const existing = await this.store.listAccounts({ role: 'operator' });
    if (existing.length > 0) return { created: false, loginName };
    const created = await this.createAccount(
      {
        loginName,
        displayName: '管理者 (Administrator)',
        email: '',
        role: 'operator',
        participantId: null,
        ...(password ? { password } : {}),
      },
      'first-start',
    );
    return {
      created: true,
      loginName: created.account.login_name,
      ...(created.generated ? { password: created.password } : {}),
    };
  }

  async requireAccount(accountId: string): Promise<AccountRecord> {
    const account = await this.store.findAccount(accountId);
    if (!account) throw new ApiError(404, 'not_found', `No account ${accountId}.`);
    return account;
  }

  /** The organisation a participant's users work for, as registered (the portal names it on every page). */
  async organisationOf(participantId: string): Promise<string | null> {
    return (await this.participants.findParticipant(participantId))?.name ?? null;
  }

  async listAccounts(filter: { participantId?: string; role?: AccountRole }) {
    return (await this.store.listAccounts(filter)).map(withStatusReason);
  }

  activeSessions(accountId: string) {
    return this.store.activeSessions(accountId);
  }

  signInHistory(accountId: string, limit: number) {
    return this.store.signInHistory(accountId, limit);
  }

  /**
   * Records a change of the account as its next version, with who made it (account-recovery.ts, operator-accounts.ts);
   * `change` defaults to none: the version only records that it happened (an unlock).
   */
  recordChange(
    accountId: string,
    changeKind: string,
    by: string,
    change: (state: AccountState) => AccountState = (state) => state,
  ): Promise<void> {
    return this.update(accountId, changeKind, by, change);
  }

  /** The desk unlocked the login: this process's own count of failures is dropped too (sign-in-gate.ts). */
  forgetFailures(accountId: string): void {
    this.signInGate.forgetFailures(accountId);
  }

  private async noteActivity(sessionHash: string, accountId: string, now: number): Promise<void> {
    const written = this.activityWritten.get(sessionHash);
    if (written !== undefined && now - written < 60_000) return;
    this.activityWritten.set(sessionHash, now);
    if (this.activityWritten.size > 10_000) {
      for (const [hash, at] of this.activityWritten) if (now - at >= 60_000) this.activityWritten.delete(hash);
    }
    await this.store.recordSessionActivity(sessionHash, accountId, new Date(now));
  }

  /** Read, change, write the next version; on a lost race re-read and re-apply. */
  private async update(
    accountId: string,
    changeKind: string,
    by: string,
    change: (state: AccountState) => AccountState,
  ): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.requireAccount(accountId);
      const {
        account_id: _id,
        current_version: version,
        created_at: _created,
        last_changed_at: _changed,
        ...state
      } = current;
      if (await this.store.writeAccount(accountId, version + 1, change(state), changeKind, by)) return;
      this.logger.info({ accountId, changeKind }, 'account changed concurrently; retrying on the newer version');
    }
    throw new ApiError(409, 'conflict', 'The account was changed by someone else at the same time; try again.');
  }

  private async tell(
    account: AccountRecord,
    kind: 'account_suspended' | 'account_suspension_scheduled',
    text: ReturnType<(typeof NOTICE_TEXTS)['account_suspended']>,
    by: string,
    options?: SendOptions,
  ) {
    await this.notices.send(
      {
        audience: 'account',
        accountId: account.account_id,
        participantId: account.participant_id,
        email: account.email,
      },
      kind,
      text,
      by,
      options,
    );
  }
}

function publicAccount(account: AccountRecord): PublicAccount {
  const { password_hash: _hash, ...rest } = account;
  return withStatusReason(rest);
}

function loginTaken(loginName: string): ApiError {
  return new ApiError(409, 'login_name_taken', `The login name "${loginName}" is already in use; choose another.`);
}

function wrongCredentials(): ApiError {
  return new ApiError(
    401,
    'invalid_credentials',
    'The login name or the password is wrong. After 5 failures within 15 minutes the login is locked for 15 minutes.',
  );
}
