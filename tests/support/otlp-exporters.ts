import { OTLPLogExporter as OtlpJsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OtlpProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';

/**
 * The OpenTelemetry JS logs SDK and its two OTLP/HTTP exporters as real clients of POST /v1/logs:
 * records are emitted through a LoggerProvider (so they are the SDK's own records, with a
 * resource like the Collector's resourcedetection gives) and sent by the exporter, which encodes,
 * compresses and retries (429/502/503/504, Retry-After) exactly as it does against any backend.
 */
export const WINDOWS_RESOURCE = {
  'host.name': 'PC-SOUMU-01',
  'host.id': '8f1c2a6e-3b4d-4c5e-9f70-1a2b3c4d5e6f',
  'os.type': 'windows',
  'os.description': 'Microsoft Windows 11 Pro 10.0.22631',
  'service.name': 'otelcol-contrib',
  'service.version': '0.140.0',
};

export interface WindowsLogRecordInput {
  body: unknown;
  time: string;
}

export function sdkLogRecords(
  inputs: WindowsLogRecordInput[],
  resource: Record<string, string> = WINDOWS_RESOURCE,
): ReadableLogRecord[] {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(resource),
    processors: [new SimpleLogRecordProcessor({ exporter: memory })],
  });
  const logger = provider.getLogger(
    'github.com/open-telemetry/opentelemetry-collector-contrib/receiver/windowseventlogreceiver',
  );
  for (const input of inputs)
    logger.emit({ body: input.body as never, timestamp: new Date(input.time), severityText: 'Information' });
  return memory.getFinishedLogRecords();
}

export type ExporterKind = 'json' | 'protobuf';

export interface ExportOptions {
  gzip?: boolean;
  timeoutMillis?: number;
}

/** Sends records through the real exporter; resolves with its result (code 0 = success). */
export function exportLogRecords(
  kind: ExporterKind,
  baseUrl: string,
  credential: string,
  records: ReadableLogRecord[],
  options: ExportOptions = {},
): Promise<{ code: number; error?: Error }> {
  const config = {
    url: new URL('/v1/logs', baseUrl).toString(),
    headers: { Authorization: `Bearer ${credential}` },
    compression: (options.gzip ? 'gzip' : 'none') as never,
    timeoutMillis: options.timeoutMillis ?? 30_000,
  };
  const exporter = kind === 'json' ? new OtlpJsonLogExporter(config) : new OtlpProtoLogExporter(config);
  return new Promise((resolve) => exporter.export(records, (result) => resolve(result))).finally(() =>
    exporter.shutdown(),
  ) as Promise<{ code: number; error?: Error }>;
}
