import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../api/route-table.js';
import * as contract from '../contract/index.js';
import type { DetectionRulesStore } from './detection-rules-store.js';
import type { ExceptionsStore } from './exceptions-store.js';
import { ruleTitles } from './rule-titles.js';
import { compileSigmaRule, parseSigmaRule, ruleWithExceptions, SigmaRuleError } from './sigma/index.js';

/**
 * Operators: per-participant exceptions to detection rules (a rule silenced for one participant, or only where
 * one of its fields has a value), each with a reason; listed with who set it and when, and lifted.
 */
export function exceptionsRoutes(
  routes: RouteTable,
  deps: { exceptions: ExceptionsStore; rules: DetectionRulesStore },
) {
  const { exceptions, rules } = deps;
  const tag = 'detections';
  const answer = async () => {
    // Titles in both languages, as the rule list gives them: a SigmaHQ rule's stored title is its English one.
    const titles = new Map((await rules.rules()).map((rule) => [rule.rule_id, ruleTitles(rule.rule_id, rule.title)]));
    return {
      exceptions: (await exceptions.all()).map((e) => ({
        exceptionId: e.exception_id,
        participantId: e.participant_id,
        organisation: e.organisation,
        ruleId: e.rule_id,
        ruleTitle: titles.get(e.rule_id)?.title ?? e.rule_id,
        ruleTitleEn: titles.get(e.rule_id)?.titleEn ?? e.rule_id,
        field: e.field,
        value: e.value,
        reason: e.reason,
        changedAt: e.changed_at,
        changedBy: e.changed_by,
      })),
    };
  };
  const participantsIn = (answered: Awaited<ReturnType<typeof answer>>) => [
    ...new Set(answered.exceptions.map((e) => e.participantId)),
  ];

  routes.add({
    method: 'get',
    path: '/api/v1/admin/detection-exceptions',
    response: contract.detectionExceptions,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary: "Every participant's exceptions to detection rules, with the reason and who set each, when",
    audit: 'detection rule exceptions',
    async handler(c, { recordAccess }) {
      const answered = await answer();
      await recordAccess(participantsIn(answered));
      return answered;
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/detection-exceptions',
    response: contract.detectionExceptions,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary:
      "Silence a detection rule for this participant, or only where one of the rule's fields has a value (field and value), with a reason",
    params: z.object({ participantId: uuidParam }),
    body: z
      .object({
        ruleId: z.string().min(1).max(64),
        field: z
          .string()
          .trim()
          .max(128)
          .regex(/^([A-Za-z_][A-Za-z0-9_.]*)?$/, 'a field name of the rule (letters, digits, _ and .)')
          .default(''),
        value: z.string().max(1000).default(''),
        reason: z.string().trim().min(1, 'an exception needs a reason').max(2000),
      })
      .refine((b) => (b.field === '') === (b.value === ''), {
        message: 'a value exception needs both the field and the value; the whole rule needs neither',
        path: ['value'],
      }),
    async handler(c, { params, body, recordAccess }) {
      const rule = (await rules.rules()).find((r) => r.rule_id === body.ruleId);
      if (!rule) throw new ApiError(404, 'not_found', `No detection rule ${body.ruleId}.`);
      if (body.field !== '') {
        // The rule with this exception must still compile: a field Yorozu does not have is refused by name.
        try {
          compileSigmaRule(ruleWithExceptions(parseSigmaRule(rule.yaml), [body])!);
        } catch (error) {
          if (error instanceof SigmaRuleError)
            throw new ApiError(400, 'invalid_rule', error.message, undefined, {
              rule: { code: error.code, missingFields: error.missingFields },
            });
          throw error;
        }
      }
      await exceptions.write(
        { participant_id: params.participantId, rule_id: body.ruleId, ...body, removed: false },
        callerOf(c).loginName,
      );
      const answered = await answer();
      await recordAccess([params.participantId, ...participantsIn(answered)]);
      return answered;
    },
  });

  routes.add({
    method: 'delete',
    path: '/api/v1/admin/participants/:participantId/detection-exceptions/:exceptionId',
    response: contract.detectionExceptions,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary: 'Lift an exception: the rule runs in full for this participant again',
    params: z.object({ participantId: uuidParam, exceptionId: z.string().regex(/^[0-9a-f]{32}$/) }),
    async handler(c, { params, recordAccess }) {
      const current = (await exceptions.ofParticipant(params.participantId)).find(
        (e) => e.exception_id === params.exceptionId,
      );
      if (!current) throw new ApiError(404, 'not_found', `No exception ${params.exceptionId} for this participant.`);
      await exceptions.write({ ...current, removed: true }, callerOf(c).loginName);
      const answered = await answer();
      await recordAccess([params.participantId, ...participantsIn(answered)]);
      return answered;
    },
  });
}
