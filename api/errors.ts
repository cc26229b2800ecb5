import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/**
 * The REST API's one error shape: { "error": { "code", "message", "issues"? } }. Routes throw
 * ApiError (or let zod validation fail through `parseBody`); app.onError shapes everything here.
 */
export interface ApiIssue {
  path: string;
  message: string;
  /** The kind of problem (zod's issue code: too_big, too_small, invalid_type, invalid_format, …): clients word it. */
  kind?: string;
  /** The bound a too_big / too_small issue broke, and what it counts (string: characters, array: items). */
  limit?: number;
  of?: string;
}

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
    /** More about the error for the client, e.g. where a query is wrong: merged into `error`. */
    readonly details?: Record<string, unknown>,
  ) {
    super(status, { message });
  }
}

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  return parseInput(schema, body, 'body');
}

/** Validates a request part; a 400 names the part and the field that is wrong. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'body' | 'query' | 'path',
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map(issueOf);
  const first = issues[0];
  const field = first?.path ? `${where === 'body' ? '' : `${where} `}${first.path}` : `(${where})`;
  throw new ApiError(400, 'invalid_request', `Invalid request: ${field}: ${first?.message}`, issues);
}

/** A zod issue as the API answers it: the English sentence, and what a client needs to say it in its own words. */
function issueOf(issue: z.core.$ZodIssue): ApiIssue {
  const bound = 'maximum' in issue ? issue.maximum : 'minimum' in issue ? issue.minimum : undefined;
  const origin = 'origin' in issue && typeof issue.origin === 'string' ? issue.origin : undefined;
  return {
    path: issue.path.join('.'),
    message: issue.message,
    kind: issue.code,
    ...(bound !== undefined ? { limit: Number(bound) } : {}),
    ...(origin ? { of: origin } : {}),
  };
}

export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'malformed_json', 'The request body is not valid JSON.');
  }
}

export function errorResponse(error: Error, c: Context): Response {
  if (error instanceof ApiError) {
    return c.json(
      {
        error: {
          ...error.details,
          code: error.code,
          message: error.message,
          ...(error.issues ? { issues: error.issues } : {}),
        },
      },
      error.status,
    );
  }
  if (error instanceof HTTPException) {
    return c.json({ error: { code: 'http_error', message: error.message || 'Request failed' } }, error.status);
  }
  return c.json(
    { error: { code: 'internal_error', message: 'The server failed unexpectedly; the failure was logged.' } },
    500,
  );
}
