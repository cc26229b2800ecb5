import { ExportLogsServiceRequest, type OtlpExportLogsRequest } from './otlp-proto.js';

/**
 * An OTLP/HTTP request body → the request message. Protobuf through the generated decoder; JSON
 * through the same message's fromObject, which takes the proto3 JSON mapping OTLP uses
 * (lowerCamelCase names, int64 as strings, enums as integers), after the one OTLP deviation:
 * trace and span ids are hex, not base64.
 */
export type OtlpEncoding = 'protobuf' | 'json';

export class OtlpDecodeError extends Error {}

export function decodeLogsRequest(body: Buffer, encoding: OtlpEncoding): OtlpExportLogsRequest {
  if (encoding === 'protobuf') {
    try {
      return ExportLogsServiceRequest.decode(body);
    } catch (error) {
      throw new OtlpDecodeError(`the body is not an ExportLogsServiceRequest in protobuf: ${(error as Error).message}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new OtlpDecodeError(`the body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new OtlpDecodeError('the body is not a JSON object (an ExportLogsServiceRequest)');
  try {
    return ExportLogsServiceRequest.fromObject(withBinaryIds(json as Record<string, unknown>));
  } catch (error) {
    throw new OtlpDecodeError(`the JSON is not an ExportLogsServiceRequest: ${(error as Error).message}`);
  }
}

function withBinaryIds(request: Record<string, unknown>): Record<string, unknown> {
  for (const resourceLogs of arrayOf(request.resourceLogs)) {
    for (const scopeLogs of arrayOf((resourceLogs as Record<string, unknown>).scopeLogs)) {
      for (const record of arrayOf((scopeLogs as Record<string, unknown>).logRecords)) {
        const fields = record as Record<string, unknown>;
        for (const key of ['traceId', 'spanId']) {
          const id = fields[key];
          if (typeof id === 'string') fields[key] = /^([0-9a-f]{2})*$/i.test(id) ? Buffer.from(id, 'hex') : undefined;
        }
      }
    }
  }
  return request;
}

const arrayOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value.filter((entry) => typeof entry === 'object' && entry !== null) : [];
