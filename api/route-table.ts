import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AccessRecorder, Caller, CallerResolver } from './caller.js';
import { ApiError, parseInput, readJson } from './errors.js';
import { requestOrigin, type ProxyTrust } from './request-origin.js';
import { CSRF_HEADER, SESSION_COOKIE, isSessionToken } from './session-token.js';

/**
 * Every route of the app declares its scope here, and the scope is enforced by middleware built
 * from it, before the handler runs:
 * - public: anyone (the application form, login, /healthz);
 * - agent: a device credential (checked by the ingest routes themselves);
 * - signed_in: any account (its own profile, sessions, sign-in history);
 * - operator: operator accounts only;
 * - participant: the path carries :participantId; a participant user must have it in its scope,
 *   an operator must have chosen an access purpose (terms art. 15) and the access is recorded.
 * The same declarations generate /openapi.json, and a test walks every registered route.
 */
export type RouteScope = 'public' | 'agent' | 'signed_in' | 'operator' | 'participant';
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteDeclaration {
  method: HttpMethod;
  path: string;
  scope: RouteScope;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyKind?: 'json' | 'multipart';
  /** This route's own body limit, when it must differ from the app's (e.g. several files per message). */
  maxBodyBytes?: number;
  response?: z.ZodType;
  successStatus?: number;
  /** What an operator saw, in the participant's access log; defaults to the summary. */
  audit?: string;
  /** An operator route that shows several participants' data: needs a purpose, the handler records whom. */
  readsParticipantData?: boolean;
  /** Usable while the account must still replace a generated password (sign out, change password). */
  allowedBeforePasswordChange?: boolean;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: Caller | undefined;
  /** For readsParticipantData routes: record the participants whose data the response holds. */
  recordAccess(participantIds: readonly string[]): Promise<void>;
  /**
   * For long-lived responses (live tail): whether the caller may still have this response now, with
   * the same checks as at the start (session, account, participant status and scope).
   */
  stillAllowed(): Promise<boolean>;
}

export interface ApiRoute<P extends z.ZodObject | undefined, Q extends z.ZodObject | undefined, B extends z.ZodType | undefined> extends RouteDeclaration {
  params?: P & z.ZodObject;
  query?: Q & z.ZodObject;
  body?: B & z.ZodType;
  handler(
    c: Context,
    input: RouteInput<P extends z.ZodObject ? z.infer<P> : Record<string, never>, Q extends z.ZodObject ? z.infer<Q> : Record<string, never>, B extends z.ZodType ? z.infer<B> : undefined>,
  ): Promise<Response> | Response;
}

export interface RouteTableOptions {
  callers: CallerResolver;
  access: AccessRecorder;
  trustProxy: ProxyTrust;
  maxJsonBytes: number;
  maxUploadBytes: number;
}

