import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import { simpleEvents } from '../support/every-category.js';
import {
  callApi,
  operatorClient,
  participantUserClient,
  signIn,
  TEST_OPERATOR,
  type ApiClient,
} from '../../harness/api-client.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * Tenancy is enforced on the server for every route: this walks every route registered on the
 * app, fails on one that declares no scope, and calls each as a user of another participant.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let outsider: ApiClient & { password: string };
let insider: ApiClient;
/** Participant A's identifiers: what the outsider (a user of B) tries to reach. */
const a = {
  participantId: '',
  predecessorId: '',
  deviceId: '',
  accountId: '',
  documentId: '',
  ticketId: '',
  attachmentId: '',
  evidenceId: '',
  surveyId: '',
  surveyAnswer: 'アルファの回答です',
  name: '株式会社アルファ情報',
  hostname: 'ALPHA-PC-0042',
  ticketSubject: 'アルファの相談',
};

beforeAll(async () => {
  yorozu = await startTestYorozu('tenancy');
  operator = await operatorClient(yorozu.url);
  const register = async (organisation: string) =>
    (await operator.call<contract.Registered>('POST', '/api/v1/admin/participants', { organisation })).body
      .participantId;
  a.participantId = await register(a.name);
  a.predecessorId = await register('アルファ旧社');
  const participantB = await register('株式会社ベータ');
  const secretOf = async (participantId: string) =>
    (
      await operator.call<contract.EnrollmentSecret>(
        'POST',
        `/api/v1/admin/participants/${participantId}/enrollment-secrets`,
        {},
      )
    ).body.secret;
  const device = await enroll(yorozu.url, await secretOf(a.participantId), a.hostname);
  a.deviceId = device.deviceId;
  const connection = await AgentConnection.open(yorozu.url, device.credential);
  await connection.sendEvents('tenancy', simpleEvents(1, 3, Date.now() - 60_000));
  connection.socket.close();
  await enroll(yorozu.url, await secretOf(a.predecessorId), 'ALPHA-OLD-PC');
  await enroll(yorozu.url, await secretOf(participantB), 'BETA-PC-0001');

  const form = new FormData();
  form.set('kind', 'merger');
  form.set('effectiveOn', '2026-10-01');
  form.set('successorId', a.participantId);
  form.append('documents', new Blob(['合併契約書'], { type: 'text/plain' }), 'merger.txt');
  const succession = await fetch(new URL(`/api/v1/admin/participants/${a.predecessorId}/succession`, yorozu.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${operator.sessionToken}` },
    body: form,
  });
  a.documentId = ((await succession.json()) as { documents: { documentId: string }[] }).documents[0]!.documentId;

  insider = await participantUserClient(yorozu.url, operator, a.participantId, 'alpha-user');
  a.accountId = insider.accountId;
  // A consultation ticket of A with a file, answered with evidence from A's logs.
  const question = new FormData();
  question.set('subject', a.ticketSubject);
  question.set('category', 'security_question');
  question.set('body', '不審な USB について');
  question.append('files', new Blob(['screenshot'], { type: 'image/png' }), 'screen.png');
  const ticket = await insider.upload<contract.TicketDetail>(
    'POST',
    `/api/v1/participants/${a.participantId}/tickets`,
    question,
  );
  a.ticketId = ticket.body.ticketId;
  a.attachmentId = ticket.body.messages[0]!.attachments[0]!.attachmentId;
  const evidence = await operator.call<contract.EvidenceDetail>(
    'POST',
    `/api/v1/admin/participants/${a.participantId}/tickets/${a.ticketId}/evidence`,
    { query: '', from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() },
  );
  a.evidenceId = evidence.body.evidenceId;
  const answer = new FormData();
  answer.set('body', '確認しました');
  answer.set('evidenceIds', a.evidenceId);
  await operator.upload('POST', `/api/v1/admin/participants/${a.participantId}/tickets/${a.ticketId}/replies`, answer);
  // A survey to A and B, answered by A's user: B's user must never read A's answer.
  const survey = await operator.call<contract.SurveyCreated>('POST', '/api/v1/admin/surveys', {
    kind: 'survey',
    titleJa: '利用状況アンケート',
    questions: [{ type: 'text', textJa: 'ご意見' }],
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    participantIds: [a.participantId, participantB],
  });
  expect(survey.status, JSON.stringify(survey.body)).toBe(201);
  a.surveyId = survey.body.surveyId;
  const answered = await insider.call('POST', `/api/v1/participants/${a.participantId}/surveys/${a.surveyId}/answer`, {
    response: 'answered',
    answers: { q1: a.surveyAnswer },
  });
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);
  outsider = await participantUserClient(yorozu.url, operator, participantB, 'beta-user');
});

afterAll(async () => {
  await yorozu?.cleanup();
});

interface WalkedRoute {
  method: string;
  path: string;
  scope: string | undefined;
}

function registeredRoutes(): WalkedRoute[] {
  const seen = new Map<string, WalkedRoute>();
  for (const route of yorozu.app.routes) {
    if (route.method === 'ALL') continue; // middleware, not a route
    const key = `${route.method} ${route.path}`;
    const declared = yorozu.routes.declared.find(
      (d) => d.method.toUpperCase() === route.method && d.path === route.path,
    );
    seen.set(key, { method: route.method, path: route.path, scope: declared?.scope });
  }
  // Signing out ends the caller's session, so it is called last.
  return [...seen.values()].sort((x, y) => Number(x.path.endsWith('/logout')) - Number(y.path.endsWith('/logout')));
}

const PARAMETERS: Record<string, () => string> = {
  participantId: () => a.participantId,
  applicationId: () => a.participantId,
  deviceId: () => a.deviceId,
  accountId: () => a.accountId,
  documentId: () => a.documentId,
  suspensionId: () => '0b6a3e1c-1111-4222-8333-444455556666',
  name: () => 'end-of-use',
  policyId: () => '0b6a3e1c-2222-4222-8333-444455556666',
  ticketId: () => a.ticketId,
  attachmentId: () => a.attachmentId,
  evidenceId: () => a.evidenceId,
  requestId: () => '0b6a3e1c-3333-4222-8333-444455556666',
  mailId: () => '0b6a3e1c-4444-4222-8333-444455556666',
  noticeId: () => '0b6a3e1c-5555-4222-8333-444455556666',
  surveyId: () => a.surveyId,
  version: () => '1',
  ruleId: () => 'yorozu-known-bad-domain',
  list: () => 'ioc_domains',
  savedSearchId: () => '0b6a3e1c-6666-4222-8333-444455556666',
  templateId: () => '0b6a3e1c-6666-4222-8333-444455556666',
  exceptionId: () => '0'.repeat(32),
  // A notice link's token: one nobody was given opens nothing.
  token: () => 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
};

function concretePath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = PARAMETERS[name];
    if (!value) throw new Error(`The tenancy test does not know how to fill :${name} in ${path}; add it to PARAMETERS`);
    return value();
  });
}

describe('tenancy on every route', () => {
  it('every registered route declares its scope, and every declaration is a registered route', () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((route) => !route.scope).map((route) => `${route.method} ${route.path}`)).toEqual([]);
    const registered = new Set(routes.map((route) => `${route.method} ${route.path}`));
    expect(
      yorozu.routes.declared.map((d) => `${d.method.toUpperCase()} ${d.path}`).filter((key) => !registered.has(key)),
    ).toEqual([]);
  });

  it("every route declares its response (a schema of the contract, or a raw download), and every operator route whether it shows participants' data", () => {
    const undeclared = yorozu.routes.declared
      .filter((route) => !route.response)
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(undeclared).toEqual([]);
    const operatorRoutes = yorozu.routes.declared.filter((route) => route.scope === 'operator');
    expect(
      operatorRoutes
        .filter((route) => route.participantData !== 'none' && route.participantData !== 'recorded')
        .map((route) => route.path),
    ).toEqual([]);
    // The lists of participants' data are among those that need a purpose and are recorded (terms art. 15).
    const recorded = operatorRoutes
      .filter((route) => route.participantData === 'recorded')
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(recorded).toEqual(
      expect.arrayContaining([
        'GET /api/v1/admin/participants',
        'GET /api/v1/admin/accounts',
        'GET /api/v1/admin/mail/held',
        'GET /api/v1/admin/devices',
        'GET /api/v1/admin/tickets',
        'GET /api/v1/admin/tickets/sla.csv',
        'GET /api/v1/admin/fleet',
      ]),
    );
  });

  it("a user of another participant is denied every operator and participant route, and no route shows it participant A's data", async () => {
    const markers = [
      a.participantId,
      a.predecessorId,
      a.deviceId,
      a.accountId,
      a.documentId,
      a.ticketId,
      a.evidenceId,
      a.ticketSubject,
      a.surveyAnswer,
      a.name,
      a.hostname,
      'alpha-user',
    ];
    const failures: string[] = [];
    for (const route of registeredRoutes()) {
      const path = concretePath(route.path);
      const reply = await callApi(yorozu.url, route.method, path, route.method === 'GET' ? undefined : {}, {
        authorization: `Bearer ${outsider.sessionToken}`,
      });
      const text = JSON.stringify(reply.body);
      const where = `${route.method} ${route.path} (${route.scope}) → ${reply.status} ${text.slice(0, 160)}`;
      if (route.scope === 'operator' && !(reply.status === 403 && text.includes('operator_only'))) failures.push(where);
      if (route.scope === 'participant' && !(reply.status === 403 && text.includes('other_participant')))
        failures.push(where);
      const leaked = markers.filter((marker) => text.includes(marker));
      if (leaked.length > 0) failures.push(`${where}: shows ${leaked.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it("the same participant routes answer participant A's own user, including the predecessor it succeeded", async () => {
    const reads = yorozu.routes.declared.filter((d) => d.scope === 'participant' && d.method === 'get');
    expect(reads.length).toBeGreaterThan(8);
    const [hit] = (await insider.call<contract.EventPage>('GET', `/api/v1/participants/${a.participantId}/events`)).body
      .events;
    const queries: Record<string, string> = {
      '/api/v1/participants/:participantId/events/context': `?device=${a.deviceId}&time=${encodeURIComponent(hit!.time)}&seq=${hit!.seq}`,
      '/api/v1/participants/:participantId/inventory/software': '?name=Edge',
      '/api/v1/participants/:participantId/events/aggregate': '?by=user',
      '/api/v1/participants/:participantId/events/aggregate.csv': '?by=user',
      '/api/v1/participants/:participantId/events/values': '?field=user&prefix=a',
      '/api/v1/participants/:participantId/tickets': `?q=${encodeURIComponent(a.ticketSubject)}`,
    };
    for (const route of reads) {
      // The PDF is the report page printed by headless Chromium: tests/dashboard/report.test.ts opens it.
      if (route.path.endsWith('.pdf')) continue;
      if (route.path.endsWith('/events/tail')) {
        // A stream: it must open (and say it is ready), then it is closed by the client.
        const controller = new AbortController();
        const response = await fetch(new URL(concretePath(route.path), yorozu.url), {
          headers: { authorization: `Bearer ${insider.sessionToken}` },
          signal: controller.signal,
        });
        expect(response.status).toBe(200);
        expect(new TextDecoder().decode((await response.body!.getReader().read()).value)).toContain('event: ready');
        controller.abort();
        continue;
      }
      const reply = await insider.call('GET', concretePath(route.path) + (queries[route.path] ?? ''));
      expect(reply.status, `${route.path}: ${JSON.stringify(reply.body).slice(0, 200)}`).toBe(200);
      // What the contract does not name never leaves the server.
      expect(JSON.stringify(reply.body), route.path).not.toMatch(
        /"(password_hash|credential_hash|applicant_token_hash|session_hash|secret_hash|instance_id)"/,
      );
    }
    const predecessor = await insider.call('GET', `/api/v1/participants/${a.predecessorId}/devices`);
    expect(predecessor.status).toBe(200);
  });
});

describe('the access audit (art. 15)', () => {
  it("every operator read of a participant's data is recorded with its purpose, and only that participant sees it", async () => {
    await operator.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'maintenance', note: '端末の不具合調査' });
    const seen = await operator.call('GET', `/api/v1/participants/${a.participantId}/devices`);
    expect(seen.status).toBe(200);
    await operator.call('GET', '/api/v1/admin/devices');

    const log = await insider.call<{
      accessLog: {
        login_name: string;
        purpose: string;
        purpose_note: string;
        route: string;
        what: string;
        target: string;
        at: string;
      }[];
    }>('GET', `/api/v1/participants/${a.participantId}/access-log`);
    expect(log.status).toBe(200);
    expect(log.body.accessLog).toContainEqual(
      expect.objectContaining({
        login_name: 'admin',
        purpose: 'maintenance',
        purpose_note: '端末の不具合調査',
        route: 'GET /api/v1/participants/:participantId/devices',
        what: 'device list',
      }),
    );
    expect(log.body.accessLog).toContainEqual(
      expect.objectContaining({
        route: 'GET /api/v1/admin/devices',
        what: 'device list (fleet)',
        purpose: 'maintenance',
      }),
    );
    // The participant's own reads are not the desk's access.
    expect(log.body.accessLog.every((entry) => entry.login_name === 'admin')).toBe(true);

    // The walk above signed the outsider out (it calls every route, logout last): sign in again.
    const again = await signIn(yorozu.url, 'beta-user', outsider.password);
    const own = (await again.call<contract.Session>('GET', '/api/v1/auth/session')).body.participantId;
    const other = await again.call<contract.AccessLog>('GET', `/api/v1/participants/${own}/access-log`);
    expect(other.status).toBe(200);
    expect(other.body.accessLog.some((entry) => entry.target.includes(a.participantId))).toBe(false);
  });
});

describe("operator reads of participants' data (art. 15)", () => {
  it("every operator route that shows participants' data refuses an operator without a purpose", async () => {
    const fresh = await signIn(yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    const reads = yorozu.routes.declared.filter(
      (route) => route.scope === 'operator' && route.participantData === 'recorded' && route.method === 'get',
    );
    expect(reads.length).toBeGreaterThan(5);
    for (const route of reads) {
      const reply = await fresh.call('GET', concretePath(route.path));
      expect(reply.status, route.path).toBe(428);
      expect(reply.body, route.path).toMatchObject({ error: { code: 'access_purpose_required' } });
    }
  });

  it('the operator lists are written to the access log of each participant they show', async () => {
    await operator.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'operation', note: '一覧' });
    for (const path of ['/api/v1/admin/participants', '/api/v1/admin/accounts'])
      expect((await operator.call('GET', path)).status).toBe(200);
    const log = await insider.call<contract.AccessLog>('GET', `/api/v1/participants/${a.participantId}/access-log`);
    expect(log.body.accessLog).toContainEqual(
      expect.objectContaining({
        route: 'GET /api/v1/admin/participants',
        what: 'participant list (registered details)',
        purpose: 'operation',
      }),
    );
    expect(log.body.accessLog).toContainEqual(
      expect.objectContaining({
        route: 'GET /api/v1/admin/accounts',
        what: 'user accounts (operator list)',
        purpose: 'operation',
      }),
    );
  });
});

