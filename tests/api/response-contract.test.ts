import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AccessRecorder, CallerResolver } from '../../api/caller.js';
import * as contract from '../../contract/index.js';
import { errorResponse } from '../../api/errors.js';
import { NO_PROXY } from '../../api/request-origin.js';
import { RouteTable } from '../../api/route-table.js';

/**
 * The route table answers through each route's response schema: what the contract does not name never
 * leaves the server, whatever the handler returned. Public routes on an in-process Hono app: no session,
 * no engine needed (the same table under the real server: tests/participants/tenancy.test.ts).
 */
const nobody: CallerResolver = {
  resolve: () => Promise.resolve({ ok: false, code: 'invalid_session', message: 'no sessions here' }),
};
const nowhere: AccessRecorder = { record: () => Promise.resolve() };

function tableOnApp() {
  const app = new Hono();
  app.onError((error, c) => errorResponse(error, c));
  const routes = new RouteTable(app, {
    callers: nobody,
    access: nowhere,
    trustProxy: NO_PROXY,
    maxJsonBytes: 1024,
    uploadSpoolDir: path.join(os.tmpdir(), 'yorozu-response-contract-spool'),
    maxUploadBytes: 1024,
  });
  return { app, routes };
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  return [];
}

const SECRETS = [
  'password_hash',
  'credential_hash',
  'applicant_token_hash',
  'session_hash',
  'secret_hash',
  'instance_id',
];

describe('answers go through the response schema', () => {
  it('a field the contract does not name (a password hash) is dropped, at any depth', async () => {
    const { app, routes } = tableOnApp();
    routes.add({
      method: 'get',
      path: '/accounts',
      scope: 'public',
      tag: 'test',
      summary: 'accounts',
      response: contract.accountList,
      handler: () => {
        const stored = {
          account_id: '0b6a3e1c-1111-4222-8333-444455556666',
          current_version: 1,
          login_name: 'sakura',
          display_name: 'さくら',
          email: 'a@example.jp',
          role: 'participant_user' as const,
          participant_id: null,
          must_change_password: false,
          status: 'active' as const,
          status_reason: '',
          status_reason_code: 'none' as const,
          status_reason_detail: '',
          pending_suspension_at: null,
          pending_suspension_reason: '',
          created_at: '2026-12-01 00:00:00.000',
          last_changed_at: '2026-12-01 00:00:00.000',
        };
        return { accounts: [{ ...stored, password_hash: '$argon2id$secret' }], debug: 'internal' };
      },
    });
    const response = await app.request('/accounts');
    expect(response.status).toBe(200);
    const body = (await response.json()) as contract.AccountList;
    expect(body.accounts[0]).toMatchObject({ login_name: 'sakura' });
    expect(keysOf(body)).not.toContain('password_hash');
    expect(keysOf(body)).not.toContain('debug');
  });

  it('an answer that does not match its schema is a server error, not a partial answer', async () => {
    const { app, routes } = tableOnApp();
    routes.add({
      method: 'get',
      path: '/wrong',
      scope: 'public',
      tag: 'test',
      summary: 'wrong',
      response: z.object({ count: z.number() }),
      handler: () => ({ count: 'many' }) as never,
    });
    const response = await app.request('/wrong');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
  });

  it('the contract names no secret (no hash, no agent instance id), and each schema is self-contained for OpenAPI', () => {
    const names = Object.entries(contract).filter(([, value]) => value instanceof z.ZodType);
    expect(names.length).toBeGreaterThan(50);
    for (const [name, schema] of names) {
      const properties = JSON.stringify(z.toJSONSchema(schema as z.ZodType, { io: 'output', unrepresentable: 'any' }));
      for (const secret of SECRETS) expect(properties.includes(`"${secret}"`), `${name} names ${secret}`).toBe(false);
      // Embedded in /openapi.json as is: a $ref into the schema's own $defs would point nowhere there.
      expect(properties.includes('$ref'), `${name} is self-contained`).toBe(false);
    }
  });

  it("an operator route must say whether it shows participants' data", () => {
    const { routes } = tableOnApp();
    const undeclared = {
      method: 'get',
      path: '/admin/x',
      scope: 'operator',
      tag: 'test',
      summary: 'x',
      response: contract.ok,
      handler: () => ({ ok: true }),
    };
    expect(() => routes.add(undeclared as never)).toThrow(/participantData/);
  });
});

describe('the dashboard and the contract', () => {
  it('the dashboard imports only types of the contract (nothing of the server, no zod, reaches the bundle)', () => {
    const src = fileURLToPath(new URL('../../dashboard/src/', import.meta.url));
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
    const valueImports = files.flatMap((name) => {
      const text = readFileSync(path.join(src, name), 'utf8');
      return [...text.matchAll(/^(import|export)\s+(?!type\b)[^;]*from\s+'([^']*contract\/[^']*)'/gm)].map(
        (match) => `${name}: ${match[0]}`,
      );
    });
    expect(valueImports).toEqual([]);
    expect(
      files.some((name) => readFileSync(path.join(src, name), 'utf8').includes("from '../../../contract/index.js'")),
    ).toBe(true);
  });
});
