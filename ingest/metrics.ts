import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics, on a registry of their own (served at /metrics). */
export function createIngestMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'yorozu_process_' });
  return {
    registry,
    connections: new Gauge({
      name: 'yorozu_agent_connections',
      help: 'Open agent WebSocket connections',
      registers: [registry],
    }),
    messages: new Counter({
      name: 'yorozu_agent_messages_total',
      help: 'Agent messages received, by transport and type',
      labelNames: ['transport', 'type'] as const,
      registers: [registry],
    }),
    eventsAccepted: new Counter({
      name: 'yorozu_events_accepted_total',
      help: 'Log events stored and acknowledged, by category',
      labelNames: ['category'] as const,
      registers: [registry],
    }),
    eventsRejected: new Counter({
      name: 'yorozu_events_rejected_total',
      help: 'Log events refused, by category and reason',
      labelNames: ['category', 'reason'] as const,
      registers: [registry],
    }),
    deviceRefusals: new Counter({
      name: 'yorozu_device_refusals_total',
      help: 'What one device was refused so that it cannot slow the others (ingest/device-isolation.ts), by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    deviceReadHolds: new Counter({
      name: 'yorozu_device_read_holds_total',
      help: "Times one device's WebSocket was left unread for its own limits (read-scheduler.ts), by reason: read_budget (bytes read per second), refused_messages (refusals over their rate), fair_share (its next frame beyond its share of a busy gateway, kept queued)",
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    devicesReadHeld: new Gauge({
      name: 'yorozu_devices_read_held',
      help: "Agent WebSocket connections left unread now for their own device's limits",
      registers: [registry],
    }),
    credentialChecks: new Counter({
      name: 'yorozu_credential_checks_total',
      help: 'Device credential checks, by where the device record came from (cache, negative cache, database)',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    unacknowledgedEvents: new Gauge({
      name: 'yorozu_unacknowledged_events',
      help: 'Events read from agents over WebSocket and not yet answered, over the whole gateway',
      registers: [registry],
    }),
    readingPaused: new Counter({
      name: 'yorozu_reading_paused_total',
      help: 'Times the gateway stopped reading every agent socket because it held its bound of unacknowledged events',
      registers: [registry],
    }),
    slowDowns: new Counter({
      name: 'yorozu_slow_down_sent_total',
      help: 'slow_down messages sent: to agents whose frames waited at the bound of unacknowledged events',
      registers: [registry],
    }),
    duplicateEvents: new Counter({
      name: 'yorozu_events_duplicate_total',
      help: 'Re-sent events identical to the stored copy: acknowledged, not written again',
      labelNames: ['transport'] as const,
      registers: [registry],
    }),
    conflictingResends: new Counter({
      name: 'yorozu_events_conflicting_resend_total',
      help: 'Re-sent events whose content differs from the stored copy: the first stays, the re-send is refused and recorded',
      labelNames: ['transport'] as const,
      registers: [registry],
    }),
    textReplaced: new Counter({
      name: 'yorozu_events_text_replaced_total',
      help: 'Accepted events whose text held lone UTF-16 surrogates, replaced with U+FFFD and flagged',
      labelNames: ['category'] as const,
      registers: [registry],
    }),
    messagesRefused: new Counter({
      name: 'yorozu_messages_refused_total',
      help: 'Whole messages or connections refused, by error code',
      labelNames: ['transport', 'code'] as const,
      registers: [registry],
    }),
    batchSize: new Histogram({
      name: 'yorozu_batch_events',
      help: 'Events per received batch',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
      registers: [registry],
    }),
    writerQueueRows: new Gauge({
      name: 'yorozu_writer_queue_rows',
      help: 'Rows waiting for or in an insert, by table',
      labelNames: ['table'] as const,
      registers: [registry],
    }),
    insertSeconds: new Histogram({
      name: 'yorozu_insert_duration_seconds',
      help: 'Insert latency by table and outcome',
      labelNames: ['table', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    insertRows: new Histogram({
      name: 'yorozu_insert_rows',
      help: 'Rows per insert, by table',
      labelNames: ['table'] as const,
      buckets: [1, 10, 100, 1000, 5000, 10000, 20000, 50000],
      registers: [registry],
    }),
    ackSeconds: new Histogram({
      name: 'yorozu_ack_latency_seconds',
      help: 'From a batch received to its acknowledgement sent',
      labelNames: ['transport'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;
