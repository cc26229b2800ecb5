/** Version and default limits of agent-protocol v1. A server announces its own limits in `welcome`. */
export const PROTOCOL_VERSION = 1 as const;
export const WEBSOCKET_SUBPROTOCOL = 'yorozu.v1';

export const DEFAULT_LIMITS = {
  maxMessageBytes: 4 * 1024 * 1024,
  maxEventsPerBatch: 5000,
  maxInFlightBatches: 8,
  maxStringLength: 8192,
  maxUrlLength: 8192,
  maxPathLength: 4096,
  maxAttributes: 32,
  maxSoftwarePerSnapshot: 20_000,
  maxUpdatesPerSnapshot: 20_000,
  maxHealthResultsPerBatch: 1000,
  /** Events older than this (days) or later than now + maxClockSkew are refused by field. */
  maxEventAgeDays: 400,
  maxClockSkewSeconds: 24 * 3600,
} as const;
