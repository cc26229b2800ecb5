import path from 'node:path';
import { z } from 'zod';
import { trustedProxyList, type ProxyTrust } from '../api/request-origin.js';
import type { DeskSettings } from '../desk/desk-domain.js';
import { DEFAULT_FLUSH_ROWS, READ_BYTES_PER_EVENT, type IngestLimits } from '../ingest/limits.js';
import type { OtlpLimits } from '../ingest/otlp/otlp-limits.js';

/**
 * Every setting of the process, read once from the environment and validated at start.
 * Defaults are for the embedded mode: chDB under ./data, one process, loopback-friendly.
 */
const booleanFromEnv = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const configSchema = z
  .object({
    YOROZU_HOST: z.string().default('0.0.0.0'),
    YOROZU_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    YOROZU_DATA_DIR: z.string().default('./data'),
    CLICKHOUSE_URL: z.string().url().optional(),
    CLICKHOUSE_USER: z.string().optional(),
    CLICKHOUSE_PASSWORD: z.string().optional(),
    CLICKHOUSE_DATABASE: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .default('yorozu'),
    CLICKHOUSE_CLUSTER: z.string().optional(),
    YOROZU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    YOROZU_ADMIN_LOGIN: z.string().min(3).max(64).default('admin'),
    // Art. 1: the trial period, applied at the first start only (later changes are made by operators, with a notice).
    YOROZU_TRIAL_STARTS_ON: z.iso.date({ message: 'must be a date YYYY-MM-DD' }).optional(),
    YOROZU_TRIAL_ENDS_ON: z.iso.date({ message: 'must be a date YYYY-MM-DD' }).optional(),
    YOROZU_ADMIN_PASSWORD: z.string().min(12, 'must have at least 12 characters').optional(),
    YOROZU_METRICS_TOKEN: z.string().min(16, 'must have at least 16 characters').optional(),
    YOROZU_METRICS_LISTEN: z
      .string()
      .regex(/^(?:\[[0-9a-fA-F:]+\]|[^:\s]+):\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9464')
      .optional(),
    YOROZU_SESSION_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
    YOROZU_IDLE_MINUTES_OPERATOR: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(30),
    YOROZU_IDLE_MINUTES_PARTICIPANT: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(120),
    // A number of proxy hops; the old "1"/"true" (one reverse proxy) keeps its meaning.
    YOROZU_TRUST_PROXY: z.preprocess(
      (value) => (value === 'true' || value === 'yes' ? '1' : value === 'false' || value === 'no' ? '0' : value),
      z.coerce
        .number()
        .int('must be the number of reverse proxies in front of Yorozu (0, 1, 2, …)')
        .min(0)
        .max(10)
        .default(0),
    ),
    YOROZU_TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        if (value === undefined) return;
        try {
          trustedProxyList(value);
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            message: `must be addresses or CIDR ranges separated by commas: ${(error as Error).message}`,
          });
        }
      }),
    YOROZU_SIGN_INS_PER_MINUTE: z.coerce.number().int().positive().default(20),
    YOROZU_APPLICATIONS_PER_HOUR: z.coerce.number().int().positive().default(10),
    // The operator's privacy policy (terms art. 23), linked from the public application page.
    YOROZU_PRIVACY_POLICY_URL: z.string().url().optional(),
    YOROZU_UPLOADS_PER_USER: z.coerce.number().int().positive().default(2),
    YOROZU_UPLOADS_TOTAL: z.coerce.number().int().positive().default(8),
    YOROZU_PDF_RENDERS_PER_USER: z.coerce.number().int().positive().default(1),
    YOROZU_PDF_RENDERS_TOTAL: z.coerce.number().int().positive().default(2),
    YOROZU_MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    YOROZU_DATA_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
    YOROZU_SUSPENSION_LEAD_BUSINESS_DAYS: z.coerce.number().int().min(0).max(60).default(3),
    YOROZU_JOBS: booleanFromEnv.default(true),
    YOROZU_HEALTH_CRON: z
      .string()
      .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression (minute hour day month weekday)')
      .default('0 * * * *'),
    YOROZU_PUBLIC_URL: z.string().url().optional(),
    YOROZU_MAIL_FROM: z
      .string()
      .regex(/@[^@\s>]+>?\s*$/, 'must be an address, e.g. "Yorozu <desk@example.jp>"')
      .default('Yorozu よろず相談窓口 <desk@yorozu.localhost>'),
    YOROZU_SMTP_RELAY_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be smtp://host:port or smtps://user:pass@host:port')
      .optional(),
    YOROZU_MAIL_AUTHSERV_ID: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, 'must be the host name the MX writes in its Authentication-Results')
      .optional(),
    YOROZU_MAIL_LOCAL_PART_CASE: z.enum(['insensitive', 'sensitive']).default('insensitive'),
    YOROZU_SMTP_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    YOROZU_SMTP_LISTEN_HOST: z.string().default('127.0.0.1'),
    YOROZU_SMTP_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(25 * 1024 * 1024),
    YOROZU_SLA_FIRST_RESPONSE_MINUTES: z.coerce.number().int().positive().default(120),
    YOROZU_SLA_RESOLUTION_MINUTES: z.coerce.number().int().positive().default(1260),
    YOROZU_SLA_WARNING_SHARE: z.coerce.number().gt(0).lt(1).default(0.25),
    YOROZU_DELETION_CRON: z
      .string()
      .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression (minute hour day month weekday)')
      .default('20 * * * *'),
    YOROZU_DESK_CRON: z
      .string()
      .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression (minute hour day month weekday)')
      .default('*/5 * * * *'),
    INGEST_MAX_MESSAGE_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(4 * 1024 * 1024),
    INGEST_MAX_EVENTS_PER_BATCH: z.coerce.number().int().positive().max(5000).default(5000),
    INGEST_DEVICE_EVENTS_PER_SECOND: z.coerce.number().positive().default(2000),
    INGEST_DEVICE_BURST_EVENTS: z.coerce.number().positive().default(50_000),
    INGEST_MAX_IN_FLIGHT_BATCHES: z.coerce.number().int().positive().default(8),
    INGEST_FLUSH_ROWS: z.coerce.number().int().positive().default(DEFAULT_FLUSH_ROWS),
    INGEST_FLUSH_INTERVAL_MS: z.coerce.number().int().positive().default(100),
    INGEST_MAX_QUEUED_ROWS: z.coerce.number().int().positive().default(400_000),
    INGEST_MAX_CONCURRENT_INSERTS: z.coerce.number().int().min(1).max(16).default(2),
    INGEST_INSERT_CONNECTIONS: z.coerce.number().int().min(1).max(8).default(2),
    INGEST_INSERT_RETRIES: z.coerce.number().int().min(0).default(5),
    INGEST_FSYNC: booleanFromEnv.default(false),
    INGEST_HEARTBEAT_SECONDS: z.coerce.number().int().min(5).max(300).default(30),
    INGEST_REVOCATION_SWEEP_MS: z.coerce.number().int().positive().default(5000),
    INGEST_DEVICE_MAX_BYTES_IN_FLIGHT: z.coerce
      .number()
      .int()
      .positive()
      .default(8 * 1024 * 1024),
    // Unset: READ_BYTES_PER_EVENT (1 KiB, several times a real event) per event of INGEST_DEVICE_EVENTS_PER_SECOND.
    INGEST_DEVICE_READ_BYTES_PER_SECOND: z.coerce.number().positive().optional(),
    // Unset: four messages of the largest size.
    INGEST_DEVICE_READ_BURST_BYTES: z.coerce.number().positive().optional(),
    // While others send, a device starts its frames at up to this many times the average sending device's bytes/s; 0: off.
    INGEST_FAIR_SHARE_FACTOR: z.coerce.number().min(0).default(4),
    INGEST_FAIR_SHARE_WINDOW_MS: z.coerce.number().int().min(100).default(10_000),
    INGEST_FAIR_SHARE_FLOOR_BYTES_PER_SECOND: z.coerce
      .number()
      .int()
      .min(0)
      .default(512 * 1024),
    INGEST_DEVICE_REFUSED_MESSAGES_PER_SECOND: z.coerce.number().positive().default(2),
    INGEST_DEVICE_REFUSED_MESSAGES_BURST: z.coerce.number().positive().default(20),
    INGEST_DEVICE_REJECTION_RECORDS_PER_SECOND: z.coerce.number().positive().default(50),
    INGEST_DEVICE_REJECTION_RECORDS_BURST: z.coerce.number().positive().default(1000),
    INGEST_DEVICE_DIAGNOSTICS_PER_MINUTE: z.coerce.number().positive().default(6),
    INGEST_MAX_DIAGNOSTICS_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    INGEST_MAX_UNACKNOWLEDGED_EVENTS: z.coerce.number().int().positive().default(150_000),
    INGEST_OTLP_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(8 * 1024 * 1024),
    INGEST_OTLP_MAX_DECOMPRESSED_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(64 * 1024 * 1024),
    // Unset: 10,000, or the device burst when that is smaller, so a full request can always be admitted.
    INGEST_OTLP_MAX_RECORDS: z.coerce.number().int().positive().max(50_000).optional(),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(5000),
  })
  .refine((e) => e.INGEST_DEVICE_BURST_EVENTS >= e.INGEST_MAX_EVENTS_PER_BATCH, {
    path: ['INGEST_DEVICE_BURST_EVENTS'],
    message: 'must be at least INGEST_MAX_EVENTS_PER_BATCH, or a full batch could never be admitted',
  })
  .refine(
    (e) =>
      e.INGEST_DEVICE_READ_BURST_BYTES === undefined || e.INGEST_DEVICE_READ_BURST_BYTES >= e.INGEST_MAX_MESSAGE_BYTES,
    {
      path: ['INGEST_DEVICE_READ_BURST_BYTES'],
      message: 'must be at least INGEST_MAX_MESSAGE_BYTES, or a quiet device could be held after one full message',
    },
  )
  .refine((e) => e.INGEST_OTLP_MAX_RECORDS === undefined || e.INGEST_DEVICE_BURST_EVENTS >= e.INGEST_OTLP_MAX_RECORDS, {
    path: ['INGEST_DEVICE_BURST_EVENTS'],
    message: 'must be at least INGEST_OTLP_MAX_RECORDS, or a full OTLP request could never be admitted',
  });

