/** The gateway's limits and writer settings; server/config.ts fills them from the environment. */
export interface IngestLimits {
  maxMessageBytes: number;
  maxEventsPerBatch: number;
  deviceEventsPerSecond: number;
  deviceBurstEvents: number;
  maxInFlightBatches: number;
  flushRows: number;
  flushIntervalMs: number;
  maxQueuedRows: number;
  insertRetries: number;
  /** Inserts in flight at once per table. */
  maxConcurrentInserts: number;
  fsync: boolean;
  heartbeatSeconds: number;
  revocationSweepMs: number;
}
