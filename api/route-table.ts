import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AccessRecorder, Caller, CallerResolver } from './caller.js';
import { ApiError, parseInput, readJson } from './errors.js';
import { requestOrigin, type ProxyTrust } from './request-origin.js';
import {
  authenticateSession,
  CALLER,
  checkCsrfToken,
  requireChangedPassword,
  requireMediaType,
  requireOperator,
  requireParticipantScope,
  requireSameOrigin,
  SESSION_TOKEN,
} from './route-guards.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import { discardSpool, spoolMultipart, type SpooledUpload } from './multipart-spool.js';

/**
 * Every route of the app declares its scope here, and the scope is enforced by middleware built
 * from it, before the handler runs:
 * - public: anyone (the application form, login, /healthz);
 * - agent: a device credential (checked by the ingest routes themselves);
 * - signed_in: any account (its own profile, sessions, sign-in history);
 * - operator: operator accounts only; each says whether it shows participants' data
 *   (`participantData: 'recorded'`: an access purpose is needed and the handler records whom);
 * - participant: the path carries :participantId; a participant user must have it in its scope,
 *   an operator must have chosen an access purpose (terms art. 15) and the access is recorded.
 * Every route declares its response too (a zod schema from contract/, or a raw download): the
 * handler returns a value and the table answers with what the schema keeps of it, so a field that is
 * not in the contract (a password hash, a credential hash) never leaves the server.
 * The same declarations generate /openapi.json, and tests walk every registered route.
 */
export type RouteScope = 'public' | 'agent' | 'signed_in' | 'operator' | 'participant';
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A response that is not a JSON value of the contract (a file, a PDF, a stream): the handler builds it. */
export interface RawResponse {
  kind: 'raw';
  description: string;
  contentTypes: readonly string[];
}
export type ResponseSpec = z.ZodType | RawResponse;

export function rawResponse(description: string, ...contentTypes: string[]): RawResponse {
  return { kind: 'raw', description, contentTypes };
}

export function isRawResponse(spec: ResponseSpec): spec is RawResponse {
  return (spec as RawResponse).kind === 'raw' && !(spec instanceof z.ZodType);
}

/**
 * Whether an operator route shows participants' data (terms art. 15). There is no default, so a new
 * operator route has to choose: 'recorded' needs an access purpose and its handler must call
 * `recordAccess` with the participants the answer holds (a list included); 'none' shows none.
 */
export type ParticipantData = 'none' | 'recorded';

type ScopeDeclaration =
  | { scope: 'public' | 'agent' | 'signed_in' | 'participant'; participantData?: undefined }
  | { scope: 'operator'; participantData: ParticipantData };

interface RouteParts {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyKind?: 'json' | 'multipart';
  /** This route's own body limit, when it must differ from the app's (e.g. several files per message). */
  maxBodyBytes?: number;
  response: ResponseSpec;
  successStatus?: number;
  /** What an operator saw, in the participant's access log; defaults to the summary. */
  audit?: string;
  /** Usable while the account must still replace a generated password (sign out, change password). */
  allowedBeforePasswordChange?: boolean;
  /** Refuse a browser request sent from another site's page (sign-in: login CSRF). */
  sameOriginOnly?: boolean;
}

export type RouteDeclaration = RouteParts & ScopeDeclaration;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: Caller | undefined;
  /** For operator routes with participantData 'recorded': the participants whose data the response holds. */
  recordAccess(participantIds: readonly string[]): Promise<void>;
  /**
   * For long-lived responses (live tail): whether the caller may still have this response now, with
   * the same checks as at the start (session, account, participant status and scope).
   */
  stillAllowed(): Promise<boolean>;
}

/** What a handler returns: a value of its response schema (before parsing), or its own Response for a raw route. */
export type HandlerResult<R extends ResponseSpec> = R extends z.ZodType ? z.input<R> : Response;

