import { z } from 'zod';
import * as protocol from './index.js';

/** Which zod schema becomes which file of agent-protocol/schemas/. */
const SCHEMA_FILES: Record<string, z.ZodType> = {
  'enroll-request': protocol.enrollRequest,
  'enroll-response': protocol.enrollResponse,
  'agent-message': protocol.agentMessage,
  'server-message': protocol.serverMessage,
  'log-event': protocol.logEvent,
  'inventory-snapshot': protocol.inventorySnapshot,
  'health-result': protocol.healthResult,
  'server-command': protocol.serverCommand,
  'agent-config': protocol.agentConfig,
  'uninstall-report': protocol.uninstallReport,
};

/** File name → file text, deterministic so a stale file shows up as a difference. */
export function renderJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
      override: (context) => {
        if (context.zodSchema === protocol.healthResult) context.jsonSchema.allOf = knownHealthCheckRules();
      },
    });
    const document = {
      $id: `https://yorozu.example/agent-protocol/v1/${name}.schema.json`,
      title: `Yorozu agent-protocol v1: ${name}`,
      ...json,
    };
    files.set(`${name}.schema.json`, `${JSON.stringify(document, null, 2)}\n`);
  }
  return files;
}

/**
 * The checks with a meaning (PROTOCOL.md §5.4) as JSON Schema conditions: zod's refinement does not
 * export, so each check's value form is written here from the same catalogue.
 */
function knownHealthCheckRules(): Record<string, unknown>[] {
  return protocol.KNOWN_HEALTH_CHECK_IDS.flatMap((checkId) => {
    const pattern = protocol.healthValuePattern(protocol.HEALTH_CHECKS[checkId]);
    return [
      {
        if: {
          properties: { checkId: { const: checkId }, status: { enum: ['pass', 'fail'] } },
          required: ['checkId', 'status'],
        },
        then: {
          required: ['value'],
          ...(pattern ? { properties: { value: { type: 'string', pattern } } } : {}),
        },
      },
      ...(pattern
        ? [
            {
              if: { properties: { checkId: { const: checkId } }, required: ['checkId'] },
              then: { properties: { value: { type: 'string', pattern } } },
            },
          ]
        : []),
    ];
  });
}
