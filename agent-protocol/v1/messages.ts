import { z } from 'zod';
import { batchId, osInfo, protocolVersion, shortText, text, timestamp } from './common.js';
import { ERROR_CODE_NAMES, EVENT_REJECTION_CODES } from './error-codes.js';
import { LOG_CATEGORIES, logEvent } from './events.js';
import { healthResult } from './health.js';
import { inventorySnapshot } from './inventory.js';
import { DEFAULT_LIMITS } from './limits.js';

// ---- enrollment (HTTP POST /v1/enroll) ----

export const enrollRequest = z.object({
  v: protocolVersion,
  type: z.literal('enroll'),
  secret: z.string().min(1).max(256).describe("The participant's enrollment secret"),
  instanceId: z.uuid().describe('Generated once per installation; enrolling again with it returns the same deviceId'),
  hostname: shortText.min(1),
  os: osInfo,
  agentVersion: z.string().min(1).max(64),
});

export const agentConfig = z.object({
  batchMaxEvents: z.number().int().min(1).max(DEFAULT_LIMITS.maxEventsPerBatch),
  batchMaxDelayMs: z.number().int().min(10).max(60_000),
  categories: z.array(z.enum(LOG_CATEGORIES as [string, ...string[]])),
  inventoryIntervalMinutes: z.number().int().min(5),
  healthIntervalMinutes: z.number().int().min(1),
  heartbeatSeconds: z.number().int().min(5).max(300),
});
export type AgentConfig = z.infer<typeof agentConfig>;

/** What an agent uses before the server has said otherwise, and what the server announces by default. */
export const DEFAULT_AGENT_CONFIG: AgentConfig = {
  batchMaxEvents: 500,
  batchMaxDelayMs: 1000,
  categories: [
    'boot',
    'logon',
    'web_access',
    'software_operation',
    'file_operation',
    'printer_output',
    'external_device',
    'device_control',
  ],
  inventoryIntervalMinutes: 24 * 60,
  healthIntervalMinutes: 60,
  heartbeatSeconds: 30,
};

export const enrollResponse = z.object({
  v: protocolVersion,
  type: z.literal('enrolled'),
  deviceId: z.uuid(),
  participantId: z.uuid(),
  credential: z.string().describe('Device credential; shown once, store it readable only by the agent'),
  config: agentConfig,
});

// ---- agent → server ----

export const helloMessage = z.object({
  v: protocolVersion,
  type: z.literal('hello'),
  agentVersion: z.string().min(1).max(64),
  hostname: shortText.min(1),
  os: osInfo,
  bufferedEvents: z.number().int().min(0).optional().describe('Events waiting in the agent disk buffer'),
});

export const eventsBatch = z.object({
  v: protocolVersion,
  type: z.literal('events'),
  batchId,
  events: z.array(logEvent).min(1).max(DEFAULT_LIMITS.maxEventsPerBatch),
});

/** What the gateway parses first: events are then validated one by one so valid ones are kept. */
export const eventsBatchEnvelope = eventsBatch.extend({ events: z.array(z.unknown()).min(1) });

export const inventoryBatch = z.object({
  v: protocolVersion,
  type: z.literal('inventory'),
  batchId,
  snapshot: inventorySnapshot,
});

export const healthBatch = z.object({
  v: protocolVersion,
  type: z.literal('health'),
  batchId,
  results: z.array(healthResult).min(1).max(DEFAULT_LIMITS.maxHealthResultsPerBatch),
});

export const diagnosticsBatch = z.object({
  v: protocolVersion,
  type: z.literal('diagnostics'),
  batchId,
  requestId: shortText.min(1),
  content: z.record(z.string(), z.unknown()).describe('Free-form diagnostic bundle (logs, versions, buffer state)'),
});

export const commandResult = z.object({
  v: protocolVersion,
  type: z.literal('command_result'),
  commandId: z.uuid(),
  status: z.enum(['done', 'failed', 'unsupported']),
  detail: text.optional(),
});

export const heartbeat = z.object({
  v: protocolVersion,
  type: z.literal('heartbeat'),
  sentAt: timestamp,
  bufferedEvents: z.number().int().min(0).optional(),
});

