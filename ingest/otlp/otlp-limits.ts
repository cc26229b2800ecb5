/** Limits of POST /v1/logs; server/config.ts fills them from INGEST_OTLP_* variables. */
export interface OtlpLimits {
  /** Body bytes as sent (compressed when gzip): larger is refused with 413 before it is read whole. */
  maxBodyBytes: number;
  /** Bytes after gunzip: a small body that inflates past this is refused with 413 (a gzip bomb). */
  maxDecompressedBytes: number;
  /** Log records in one request; the Collector's batch processor should send at most this many (send_batch_max_size). */
  maxRecordsPerRequest: number;
}
