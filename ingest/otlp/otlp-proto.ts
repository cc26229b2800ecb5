import { createRequire } from 'node:module';
import protobuf from 'protobufjs';

/**
 * The OTLP messages, from the protobufjs static module generated from the official
 * opentelemetry-proto definitions and shipped in @opentelemetry/otlp-transformer (pinned as
 * `otlp-proto-root` to 0.212.0, the last release that ships it; later releases serialise by hand
 * and decode only responses). google.rpc.Status is not in that root: it is declared here from its
 * published definition (code = 1, message = 2) for error bodies.
 */
interface ProtoType<T> {
  decode(bytes: Uint8Array): T;
  fromObject(object: Record<string, unknown>): T;
  encode(message: T): { finish(): Uint8Array };
  create(properties: Record<string, unknown>): T;
}

export interface OtlpAnyValue {
  stringValue?: string | null;
  boolValue?: boolean | null;
  intValue?: number | { toString(): string } | null;
  doubleValue?: number | null;
  arrayValue?: { values?: OtlpAnyValue[] | null } | null;
  kvlistValue?: { values?: OtlpKeyValue[] | null } | null;
  bytesValue?: Uint8Array | null;
}
export interface OtlpKeyValue {
  key?: string | null;
  value?: OtlpAnyValue | null;
}
export interface OtlpLogRecord {
  timeUnixNano?: number | { toString(): string } | null;
  observedTimeUnixNano?: number | { toString(): string } | null;
  severityText?: string | null;
  body?: OtlpAnyValue | null;
  attributes?: OtlpKeyValue[] | null;
  eventName?: string | null;
}
export interface OtlpExportLogsRequest {
  resourceLogs?:
    | {
        resource?: { attributes?: OtlpKeyValue[] | null } | null;
        scopeLogs?: { scope?: { name?: string | null } | null; logRecords?: OtlpLogRecord[] | null }[] | null;
      }[]
    | null;
}

const require = createRequire(import.meta.url);
const generated = require('otlp-proto-root/build/src/generated/root.js') as {
  opentelemetry: {
    proto: { collector: { logs: { v1: { ExportLogsServiceRequest: unknown; ExportLogsServiceResponse: unknown } } } };
  };
};
const logsService = generated.opentelemetry.proto.collector.logs.v1;

export const ExportLogsServiceRequest = logsService.ExportLogsServiceRequest as ProtoType<OtlpExportLogsRequest>;
export const ExportLogsServiceResponse = logsService.ExportLogsServiceResponse as ProtoType<Record<string, unknown>>;

const statusRoot = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        rpc: { nested: { Status: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } } } } },
      },
    },
  },
});
export const RpcStatus = statusRoot.lookupType('google.rpc.Status');