export const agentMessage = z.discriminatedUnion('type', [
  helloMessage,
  eventsBatch,
  inventoryBatch,
  healthBatch,
  diagnosticsBatch,
  commandResult,
  heartbeat,
]);
export type AgentMessage = z.infer<typeof agentMessage>;
export const AGENT_MESSAGE_TYPES = [
  'hello',
  'events',
  'inventory',
  'health',
  'diagnostics',
  'command_result',
  'heartbeat',
] as const;
export type AgentMessageType = (typeof AGENT_MESSAGE_TYPES)[number];

// ---- server → agent ----

export const serverLimits = z.object({
  maxMessageBytes: z.number().int(),
  maxEventsPerBatch: z.number().int(),
  maxInFlightBatches: z.number().int(),
  deviceEventsPerSecond: z.number(),
});

export const welcomeMessage = z.object({
  v: protocolVersion,
  type: z.literal('welcome'),
  deviceId: z.uuid(),
  participantId: z.uuid(),
  serverTime: timestamp,
  limits: serverLimits,
  config: agentConfig,
});

export const eventRejection = z.object({
  index: z.number().int().min(0).describe('Position of the event in the batch'),
  code: z.enum(EVENT_REJECTION_CODES),
  field: z.string().describe('Dotted path of the offending field, "" for the event as a whole'),
  message: z.string(),
});

export const ackMessage = z.object({
  v: protocolVersion,
  type: z.literal('ack'),
  batchId,
  accepted: z.number().int().min(0),
  rejected: z.array(eventRejection).describe('Refused events; they are stored with the reason and must not be re-sent'),
});

export const errorMessage = z.object({
  v: protocolVersion,
  type: z.literal('error'),
  code: z.enum(ERROR_CODE_NAMES),
  message: z.string(),
  batchId: z.string().optional().describe('Set when the error is about one batch: that batch was NOT stored'),
  retryAfterMs: z.number().int().min(0).optional(),
  limit: z.object({ name: z.string(), value: z.number() }).optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  uninstall: z
    .literal(true)
    .optional()
    .describe(
      'On credential_revoked when the participant left: remove the agent and report with POST /v1/uninstall-report (how an HTTP-only agent hears the uninstall command)',
    ),
});

export const slowDownMessage = z.object({
  v: protocolVersion,
  type: z.literal('slow_down'),
  retryAfterMs: z.number().int().min(0),
  reason: z.string(),
});

export const heartbeatAck = z.object({
  v: protocolVersion,
  type: z.literal('heartbeat_ack'),
  sentAt: timestamp.describe('Echo of the heartbeat sentAt'),
  serverTime: timestamp,
});

export const serverCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('configure'), config: agentConfig }),
  z.object({ kind: z.literal('revoke'), reason: text }),
  z.object({ kind: z.literal('uninstall'), reason: text }),
  z.object({
    kind: z.literal('pause'),
    reason: text,
    until: timestamp.optional().describe('Keep buffering until then (maintenance window end); absent: until resume'),
  }),
  z.object({ kind: z.literal('resume') }),
  z.object({
    kind: z.literal('request_diagnostics'),
    requestId: shortText.min(1),
    include: z
      .array(z.enum(['agent_log', 'buffer_state', 'system_info', 'network']))
      .default(['agent_log', 'buffer_state']),
  }),
]);
export type ServerCommand = z.infer<typeof serverCommand>;

export const commandMessage = z.object({
  v: protocolVersion,
  type: z.literal('command'),
  commandId: z.uuid(),
  command: serverCommand,
});

export const serverMessage = z.discriminatedUnion('type', [
  welcomeMessage,
  ackMessage,
  errorMessage,
  slowDownMessage,
  heartbeatAck,
  commandMessage,
]);
export type ServerMessage = z.infer<typeof serverMessage>;
export type AckMessage = z.infer<typeof ackMessage>;
export type ErrorMessage = z.infer<typeof errorMessage>;
export type EventRejection = z.infer<typeof eventRejection>;
