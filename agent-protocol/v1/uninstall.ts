import { z } from 'zod';
import { protocolVersion, text } from './common.js';

/**
 * `POST /v1/uninstall-report`: what an agent did after the `uninstall` command (terms art. 11 (4)).
 * Sent over HTTP by every agent, WebSocket or not: by then its credential is revoked and the
 * WebSocket refuses it, but this one endpoint still takes a revoked credential whose device was told
 * to uninstall. Sent after the agent's data is removed and before its service and program go.
 */
export const uninstallReport = z.object({
  v: protocolVersion,
  type: z.literal('uninstall_report'),
  status: z.enum(['done', 'failed']).describe('done: the agent removed its data and started removing itself'),
  removed: z
    .array(z.enum(['credential', 'buffer', 'state', 'service', 'program']))
    .max(5)
    .default([])
    .describe('What is gone (state) or being removed (service, program) as the report is sent'),
  heardBy: z
    .enum(['websocket', 'http'])
    .describe('How the agent heard the command: a WebSocket command, or the uninstall flag of an HTTP error'),
  detail: text.optional().describe('What failed, or how the program is being removed'),
});

export type UninstallReport = z.infer<typeof uninstallReport>;
