import { z } from 'zod';
import { isRawResponse, type ResponseSpec, type RouteDeclaration } from './route-table.js';

/**
 * /openapi.json, generated from the route declarations: the same zod schemas that validate each
 * request describe it here (OpenAPI 3.1 uses JSON Schema 2020-12, which zod emits). Each operation
 * carries its scope as `x-yorozu-scope`.
 */
const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              path: { type: 'string' },
              message: { type: 'string' },
              kind: {
                type: 'string',
                description: "zod's issue code: too_big, too_small, invalid_type, invalid_format, …",
              },
              limit: { type: 'number', description: 'the bound a too_big or too_small issue broke' },
              of: { type: 'string', description: 'what the bound counts: string (characters), array (items), number' },
            },
          },
        },
      },
    },
  },
};

const SCOPE_WORDS: Record<RouteDeclaration['scope'], string> = {
  public: 'Anyone.',
  agent: 'An agent, with its device credential as a bearer token.',
  signed_in: 'Any signed-in account.',
  operator:
    'Operators only (when it shows participants\' data, x-yorozu-participant-data "recorded": with an access purpose, and the access is recorded in each participant\'s access log, terms art. 15).',
  participant:
    "Users of this participant (or of its successor); operators with an access purpose, and the access is recorded in the participant's access log (terms art. 15).",
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** What a route answers on success: a schema of the contract, or a download / stream of the named media types. */
function successResponse(spec: ResponseSpec): Record<string, unknown> {
  if (isRawResponse(spec)) {
    return {
      description: spec.description,
      content: Object.fromEntries(spec.contentTypes.map((type) => [type, { schema: { type: 'string' } }])),
    };
  }
  return { description: 'Success', content: { 'application/json': { schema: jsonSchema(spec, 'output') } } };
}

export function openApiDocument(
  routes: readonly RouteDeclaration[],
  info: { version: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.path.includes('*')) continue; // the dashboard's pages, not an API
    const path = route.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: Record<string, unknown>[] = [];
    for (const name of route.path.match(/:([A-Za-z_]+)/g)?.map((p) => p.slice(1)) ?? []) {
      const shape = route.params?.shape[name] as z.ZodType | undefined;
      parameters.push({
        name,
        in: 'path',
        required: true,
        schema: shape ? jsonSchema(shape, 'input') : { type: 'string' },
      });
    }
    if (route.query) {
      for (const [name, schema] of Object.entries(route.query.shape)) {
        parameters.push({
          name,
          in: 'query',
          required: !(schema as z.ZodType).safeParse(undefined).success,
          schema: jsonSchema(schema as z.ZodType, 'input'),
        });
      }
    }
    const success = String(route.successStatus ?? 200);
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      'x-yorozu-scope': route.scope,
      ...(route.scope === 'operator' ? { 'x-yorozu-participant-data': route.participantData } : {}),
      description: `Who may call it: ${SCOPE_WORDS[route.scope]}`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                [route.bodyKind === 'multipart' ? 'multipart/form-data' : 'application/json']: {
                  schema: jsonSchema(route.body, 'input'),
                },
              },
            },
          }
        : {}),
      responses: {
        [success]: successResponse(route.response),
        default: {
          description: 'An error, in the one error shape of the API',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      ...(route.scope === 'public' ? { security: [] } : {}),
    };
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Yorozu REST API',
      version: info.version,
      description:
        'Sign in with POST /api/v1/auth/login. Browsers keep the session in an HttpOnly cookie and send the CSRF token in the x-csrf-token header on state-changing requests; scripts send "Authorization: Bearer <sessionToken>" instead. Errors have one shape: {"error": {"code", "message", "issues"?}}.',
    },
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'yorozu_session' },
        sessionBearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ sessionCookie: [] }, { sessionBearer: [] }],
    paths,
  };
}
