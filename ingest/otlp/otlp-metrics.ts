import { Counter, type Registry } from 'prom-client';

/** The OTLP receiver's metrics, on the gateway's registry (served at /metrics). */
export function createOtlpMetrics(registry: Registry) {
  return {
    requests: new Counter({
      name: 'yorozu_otlp_requests_total',
      help: 'POST /v1/logs requests by outcome (accepted, partial, and each refusal)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    records: new Counter({
      name: 'yorozu_otlp_log_records_total',
      help: 'OTLP log records by outcome: mapped (to events), kept (windows_events_kept), rejected',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    windowsKept: new Counter({
      name: 'yorozu_windows_events_kept_total',
      help: 'Windows events stored outside the eight categories, by reason and Windows event id',
      labelNames: ['reason', 'event_id'] as const,
      registers: [registry],
    }),
  };
}

export type OtlpMetrics = ReturnType<typeof createOtlpMetrics>;
