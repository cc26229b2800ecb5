import type { z } from 'zod';
import {
  ERROR_CODES,
  PROTOCOL_VERSION,
  type ErrorCode,
  type ErrorMessage,
  type ServerMessage,
} from '../agent-protocol/index.js';

/** The server's replies that more than one transport builds: errors and their HTTP status. */

export function protocolError(
  code: ErrorCode,
  message: string,
  extra: Partial<Omit<ErrorMessage, 'v' | 'type' | 'code' | 'message'>> = {},
): ErrorMessage {
  return { v: PROTOCOL_VERSION, type: 'error', code, message, ...extra };
}

export function httpStatusOf(reply: ServerMessage): number {
  return reply.type === 'error' ? ERROR_CODES[reply.code].http : 200;
}

export function invalidMessage(error: z.ZodError, batchId: string | undefined): ErrorMessage {
  const issues = error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  return protocolError(
    'invalid_message',
    `The message does not match its schema${first ? `: ${first.path || '(root)'}: ${first.message}` : ''}.`,
    {
      batchId,
      issues,
    },
  );
}

/** The batchId of a message too large to parse, when it appears near the start (agents put it first). */
export function batchIdNear(raw: string): string | undefined {
  return /"batchId"\s*:\s*"([A-Za-z0-9._:-]{1,64})"/.exec(raw.slice(0, 4096))?.[1];
}
