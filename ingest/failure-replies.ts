import type { Logger } from 'pino';
import type { ErrorMessage } from '../agent-protocol/index.js';
import { WriteFailedError } from './buffered-writer.js';
import { protocolError } from './protocol-replies.js';

/**
 * The reply to a message whose handling threw. A value the engine refuses for good is never called
 * retryable (`not_storable`); storage failing is (`storage_failed`); anything else is `internal_error`.
 */
export function replyToFailure(error: unknown, batchId: string | undefined, logger: Logger): ErrorMessage {
  if (error instanceof WriteFailedError && error.rowsAtFault) {
    logger.warn({ err: error, table: error.table }, 'the engine refused a message for good');
    return protocolError(
      'not_storable',
      `The storage engine refused a value of this message (${firstLineOf(error.cause)}); it was not stored. Sending it again cannot succeed.`,
      { batchId },
    );
  }
  if (error instanceof WriteFailedError) {
    logger.error({ err: error, table: error.table }, 'batch not stored');
    return protocolError(
      'storage_failed',
      `The batch was not stored (${error.retryable ? 'engine unavailable' : 'the engine refused the insert'}); it was not acknowledged. Retry later.`,
      { batchId, retryAfterMs: 5000 },
    );
  }
  logger.error({ err: error }, 'unexpected failure handling an agent message');
  return protocolError('internal_error', 'The server failed while handling this message; it was not acknowledged.', {
    batchId,
    retryAfterMs: 5000,
  });
}

/** The first line of an engine error, short enough for a reply or a record. */
export function firstLineOf(error: unknown): string {
  return String((error as Error | undefined)?.message ?? error ?? 'unknown')
    .split('\n')[0]!
    .slice(0, 300);
}