export type ApiRoute<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends ResponseSpec,
> = Omit<RouteParts, 'params' | 'query' | 'body' | 'response'> &
  ScopeDeclaration & {
    params?: P & z.ZodObject;
    query?: Q & z.ZodObject;
    body?: B & z.ZodType;
    response: R;
    handler(
      c: Context,
      input: RouteInput<
        P extends z.ZodObject ? z.infer<P> : Record<string, never>,
        Q extends z.ZodObject ? z.infer<Q> : Record<string, never>,
        B extends z.ZodType ? z.infer<B> : undefined
      >,
    ): Promise<HandlerResult<R>> | HandlerResult<R>;
  };

export interface RouteTableOptions {
  callers: CallerResolver;
  access: AccessRecorder;
  trustProxy: ProxyTrust;
  /** The address users reach Yorozu at (YOROZU_PUBLIC_URL), an allowed Origin besides the request's own. */
  publicUrl?: string | undefined;
  maxJsonBytes: number;
  maxUploadBytes: number;
  /** Bounds multipart uploads in progress, per caller and in total (429 over it). */
  uploads?: ConcurrencyLimit;
  /** Where multipart files are written while their request lasts (api/multipart-spool.ts). */
  uploadSpoolDir: string;
}

export class RouteTable {
  readonly declared: RouteDeclaration[] = [];

  constructor(
    private readonly app: Hono,
    private readonly options: RouteTableOptions,
  ) {}

  /** Declares a route mounted elsewhere (agent endpoints, ops endpoints) so that it has a scope and a response too. */
  declareExternal(route: RouteDeclaration): void {
    this.declared.push(route);
  }

  add<
    P extends z.ZodObject | undefined = undefined,
    Q extends z.ZodObject | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends ResponseSpec = ResponseSpec,
  >(route: ApiRoute<P, Q, B, R>): void {
    const routeName = `${route.method.toUpperCase()} ${route.path}`;
    if (route.scope === 'participant' && !route.path.includes(':participantId'))
      throw new Error(`${routeName}: a participant-scoped route must carry :participantId in its path`);
    if (route.scope === 'operator' && route.participantData !== 'none' && route.participantData !== 'recorded')
      throw new Error(`${routeName}: an operator route must say whether it shows participants' data (participantData)`);
    this.declared.push(route as unknown as RouteDeclaration);
    const register = this.app.on.bind(this.app) as (
      method: string,
      path: string,
      ...handlers: MiddlewareHandler[]
    ) => unknown;
    register(
      route.method.toUpperCase(),
      route.path,
      ...this.guardsOf(route as unknown as RouteDeclaration),
      async (c) => {
        const caller = c.get(CALLER as never) as Caller | undefined;
        const params = route.params
          ? parseInput(route.params, (c.req.param as () => Record<string, string>)(), 'path')
          : {};
        const query = route.query ? parseInput(route.query, c.req.query(), 'query') : {};
        const spooled: SpooledUpload[] = [];
        try {
          const body = route.body
            ? parseInput(route.body, await this.readBody(c, route as unknown as RouteDeclaration, spooled), 'body')
            : undefined;
          const target = new URL(c.req.url);
          const origin = requestOrigin(c, this.options.trustProxy);
          let recorded = false;
          const recordAccess = async (participantIds: readonly string[]) => {
            recorded = true;
            if (caller?.role !== 'operator' || participantIds.length === 0) return;
            await this.options.access.record({
              caller,
              participantIds,
              route: routeName,
              what: route.audit ?? route.summary,
              target: target.pathname + target.search,
              ip: origin.ip,
            });
          };
          const stillAllowed = async () => {
            if (!caller) return true;
            const token = c.get(SESSION_TOKEN as never) as string;
            const now = await this.options.callers.resolve(token, caller.via);
            if (!now.ok) return false;
            if (route.scope === 'operator') return now.caller.role === 'operator';
            if (route.scope === 'participant' && now.caller.role === 'participant_user')
              return now.caller.participantScope.includes(String((params as { participantId?: string }).participantId));
            return true;
          };
          const result: unknown = await route.handler(c, {
            params,
            query,
            body,
            caller,
            recordAccess,
            stillAllowed,
          } as never);
          if (route.scope === 'operator' && route.participantData === 'recorded' && !recorded) {
            throw new Error(
              `${routeName} shows participants' data but its handler recorded no access (call recordAccess with the participants in the answer)`,
            );
          }
          const response = answer(c, routeName, route.response, result, route.successStatus ?? 200);
          if (route.scope === 'participant' && response.status < 400)
            await recordAccess([String((params as { participantId: string }).participantId)]);
          return response;
        } finally {
          // Files the handler did not move into a store: the request is over, so are they.
          await discardSpool(spooled);
        }
      },
    );
  }

