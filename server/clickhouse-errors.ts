/**
 * Tells an engine error that may pass on its own (retry it) from one that will fail again
 * (report it). Codes are ClickHouse's own (src/Common/ErrorCodes.cpp).
 */
const RETRYABLE_CLICKHOUSE_CODES = new Set([
  '159', // TIMEOUT_EXCEEDED
  '202', // TOO_MANY_SIMULTANEOUS_QUERIES
  '209', // SOCKET_TIMEOUT
  '210', // NETWORK_ERROR
  '241', // MEMORY_LIMIT_EXCEEDED
  '242', // TABLE_IS_READ_ONLY (replica lost Keeper for a moment)
  '243', // NOT_ENOUGH_SPACE (a full disk is freed, and the rows fit again)
  '252', // TOO_MANY_PARTS
  '279', // ALL_CONNECTION_TRIES_FAILED
  '319', // UNKNOWN_STATUS_OF_INSERT
  '425', // SYSTEM_ERROR
  '999', // KEEPER_EXCEPTION
]);

const RETRYABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND']);
/** Writing an insert's spooled file (server/formatted-insert.ts): the disk or the process is full for now. */
const RETRYABLE_FILE_CODES = new Set(['ENOSPC', 'EMFILE', 'ENFILE', 'EAGAIN', 'EBUSY', 'EIO']);

export function isRetryableEngineError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = String((error as { code?: unknown }).code ?? '');
  if (RETRYABLE_CLICKHOUSE_CODES.has(code) || RETRYABLE_NETWORK_CODES.has(code) || RETRYABLE_FILE_CODES.has(code))
    return true;
  // chDB's typed errors carry the engine's code apart from their own (`code: 'CHDB_INSERT'`).
  const engineCode = String((error as { clickhouseCode?: unknown }).clickhouseCode ?? '');
  if (RETRYABLE_CLICKHOUSE_CODES.has(engineCode)) return true;
  const message = String((error as { message?: unknown }).message ?? '');
  return /timeout|socket hang up|ECONNRESET/i.test(message);
}