describe('OpenAPI', () => {
  it('/openapi.json describes every declared route with its scope, from the schemas that validate it', async () => {
    const reply = await callApi<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            'x-yorozu-scope': string;
            requestBody?: {
              content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }>;
            };
          }
        >
      >;
    }>(yorozu.url, 'GET', '/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe('3.1.0');
    const validation = await new Validator().validate(reply.body as never);
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
    for (const declared of yorozu.routes.declared.filter((d) => !d.path.includes('*'))) {
      const operation = reply.body.paths[declared.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[declared.method];
      expect(operation, `${declared.method} ${declared.path}`).toBeDefined();
      expect(operation!['x-yorozu-scope']).toBe(declared.scope);
      // The answer is described too: a JSON schema of the contract, or the media types of a download or stream.
      const success = (
        operation as unknown as { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }
      ).responses[String(declared.successStatus ?? 200)];
      expect(Object.keys(success?.content ?? {}).length, `${declared.method} ${declared.path}`).toBeGreaterThan(0);
    }
    const accounts = reply.body.paths['/api/v1/admin/accounts']!.get as unknown as {
      responses: {
        200: {
          content: {
            'application/json': {
              schema: { properties: { accounts: { items: { properties: Record<string, unknown> } } } };
            };
          };
        };
      };
    };
    const accountFields = Object.keys(
      accounts.responses[200].content['application/json'].schema.properties.accounts.items.properties,
    );
    expect(accountFields).toContain('login_name');
    expect(accountFields).not.toContain('password_hash');
    const login = reply.body.paths['/api/v1/auth/login']!.post!.requestBody!.content['application/json']!.schema;
    expect(login.required).toEqual(['loginName', 'password']);
    const reject =
      reply.body.paths['/api/v1/admin/participants/{participantId}/reject']!.post!.requestBody!.content[
        'application/json'
      ]!.schema;
    expect(reject.properties!.reasonCode).toMatchObject({
      enum: [
        'technically_infeasible',
        'breach_or_risk',
        'false_statement',
        'no_answer_by_deadline',
        'refused_survey',
        'other_hindrance',
      ],
    });
  });
});