  private guardsOf(route: RouteDeclaration): MiddlewareHandler[] {
    const chain: MiddlewareHandler[] = [];
    if (route.sameOriginOnly) chain.push(requireSameOrigin(this.options.trustProxy, this.options.publicUrl));
    if (route.scope !== 'public' && route.scope !== 'agent') {
      chain.push(authenticateSession(this.options.callers), checkCsrfToken);
      if (!route.allowedBeforePasswordChange) chain.push(requireChangedPassword);
    }
    if (route.scope === 'operator') chain.push(requireOperator(route.participantData === 'recorded'));
    if (route.scope === 'participant') chain.push(requireParticipantScope);
    // After the caller and its scope are known: a request that may not call the route learns nothing more.
    chain.push(requireMediaType(route.bodyKind ?? 'json', route.body !== undefined));
    if (route.bodyKind === 'multipart' && this.options.uploads)
      chain.push(this.options.uploads.middleware(this.options.trustProxy));
    // Last before the handler: a body sent without Content-Length is read (up to the limit) here, so
    // only once the caller is known, allowed, and holds an upload slot (issue 15, finding 8).
    chain.push(this.limitBody(route));
    return chain;
  }

  private async readBody(c: Context, route: RouteDeclaration, spooled: SpooledUpload[]): Promise<unknown> {
    if (route.bodyKind === 'multipart') {
      // Streamed to disk as it arrives, never buffered (issue 15, finding 8); the limit is counted on the way.
      try {
        const { body, files } = await spoolMultipart(c.req.raw, {
          maxBytes: this.maxBodyBytesOf(route),
          directory: this.options.uploadSpoolDir,
        });
        spooled.push(...files);
        return body;
      } catch (error) {
        if (error instanceof ApiError && error.status === 413) c.header('Connection', 'close');
        throw error;
      }
    }
    return readJson(c);
  }

  private maxBodyBytesOf(route: RouteDeclaration): number {
    return (
      route.maxBodyBytes ?? (route.bodyKind === 'multipart' ? this.options.maxUploadBytes : this.options.maxJsonBytes)
    );
  }

  private limitBody(route: RouteDeclaration): MiddlewareHandler {
    const maxSize = this.maxBodyBytesOf(route);
    const tooLarge = (c: Context): never => {
      // The rest of the body is not read: the connection cannot carry another request after this one.
      c.header('Connection', 'close');
      throw new ApiError(
        413,
        'payload_too_large',
        `The request body is larger than the limit of ${maxSize} bytes for ${route.method.toUpperCase()} ${route.path}.`,
      );
    };
    if (route.bodyKind === 'multipart') {
      // A declared length over the limit is refused before reading; an undeclared one is counted by the spool.
      return async (c, next) => {
        const declared = c.req.raw.headers.get('content-length');
        if (declared !== null && !c.req.raw.headers.has('transfer-encoding') && Number(declared) > maxSize) tooLarge(c);
        await next();
      };
    }
    return bodyLimit({ maxSize, onError: tooLarge });
  }
}

/** The handler's value through the route's response schema: what the schema does not name is dropped. */
function answer(c: Context, routeName: string, spec: ResponseSpec, result: unknown, status: number): Response {
  if (isRawResponse(spec)) {
    if (!(result instanceof Response))
      throw new Error(`${routeName} declares a raw response but its handler returned a value`);
    return result;
  }
  if (result instanceof Response)
    throw new Error(`${routeName} must return a value of its response schema, not a Response`);
  const parsed = spec.safeParse(result);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`The answer of ${routeName} does not match its response schema: ${issues.join('; ')}`);
  }
  return c.json(parsed.data as never, status as ContentfulStatusCode);
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
