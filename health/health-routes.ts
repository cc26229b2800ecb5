import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { callerOf, sessionTokenOf, rawResponse, uuidParam, type RouteTable } from '../api/route-table.js';
import { newPolicyId, type HealthStore, type PolicyContent } from './health-store.js';
import { deviceHealth, healthReport } from './health-report.js';
import { ANTIVIRUS_HISTORY_MAX_DAYS, antivirusHistory, antivirusSummary } from './antivirus-history.js';
import type { ReportPdfRenderer } from './report-pdf.js';
import type { ConcurrencyLimit } from '../api/concurrency-limit.js';
import type { PolicyEvaluation } from './policy-evaluation.js';
import { POLICY_TABLES } from '../scoped-query/policy-scope.js';
import { PolicyQueryError, runPolicy, validatePolicyQuery } from '../scoped-query/policy-runner.js';
import * as contract from '../contract/index.js';

/**
 * Operators manage policies (validated before they are saved, tried on a participant's data before
 * they are enabled) and run evaluations; a participant reads its own health.
 */
const NOBODY = '00000000-0000-0000-0000-000000000000';
const text = z.object({ ja: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) });
const policyBody = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and - (2-63 characters)'),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  title: text,
  description: text,
  remediation: text,
  query: z.string().min(1).max(20_000),
  enabled: z.boolean().default(false),
});