export interface Config {
  host: string;
  port: number;
  /** Who may read /metrics (server/ops-routes.ts): a bearer token, and/or a listen address of their own. */
  metrics: { token: string | undefined; listen: { host: string; port: number } | undefined };
  dataDir: string;
  clickhouse: {
    url: string | undefined;
    user: string | undefined;
    password: string | undefined;
    database: string;
    cluster: string | undefined;
    /** Where chDB keeps its files when no server URL is given. */
    embeddedPath: string;
  };
  logLevel: z.infer<typeof configSchema>['YOROZU_LOG_LEVEL'];
  /** The first operator, created on an empty database (password printed once unless given). */
  firstOperator: { loginName: string; password: string | undefined };
  /** Art. 1: the trial period to set on the first start (`--trial-start`/`--trial-end`), when none is set yet. */
  firstTrial: { startsOn: string; endsOn: string | null } | undefined;
  accounts: {
    sessionHours: number;
    /** Minutes without a request after which a session ends, per role (0: never). */
    idleMinutes: { operator: number; participant_user: number };
    /** Which X-Forwarded-For addresses to believe (api/request-origin.ts). */
    trustProxy: ProxyTrust;
    signInsPerMinutePerIp: number;
    /** Applications accepted per hour from one address (the public form). */
    applicationsPerHourPerIp: number;
    /** The operator's privacy policy (art. 23), '' when not configured. */
    privacyPolicyUrl: string;
    maxUploadBytes: number;
    /** Uploads and PDF renders in progress, per user and in total (api/concurrency-limit.ts). */
    concurrency: { uploads: { perCaller: number; total: number }; pdfRenders: { perCaller: number; total: number } };
    /** Days after the end of use by which a participant's data is deleted (art. 16), unless agreed otherwise. */
    retentionDays: number;
    /** Art. 8 (2): business days (Japanese calendar) a planned suspension is announced ahead. */
    suspensionLeadBusinessDays: number;
  };
  /** Run the scheduled jobs in this process (several gateways may all run them: server/job-lease.ts picks one per job and tick). */
  jobsEnabled: boolean;
  /** When the health policies are evaluated for every participant (node-cron, JST). */
  healthCron: string;
  /** When the deletion job looks for deadlines that have come and unfinished runs (node-cron, JST). */
  deletionCron: string;
  /** The consultation desk: SLA targets (business minutes), its job, mail in and out. */
  desk: DeskSettings;
  /** The address people reach the dashboard at, for links in mail (default: this process's own URL). */
  publicUrl: string | undefined;
  ingest: IngestLimits;
  otlp: OtlpLimits;
  shutdownGraceMs: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable is an unset one: docker-compose.yml passes `${X:-}` through for optional settings.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.YOROZU_DATA_DIR);
  return {
    host: e.YOROZU_HOST,
    port: e.YOROZU_PORT,
    metrics: {
      token: e.YOROZU_METRICS_TOKEN,
      listen: e.YOROZU_METRICS_LISTEN
        ? {
            host: e.YOROZU_METRICS_LISTEN.slice(0, e.YOROZU_METRICS_LISTEN.lastIndexOf(':')).replace(/^\[|\]$/g, ''),
            port: Number(e.YOROZU_METRICS_LISTEN.slice(e.YOROZU_METRICS_LISTEN.lastIndexOf(':') + 1)),
          }
        : undefined,
    },
    dataDir,
    clickhouse: {
      url: e.CLICKHOUSE_URL,
      user: e.CLICKHOUSE_USER,
      password: e.CLICKHOUSE_PASSWORD,
      database: e.CLICKHOUSE_DATABASE,
      cluster: e.CLICKHOUSE_CLUSTER,
      embeddedPath: path.join(dataDir, 'clickhouse'),
    },
    logLevel: e.YOROZU_LOG_LEVEL,
    firstOperator: { loginName: e.YOROZU_ADMIN_LOGIN, password: e.YOROZU_ADMIN_PASSWORD },
    firstTrial: e.YOROZU_TRIAL_STARTS_ON
      ? { startsOn: e.YOROZU_TRIAL_STARTS_ON, endsOn: e.YOROZU_TRIAL_ENDS_ON ?? null }
      : undefined,
    accounts: {
      sessionHours: e.YOROZU_SESSION_HOURS,
      idleMinutes: { operator: e.YOROZU_IDLE_MINUTES_OPERATOR, participant_user: e.YOROZU_IDLE_MINUTES_PARTICIPANT },
      trustProxy: {
        hops: e.YOROZU_TRUST_PROXY,
        proxies: e.YOROZU_TRUSTED_PROXIES ? trustedProxyList(e.YOROZU_TRUSTED_PROXIES) : undefined,
      },
      signInsPerMinutePerIp: e.YOROZU_SIGN_INS_PER_MINUTE,
      applicationsPerHourPerIp: e.YOROZU_APPLICATIONS_PER_HOUR,
      privacyPolicyUrl: e.YOROZU_PRIVACY_POLICY_URL ?? '',
      maxUploadBytes: e.YOROZU_MAX_UPLOAD_BYTES,
      concurrency: {
        uploads: { perCaller: e.YOROZU_UPLOADS_PER_USER, total: e.YOROZU_UPLOADS_TOTAL },
        pdfRenders: { perCaller: e.YOROZU_PDF_RENDERS_PER_USER, total: e.YOROZU_PDF_RENDERS_TOTAL },
      },
      retentionDays: e.YOROZU_DATA_RETENTION_DAYS,
      suspensionLeadBusinessDays: e.YOROZU_SUSPENSION_LEAD_BUSINESS_DAYS,
    },
    jobsEnabled: e.YOROZU_JOBS,
    healthCron: e.YOROZU_HEALTH_CRON,
    deletionCron: e.YOROZU_DELETION_CRON,
    desk: {
      sla: {
        firstResponseMinutes: e.YOROZU_SLA_FIRST_RESPONSE_MINUTES,
        resolutionMinutes: e.YOROZU_SLA_RESOLUTION_MINUTES,
        warningShare: e.YOROZU_SLA_WARNING_SHARE,
      },
      cron: e.YOROZU_DESK_CRON,
      maxAttachmentBytes: e.YOROZU_MAX_UPLOAD_BYTES,
      mail: {
        from: e.YOROZU_MAIL_FROM,
        relayUrl: e.YOROZU_SMTP_RELAY_URL,
        authservId: e.YOROZU_MAIL_AUTHSERV_ID,
        localPartCase: e.YOROZU_MAIL_LOCAL_PART_CASE,
        listen:
          e.YOROZU_SMTP_LISTEN_PORT === undefined
            ? undefined
            : {
                host: e.YOROZU_SMTP_LISTEN_HOST,
                port: e.YOROZU_SMTP_LISTEN_PORT,
                maxMessageBytes: e.YOROZU_SMTP_MAX_BYTES,
              },
      },
    },
    publicUrl: e.YOROZU_PUBLIC_URL?.replace(/\/+$/, ''),
    ingest: {
      maxMessageBytes: e.INGEST_MAX_MESSAGE_BYTES,
      maxEventsPerBatch: e.INGEST_MAX_EVENTS_PER_BATCH,
      deviceEventsPerSecond: e.INGEST_DEVICE_EVENTS_PER_SECOND,
      deviceBurstEvents: e.INGEST_DEVICE_BURST_EVENTS,
      maxInFlightBatches: e.INGEST_MAX_IN_FLIGHT_BATCHES,
      flushRows: e.INGEST_FLUSH_ROWS,
      flushIntervalMs: e.INGEST_FLUSH_INTERVAL_MS,
      maxQueuedRows: e.INGEST_MAX_QUEUED_ROWS,
      insertRetries: e.INGEST_INSERT_RETRIES,
      maxConcurrentInserts: e.INGEST_MAX_CONCURRENT_INSERTS,
      insertConnections: e.INGEST_INSERT_CONNECTIONS,
      fsync: e.INGEST_FSYNC,
      heartbeatSeconds: e.INGEST_HEARTBEAT_SECONDS,
      revocationSweepMs: e.INGEST_REVOCATION_SWEEP_MS,
      deviceReadBytesPerSecond:
        e.INGEST_DEVICE_READ_BYTES_PER_SECOND ?? e.INGEST_DEVICE_EVENTS_PER_SECOND * READ_BYTES_PER_EVENT,
      deviceReadBurstBytes: e.INGEST_DEVICE_READ_BURST_BYTES ?? 4 * e.INGEST_MAX_MESSAGE_BYTES,
      deviceMaxBytesInFlight: e.INGEST_DEVICE_MAX_BYTES_IN_FLIGHT,
      fairShareFactor: e.INGEST_FAIR_SHARE_FACTOR,
      fairShareWindowMs: e.INGEST_FAIR_SHARE_WINDOW_MS,
      fairShareFloorBytesPerSecond: e.INGEST_FAIR_SHARE_FLOOR_BYTES_PER_SECOND,
      deviceRefusedMessagesPerSecond: e.INGEST_DEVICE_REFUSED_MESSAGES_PER_SECOND,
      deviceRefusedMessagesBurst: e.INGEST_DEVICE_REFUSED_MESSAGES_BURST,
      deviceRejectionRecordsPerSecond: e.INGEST_DEVICE_REJECTION_RECORDS_PER_SECOND,
      deviceRejectionRecordsBurst: e.INGEST_DEVICE_REJECTION_RECORDS_BURST,
      deviceDiagnosticsPerMinute: e.INGEST_DEVICE_DIAGNOSTICS_PER_MINUTE,
      maxDiagnosticsBytes: e.INGEST_MAX_DIAGNOSTICS_BYTES,
      maxUnacknowledgedEvents: e.INGEST_MAX_UNACKNOWLEDGED_EVENTS,
    },
    otlp: {
      maxBodyBytes: e.INGEST_OTLP_MAX_BODY_BYTES,
      maxDecompressedBytes: e.INGEST_OTLP_MAX_DECOMPRESSED_BYTES,
      maxRecordsPerRequest: e.INGEST_OTLP_MAX_RECORDS ?? Math.min(10_000, Math.floor(e.INGEST_DEVICE_BURST_EVENTS)),
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}
