import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../api/route-table.js';
import * as contract from '../contract/index.js';
import type { DetectionRun } from './detection-evaluation.js';
import type { AttentionVisitsStore } from './attention-visits-store.js';
import type { DetectionRulesStore } from './detection-rules-store.js';
import type { FindingsStore } from './findings-store.js';
import { ruleDescriptions, ruleTitles } from './rule-titles.js';
import { compileSigmaRule, parseSigmaRule, SigmaRuleError } from './sigma/index.js';

/**
 * Operators: the attention queue across participants, triage with history, the detection rules (enable,
 * disable, write, try on one participant). Participants: the findings an operator sent them.
 */
const itemId = z.string().regex(/^([0-9a-f]{32}|policy:[0-9a-f-]{36})$/, 'a finding id or policy:<policy id>');

export function detectionsRoutes(
  routes: RouteTable,
  deps: {
    findings: FindingsStore;
    rules: DetectionRulesStore;
    run: DetectionRun;
    visits: AttentionVisitsStore;
    participantsTakingPart: () => Promise<string[]>;
  },
): void {
  const { findings, rules, run } = deps;
  const tag = 'detections';

  routes.add({
    method: 'get',
    path: '/api/v1/admin/attention',
    response: contract.attentionQueue,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary:
      'The attention queue across participants: detection findings, then high/critical policy failures, by level, newest first',
    audit: 'attention queue',
    query: z.object({
      participant: uuidParam.optional(),
      rule: z.string().max(128).optional(),
      technique: z
        .string()
        .regex(/^[Tt]\d{4}(\.\d{3})?$/)
        .optional(),
      closed: z.enum(['0', '1']).default('0'),
    }),
    async handler(c, { query, recordAccess }) {
      const items = await findings.queue(await deps.participantsTakingPart(), {
        participant: query.participant,
        rule: query.rule,
        technique: query.technique,
        includeClosed: query.closed === '1',
      });
      await recordAccess([...new Set(items.map((item) => item.participantId))]);
      return { items };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/attention/visit',
    response: contract.attentionVisit,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Record that this operator account opens the attention queue now; returns its previous visit, which marks what is new',
    async handler(c) {
      return { previousVisit: await deps.visits.recordVisit(callerOf(c).accountId) };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/attention/triage',
    response: contract.triageHistory,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary:
      'Change the triage state of a finding or policy failure (a false positive needs a reason; "sent" shows it to the participant with the message)',
    params: z.object({ participantId: uuidParam }),
    body: z
      .object({
        itemId,
        state: contract.triageState,
        reason: z.string().trim().max(2000).default(''),
        messageJa: z.string().trim().max(4000).default(''),
      })
      .refine((b) => b.state !== 'false_positive' || b.reason !== '', {
        message: 'a false positive needs a reason',
        path: ['reason'],
      })
      .refine((b) => b.state !== 'sent' || b.messageJa !== '', {
        message: 'what the participant reads (messageJa) is needed to send a finding',
        path: ['messageJa'],
      }),
    async handler(c, { params, body, recordAccess }) {
      await recordAccess([params.participantId]);
      if (!(await findings.exists(params.participantId, body.itemId)))
        throw new ApiError(404, 'not_found', `No finding ${body.itemId} for this participant.`);
      await findings.triage(params.participantId, body.itemId, body, callerOf(c).loginName);
      return { history: await findings.history(params.participantId, body.itemId) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/participants/:participantId/attention/history',
    response: contract.triageHistory,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary: 'The triage history of one finding or policy failure',
    params: z.object({ participantId: uuidParam }),
    query: z.object({ item: itemId }),
    async handler(c, { params, query, recordAccess }) {
      await recordAccess([params.participantId]);
      return { history: await findings.history(params.participantId, query.item) };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/detections/run',
    response: contract.detectionRunDone,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary: "Run the enabled detection rules over this participant's events now",
    params: z.object({ participantId: uuidParam }),
    async handler(c, { params, recordAccess }) {
      await recordAccess([params.participantId]);
      const result = await run.runFor(params.participantId, new Date());
      return { participants: 1, findings: result.findings.length, written: result.written, errors: result.errors };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/detection-rules',
    response: contract.detectionRuleList,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'The detection rules (Sigma), whether each is enabled, and why one cannot run here',
    async handler() {
      return {
        rules: (await rules.rules()).map((record) => {
          let problem: string | null = null;
          let techniques: string[] = [];
          let description: string | undefined;
          try {
            const rule = parseSigmaRule(record.yaml);
            techniques = rule.techniques;
            description = rule.description;
            compileSigmaRule(rule);
          } catch (error) {
            problem = (error as Error).message;
          }
          return {
            ...record,
            ...ruleTitles(record.rule_id, record.title),
            ...ruleDescriptions(record.rule_id, description),
            techniques,
            problem,
          };
        }),
      };
    },
  });

  routes.add({
    method: 'put',
    path: '/api/v1/admin/detection-rules/:ruleId',
    response: contract.detectionRuleList,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Enable or disable a rule, or save a new version of its YAML (validated and compiled first)',
    params: z.object({ ruleId: z.string().min(1).max(64) }),
    body: z.object({ enabled: z.boolean(), yaml: z.string().min(1).max(100_000).optional() }),
    async handler(c, { params, body }) {
      const existing = (await rules.rules()).find((rule) => rule.rule_id === params.ruleId);
      const yaml = body.yaml ?? existing?.yaml;
      if (!yaml) throw new ApiError(404, 'not_found', `No rule ${params.ruleId}; send its yaml to create it.`);
      const rule = compiledOrError(yaml);
      if (rule.id !== params.ruleId)
        throw new ApiError(400, 'invalid_rule', `The rule's id is ${rule.id}, not ${params.ruleId}.`);
      await rules.writeRule(
        { rule_id: params.ruleId, origin: existing?.origin ?? 'operator', enabled: body.enabled, yaml },
        (existing?.current_version ?? 0) + 1,
        callerOf(c).loginName,
      );
      return { rules: [] };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/detection-rules/try',
    response: contract.detectionRuleTried,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary: "Run a rule (YAML) over one participant's events without saving it: what it would find",
    body: z.object({ participantId: uuidParam, yaml: z.string().min(1).max(100_000) }),
    async handler(c, { body, recordAccess }) {
      const rule = compiledOrError(body.yaml);
      await recordAccess([body.participantId]);
      const result = await run.tryRule(body.participantId, rule, new Date());
      if (result.errors.length > 0) throw new ApiError(400, 'invalid_rule', result.errors[0]!);
      return {
        findings: result.findings.map((f) => ({
          deviceId: f.device_id,
          user: f.user_name,
          count: f.event_count,
          firstSeen: f.first_seen,
          lastSeen: f.last_seen,
        })),
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/findings',
    response: contract.sentFindings,
    scope: 'participant',
    tag,
    summary: 'The findings the desk sent to this participant, with its message in plain Japanese',
    audit: 'findings sent to the participant',
    params: z.object({ participantId: uuidParam }),
    async handler(c, { params }) {
      return { findings: await findings.sentTo(params.participantId) };
    },
  });
}

/** A rule's YAML, parsed and compiled, or a 400 naming what is wrong (never the SQL). */
function compiledOrError(yaml: string) {
  try {
    const rule = parseSigmaRule(yaml);
    compileSigmaRule(rule);
    return rule;
  } catch (error) {
    if (error instanceof SigmaRuleError)
      throw new ApiError(400, 'invalid_rule', error.message, undefined, {
        rule: { code: error.code, missingFields: error.missingFields },
      });
    throw error;
  }
}