export function healthRoutes(
  routes: RouteTable,
  deps: {
    store: HealthStore;
    evaluation: PolicyEvaluation;
    client: Parameters<typeof runPolicy>[0];
    pdf: ReportPdfRenderer;
    pdfRenders: ConcurrencyLimit;
  },
): void {
  const { store, evaluation, client, pdf, pdfRenders } = deps;
  const tag = 'health';

  /**
   * Before a policy is saved: its form on the parse tree, then a run over an empty participant (no
   * one's data is read) that proves it yields the expected columns and runs under the limits.
   */
  const checked = async (query: string) => {
    const problem = await validatePolicyQuery(client, query);
    if (problem) throw new ApiError(400, 'invalid_policy', problem.message.en, undefined, { policy: problem });
    try {
      await runPolicy(client, NOBODY, query, new Date());
    } catch (error) {
      if (error instanceof PolicyQueryError)
        throw new ApiError(400, 'invalid_policy', error.message, undefined, { policy: error.problem });
      throw error;
    }
  };
  const contentOf = (body: z.infer<typeof policyBody>, builtin: boolean): PolicyContent => ({
    slug: body.slug,
    builtin,
    enabled: body.enabled,
    severity: body.severity,
    title_ja: body.title.ja,
    title_en: body.title.en,
    description_ja: body.description.ja,
    description_en: body.description.en,
    remediation_ja: body.remediation.ja,
    remediation_en: body.remediation.en,
    query: body.query,
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/policies',
    response: contract.policyList,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Health policies (current versions) and the tables a policy may read',
    async handler() {
      const standing = await store.policyStanding();
      const policies = (await store.policies()).map((policy) => ({
        ...policy,
        failing_devices: standing.get(policy.policy_id)?.failing ?? 0,
        last_evaluated_at: standing.get(policy.policy_id)?.lastEvaluatedAt ?? null,
      }));
      return { policies, tables: POLICY_TABLES };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/policies',
    response: contract.policySaved,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Create a policy; its query is validated (one SELECT over the participant-scoped tables) before it is saved',
    successStatus: 201,
    body: policyBody,
    async handler(c, { body }) {
      if ((await store.policies()).some((policy) => policy.slug === body.slug))
        throw new ApiError(409, 'slug_taken', `A policy named ${body.slug} exists.`);
      await checked(body.query);
      const policyId = newPolicyId();
      await store.writePolicy(policyId, 1, contentOf(body, false), callerOf(c).loginName);
      return { policyId, version: 1 };
    },
  });

  routes.add({
    method: 'put',
    path: '/api/v1/admin/policies/:policyId',
    response: contract.policySaved,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Save a new version of a policy (validated first), or enable / disable it',
    params: z.object({ policyId: uuidParam }),
    body: policyBody,
    async handler(c, { params, body }) {
      const current = (await store.policies()).find((policy) => policy.policy_id === params.policyId);
      if (!current) throw new ApiError(404, 'not_found', `No policy ${params.policyId}.`);
      await checked(body.query);
      await store.writePolicy(
        params.policyId,
        current.current_version + 1,
        contentOf(body, current.builtin),
        callerOf(c).loginName,
      );
      return { policyId: params.policyId, version: current.current_version + 1 };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/policies/try',
    response: contract.policyTried,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary:
      "Run a policy query on one participant's data without saving it: the verdict per device (a sample before enabling)",
    audit: 'health policy trial run',
    body: z.object({ participantId: uuidParam, query: z.string().min(1).max(20_000) }),
    async handler(c, { body, recordAccess }) {
      try {
        const verdicts = await runPolicy(client, body.participantId, body.query, new Date());
        await recordAccess([body.participantId]);
        return { verdicts, devices: (await store.activeDevices(body.participantId)).length };
      } catch (error) {
        if (error instanceof PolicyQueryError)
          throw new ApiError(400, 'invalid_policy', error.message, undefined, { policy: error.problem });
        throw error;
      }
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/participants/:participantId/health/evaluate',
    response: contract.evaluationDone,
    scope: 'participant',
    tag,
    summary: 'Evaluate the enabled policies for this participant now',
    audit: 'health evaluation',
    params: z.object({ participantId: uuidParam }),
    async handler(c, { params }) {
      return await evaluation.evaluate(params.participantId, new Date(), `on-demand:${callerOf(c).loginName}`);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/health',
    response: contract.healthReport,
    scope: 'participant',
    tag,
    summary:
      "The participant's health: score and daily trend, each device's score, failing policies with advice, what was fixed",
    audit: 'health report',
    params: z.object({ participantId: uuidParam }),
    query: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }),
    async handler(c, { params, query }) {
      return await healthReport(store, params.participantId, query.days);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/devices/:deviceId/health',
    response: contract.deviceHealth,
    scope: 'participant',
    tag,
    summary: "One device's verdict on every enabled policy: status, detail, advice, failing since, fixed since",
    audit: 'device health',
    params: z.object({ participantId: uuidParam, deviceId: uuidParam }),
    async handler(c, { params }) {
      return await deviceHealth(store, params.participantId, params.deviceId);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/devices/:deviceId/antivirus-days',
    response: contract.antivirusHistory,
    scope: 'participant',
    tag,
    summary:
      "One device's antivirus per JST day from its agent's health checks: product, real-time protection, oldest definitions",
    // Neither label nor path says "history": the access log would name it the registered details' history (access-what.ts).
    audit: 'device health (antivirus per day)',
    params: z.object({ participantId: uuidParam, deviceId: uuidParam }),
    query: z.object({ days: z.coerce.number().int().min(1).max(ANTIVIRUS_HISTORY_MAX_DAYS).default(30) }),
    async handler(c, { params, query }) {
      return await antivirusHistory(store, params.participantId, params.deviceId, query.days);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/health/antivirus',
    response: contract.antivirusSummary,
    scope: 'participant',
    tag,
    summary:
      "Each device's antivirus over a period, for the report: days real-time protection was stopped, the product, definitions' age",
    // Not "history" (access-what.ts would name it the registered details' history), as the device's route above.
    audit: 'device health (antivirus per device)',
    params: z.object({ participantId: uuidParam }),
    query: z.object({ days: z.coerce.number().int().min(1).max(ANTIVIRUS_HISTORY_MAX_DAYS).default(30) }),
    async handler(c, { params, query }) {
      return await antivirusSummary(store, params.participantId, query.days);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/health/report.pdf',
    response: rawResponse('The health report as an A4 PDF', 'application/pdf'),
    scope: 'participant',
    tag,
    summary: 'The health report as an A4 PDF (rendered by headless Chromium from the report page)',
    audit: 'health report (PDF)',
    params: z.object({ participantId: uuidParam }),
    query: z.object({
      days: z.coerce.number().int().min(1).max(365).default(30),
      lang: z.enum(['ja', 'en']).default('ja'),
    }),
    async handler(c, { params, query }) {
      if (!pdf.available())
        throw new ApiError(
          503,
          'pdf_unavailable',
          'PDF rendering needs Chromium on the server (Debian: apt-get install chromium). The report page prints to PDF from any browser meanwhile.',
        );
      // One browser renders every PDF; how many at once is bounded (429 with Retry-After beyond).
      const bytes = await pdfRenders.run(c, callerOf(c).accountId, () =>
        pdf.render(params.participantId, query.days, sessionTokenOf(c), query.lang),
      );
      const day = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="yorozu-health-report-${day}.pdf"`,
      });
    },
  });
}
