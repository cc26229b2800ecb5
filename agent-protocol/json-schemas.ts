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
};

/** File name → file text, deterministic so a stale file shows up as a difference. */
export function renderJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
    const document = {
      $id: `https://yorozu.example/agent-protocol/v1/${name}.schema.json`,
      title: `Yorozu agent-protocol v1: ${name}`,
      ...json,
    };
    files.set(`${name}.schema.json`, `${JSON.stringify(document, null, 2)}\n`);
  }
  return files;
}
