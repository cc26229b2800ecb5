/**
 * The bytes a device may send per event of its events-per-second limit when no read budget is configured:
 * several times a real event (the simulator's average ~ a few hundred bytes of JSON), so an agent at its event
 * rate is never held by the byte budget, while a device sending huge messages is.
 */
export const READ_BYTES_PER_EVENT = 1024;

/**
 * Rows one insert of a table takes at most, and from which it starts without waiting for the interval. With
 * group commit (buffered-writer.ts) a smaller insert never runs beside another, so under load the inserts grow
 * to this size: about a third of the default bound on unacknowledged events (150,000), so that the gateway keeps
 * reading while one insert runs instead of holding every agent's batch in it. Each insert into `events` costs
 * the engine tens of ms of CPU besides its rows (its parts, and its materialized views' parts), so the cost per
 * row falls with the insert's size (`npx tsx bench/insert-paths.ts`).
 */
export const DEFAULT_FLUSH_ROWS = 50_000;

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
  /** Engine connections (chDB sessions) the writers insert through, side by side (embedded mode). */
  insertConnections: number;
  /** Inserts in flight at once per table. */
  maxConcurrentInserts: number;
  fsync: boolean;
  heartbeatSeconds: number;
  /** Bytes read from one device per second, and the burst: over WebSocket its socket is not read beyond them (device-isolation.ts). */
  deviceReadBytesPerSecond: number;
  deviceReadBurstBytes: number;
  /** While other devices send events, one device's frames start at up to this many times the average sending device's bytes per second (fair-share.ts); 0: off. */
  fairShareFactor: number;
  /** The window the gateway's throughput and its sending devices are measured over, in ms (fair-share.ts). */
  fairShareWindowMs: number;
  /** The least share of a device, bytes per second, however little the others send (fair-share.ts). */
  fairShareFloorBytesPerSecond: number;
  /** Bytes of one device's messages handled at once (device-isolation.ts). */
  deviceMaxBytesInFlight: number;
  /** Whole messages of one device refused per second before it is answered rate_limited unparsed, and the burst. */
  deviceRefusedMessagesPerSecond: number;
  deviceRefusedMessagesBurst: number;
  /** Rejection records (rejected_messages rows) written per device per second, and the burst; more are counted only. */
  deviceRejectionRecordsPerSecond: number;
  deviceRejectionRecordsBurst: number;
  /** Diagnostics messages per device per minute (also the burst), and the size limit of one. */
  deviceDiagnosticsPerMinute: number;
  maxDiagnosticsBytes: number;
  /** Events read from agents and not yet acknowledged, over the whole gateway: reading pauses at this bound. */
  maxUnacknowledgedEvents: number;
  revocationSweepMs: number;
}
