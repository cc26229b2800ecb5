/**
 * Every error the server sends has one of these codes. They are stable: agents branch on them.
 * `retry` says what a well-behaved agent does next.
 */
export const ERROR_CODES = {
  malformed_json: { http: 400, retry: 'never', text: 'The message is not valid JSON.' },
  unknown_message_type: { http: 400, retry: 'never', text: 'The message type is not one this protocol version knows.' },
  unsupported_version: { http: 400, retry: 'never', text: 'The protocol version is not supported by this server.' },
  invalid_message: {
    http: 400,
    retry: 'never',
    text: 'The message does not match its schema; issues name each field.',
  },
  message_too_large: { http: 413, retry: 'split', text: 'The message is larger than the maxMessageBytes limit.' },
  too_many_events: { http: 413, retry: 'split', text: 'The batch holds more events than the maxEventsPerBatch limit.' },
  rate_limited: { http: 429, retry: 'after_delay', text: 'The device is over its events-per-second limit.' },
  server_busy: { http: 503, retry: 'after_delay', text: 'The server is behind on writing; slow down and retry.' },
  shutting_down: { http: 503, retry: 'after_delay', text: 'The server is shutting down; reconnect and re-send.' },
  suspended: {
    http: 503,
    retry: 'after_delay',
    text: 'The service is suspended (maintenance window, terms art. 8); keep the batch and re-send after retryAfterMs.',
  },
  storage_failed: { http: 500, retry: 'after_delay', text: 'The batch could not be stored; it was not acknowledged.' },
  not_storable: {
    http: 422,
    retry: 'never',
    text: 'The storage engine refused a value of this message for good; sending it again cannot succeed.',
  },
  unauthenticated: { http: 401, retry: 'never', text: 'No device credential was presented.' },
  invalid_credential: { http: 401, retry: 'never', text: 'The device credential is unknown or malformed.' },
  credential_revoked: {
    http: 403,
    retry: 'never',
    text: 'The device was revoked; stop sending and forget the credential.',
  },
  invalid_enrollment_secret: {
    http: 401,
    retry: 'never',
    text: 'The enrollment secret is unknown, revoked or expired.',
  },
  not_found: { http: 404, retry: 'never', text: 'No such endpoint.' },
  internal_error: { http: 500, retry: 'after_delay', text: 'The server failed unexpectedly.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/** Why a single event of a batch was refused (ack.rejected[].code). */
export const EVENT_REJECTION_CODES = [
  'invalid_event',
  'time_out_of_range',
  'not_storable',
  'conflicting_resend',
] as const;

/** WebSocket close codes the server uses, with the reason text it sends. */
export const CLOSE_CODES = {
  goingAway: 1001,
  messageTooBig: 1009,
  invalidCredential: 4401,
  credentialRevoked: 4403,
  unsupportedVersion: 4400,
  heartbeatTimeout: 4408,
  replaced: 4409,
  internalError: 4500,
} as const;