const CALLER = 'caller';
const SESSION_TOKEN = 'sessionToken';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class RouteTable {
  readonly declared: RouteDeclaration[] = [];

  constructor(
    private readonly app: Hono,
    private readonly options: RouteTableOptions,
  ) {}

  /** Declares a route mounted elsewhere (agent endpoints, ops endpoints) so that it has a scope too. */
  declareExternal(route: RouteDeclaration): void {
    this.declared.push(route);
  }

  add<P extends z.ZodObject | undefined = undefined, Q extends z.ZodObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
    route: ApiRoute<P, Q, B>,
  ): void {
    if (route.scope === 'participant' && !route.path.includes(':participantId')) {
      throw new Error(`${route.method.toUpperCase()} ${route.path}: a participant-scoped route must carry :participantId in its path`);
    }
    this.declared.push(route);
    const chain: MiddlewareHandler[] = [this.limitBody(route)];
    if (route.scope !== 'public' && route.scope !== 'agent') {
      chain.push(this.authenticate(), this.checkCsrf());
      if (!route.allowedBeforePasswordChange) chain.push(requireChangedPassword);
    }
    if (route.scope === 'operator') chain.push(requireOperator(route.readsParticipantData === true));
    if (route.scope === 'participant') chain.push(requireParticipantAccess());
    const routeName = `${route.method.toUpperCase()} ${route.path}`;
    const register = this.app.on.bind(this.app) as (method: string, path: string, ...handlers: MiddlewareHandler[]) => unknown;
    register(route.method.toUpperCase(), route.path, ...chain, async (c) => {
      const caller = c.get(CALLER as never) as Caller | undefined;
      const params = route.params ? parseInput(route.params, (c.req.param as () => Record<string, string>)(), 'path') : {};
      const query = route.query ? parseInput(route.query, c.req.query(), 'query') : {};
      const body = route.body ? parseInput(route.body, await this.readBody(c, route), 'body') : undefined;
      const target = new URL(c.req.url);
      const origin = requestOrigin(c, this.options.trustProxy);
      const recordAccess = async (participantIds: readonly string[]) => {
        if (caller?.role !== 'operator' || participantIds.length === 0) return;
        await this.options.access.record({ caller, participantIds, route: routeName, what: route.audit ?? route.summary, target: target.pathname + target.search, ip: origin.ip });
      };
      const stillAllowed = async () => {
        if (!caller) return true;
        const token = c.get(SESSION_TOKEN as never) as string;
        const now = await this.options.callers.resolve(token, caller.via);
        if (!now.ok) return false;
        if (route.scope === 'operator') return now.caller.role === 'operator';
        if (route.scope === 'participant' && now.caller.role === 'participant_user') return now.caller.participantScope.includes(String((params as { participantId?: string }).participantId));
        return true;
      };
      const response = await route.handler(c, { params, query, body, caller, recordAccess, stillAllowed } as never);
      if (route.scope === 'participant' && response.status < 400) await recordAccess([String((params as { participantId: string }).participantId)]);
      return response;
    });
  }

  private async readBody(c: Context, route: RouteDeclaration): Promise<unknown> {
    if (route.bodyKind === 'multipart') {
      try {
        return await c.req.parseBody({ all: true });
      } catch {
        throw new ApiError(400, 'malformed_body', 'The request body is not valid multipart/form-data.');
      }
    }
    return readJson(c);
  }

  private limitBody(route: RouteDeclaration): MiddlewareHandler {
    const maxSize = route.maxBodyBytes ?? (route.bodyKind === 'multipart' ? this.options.maxUploadBytes : this.options.maxJsonBytes);
    return bodyLimit({
      maxSize,
      onError: (c) => {
        // The rest of the body is not read: the connection cannot carry another request after this one.
        c.header('Connection', 'close');
        throw new ApiError(413, 'payload_too_large', `The request body is larger than the limit of ${maxSize} bytes for ${route.method.toUpperCase()} ${route.path}.`);
      },
    });
  }

  private authenticate(): MiddlewareHandler {
    const callers = this.options.callers;
    return async function authenticateSession(c, next) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      const cookie = getCookie(c, SESSION_COOKIE);
      const token = bearer ?? cookie;
      if (!token) throw new ApiError(401, 'unauthenticated', 'Sign in first: POST /api/v1/auth/login, then send the session cookie or "Authorization: Bearer <session token>".');
      if (!isSessionToken(token)) throw new ApiError(401, 'invalid_session', 'The session token is malformed; sign in again.');
      const resolved = await callers.resolve(token, bearer ? 'bearer' : 'cookie');
      if (!resolved.ok) throw new ApiError(401, resolved.code, resolved.message);
      c.set(CALLER as never, resolved.caller as never);
      c.set(SESSION_TOKEN as never, token as never);
      await next();
    };
  }

  private checkCsrf(): MiddlewareHandler {
    return async function checkCsrfToken(c, next) {
      const caller = c.get(CALLER as never) as Caller;
      if (caller.via === 'cookie' && STATE_CHANGING.has(c.req.method)) {
        const presented = c.req.header(CSRF_HEADER);
        if (!presented) throw new ApiError(403, 'csrf_token_missing', `A state-changing request signed in by cookie must carry the ${CSRF_HEADER} header (its value comes with the session).`);
        const expected = Buffer.from(caller.csrfToken);
        const actual = Buffer.from(presented);
        if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
          throw new ApiError(403, 'csrf_token_invalid', `The ${CSRF_HEADER} header does not belong to this session; reload the page to get the current one.`);
        }
      }
      await next();
    };
  }
}

const requireChangedPassword: MiddlewareHandler = async function requireChangedPassword(c, next) {
  const caller = c.get(CALLER as never) as Caller;
  if (caller.mustChangePassword) {
    throw new ApiError(403, 'password_change_required', 'This account still has the password it was issued with; change it first: POST /api/v1/me/password.');
  }
  await next();
};

function requireOperator(needsPurpose: boolean): MiddlewareHandler {
  return async function requireOperatorRole(c, next) {
    const caller = c.get(CALLER as never) as Caller;
    if (caller.role !== 'operator') throw new ApiError(403, 'operator_only', 'This route is for the desk\'s operators; a participant account cannot use it.');
    if (needsPurpose && !caller.purpose) throw purposeRequired();
    await next();
  };
}

function requireParticipantAccess(): MiddlewareHandler {
  return async function requireParticipantScope(c, next) {
    const caller = c.get(CALLER as never) as Caller;
    const participantId = c.req.param('participantId') ?? '';
    if (caller.role === 'participant_user') {
      if (!caller.participantScope.includes(participantId)) {
        throw new ApiError(403, 'other_participant', 'This account can see only its own participant\'s data; the participant in the address is not its own.');
      }
    } else if (!caller.purpose) {
      throw purposeRequired();
    }
    await next();
  };
}

function purposeRequired(): ApiError {
  return new ApiError(
    428,
    'access_purpose_required',
    'Choose why you are looking at participant data before opening it (terms art. 15): PUT /api/v1/auth/session/purpose with {"purpose": "maintenance" | "operation" | "improvement"}.',
  );
}

export function callerOf(c: Context): Caller {
  const caller = c.get(CALLER as never) as Caller | undefined;
  if (!caller) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  return caller;
}

/** The caller's session token, for work done on its behalf (e.g. rendering its report to PDF). */
export function sessionTokenOf(c: Context): string {
  const token = c.get(SESSION_TOKEN as never) as string | undefined;
  if (!token) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  return token;
}

export const uuidParam = z.uuid({ message: 'must be a UUID' });
