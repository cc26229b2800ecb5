import { z } from 'zod';
import { attributes, hexId, pathText, shortText, text, timestamp } from './common.js';
import { DEFAULT_LIMITS } from './limits.js';

/**
 * The eight PC operation log categories of the source document (art. 11), one schema each.
 * Every event carries `seq` (unique per device, increasing) and `time`: (device, time, seq) is the
 * event's identity, so a re-sent event is never counted twice.
 */
const eventBase = {
  seq: z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .describe('Per-device sequence number assigned when the event was first written to the agent buffer'),
  time: timestamp.describe('When it happened on the PC'),
  user: shortText.optional().describe('Account the event belongs to, e.g. "tanaka.hiroshi" or "CORP\\\\tanaka"'),
  message: text.optional().describe('Human-readable summary'),
  attributes: attributes.optional(),
};

export const bootEvent = z.object({
  ...eventBase,
  category: z.literal('boot'),
  action: z
    .enum(['boot', 'shutdown', 'restart', 'sleep', 'wake', 'uptime'])
    .describe('uptime: a periodic report that the PC is running (Windows EventLog 6013), with uptimeSeconds'),
  bootId: shortText.optional(),
  reason: text.optional().describe('Why it shut down or restarted, when known'),
  uptimeSeconds: z.number().int().min(0).optional(),
});

export const logonEvent = z.object({
  ...eventBase,
  category: z.literal('logon'),
  action: z.enum(['logon', 'logoff', 'lock', 'unlock', 'logon_failed']),
  user: shortText.min(1).describe('Account that logged on or off'),
  logonType: z
    .enum(['interactive', 'remote', 'network', 'unlock', 'service', 'cached', 'other'])
    .default('interactive'),
  sourceIp: z.union([z.ipv4(), z.ipv6()]).optional(),
  sessionId: shortText.optional(),
  failureReason: text.optional(),
});

export const webAccessEvent = z.object({
  ...eventBase,
  category: z.literal('web_access'),
  action: z.enum(['visit', 'download', 'upload', 'blocked']).default('visit'),
  url: z.url().max(DEFAULT_LIMITS.maxUrlLength),
  method: z.string().max(16).optional(),
  status: z.number().int().min(100).max(599).optional(),
  browser: shortText.optional().describe('e.g. "msedge", "chrome"'),
  referrer: z.string().max(DEFAULT_LIMITS.maxUrlLength).optional(),
  bytes: z.number().int().min(0).optional(),
});

export const softwareOperationEvent = z.object({
  ...eventBase,
  category: z.literal('software_operation'),
  action: z.enum(['start', 'stop', 'install', 'uninstall', 'update', 'crash']),
  processName: shortText.min(1).describe('e.g. "WINWORD.EXE"'),
  processPath: pathText.optional(),
  version: shortText.optional(),
  publisher: shortText.optional(),
  pid: z.number().int().min(0).max(4294967295).optional(),
  commandLine: text.optional(),
  windowTitle: text.optional(),
});

export const fileOperationEvent = z.object({
  ...eventBase,
  category: z.literal('file_operation'),
  action: z.enum(['create', 'read', 'write', 'delete', 'rename', 'copy', 'move']),
  path: pathText.min(1),
  targetPath: pathText.optional().describe('Destination of rename, copy and move'),
  sizeBytes: z.number().int().min(0).optional(),
  driveType: z.enum(['fixed', 'removable', 'network', 'cloud', 'optical', 'unknown']).default('unknown'),
  processName: shortText.optional(),
});

export const printerOutputEvent = z.object({
  ...eventBase,
  category: z.literal('printer_output'),
  printerName: shortText.min(1),
  documentName: text.optional(),
  pages: z.number().int().min(0).max(1_000_000),
  copies: z.number().int().min(1).max(10_000).default(1),
  colorMode: z.enum(['color', 'mono']).optional(),
  paperSize: z.string().max(32).optional(),
  sizeBytes: z.number().int().min(0).optional(),
  processName: shortText.optional(),
});

const deviceClass = z.enum([
  'usb_storage',
  'smartphone',
  'optical',
  'bluetooth',
  'printer',
  'hid',
  'network',
  'camera',
  'other',
]);
const peripheral = {
  deviceClass,
  vendorId: hexId.optional(),
  productId: hexId.optional(),
  serial: shortText.optional(),
  deviceName: shortText.optional(),
};

export const externalDeviceEvent = z.object({
  ...eventBase,
  category: z.literal('external_device'),
  action: z.enum(['connect', 'disconnect']),
  ...peripheral,
  volumeLabel: shortText.optional(),
  capacityBytes: z.number().int().min(0).optional(),
});

export const deviceControlEvent = z.object({
  ...eventBase,
  category: z.literal('device_control'),
  action: z.enum(['allowed', 'blocked', 'read_only']),
  ...peripheral,
  ruleName: shortText.optional(),
  reason: text.optional(),
});

export const logEvent = z.discriminatedUnion('category', [
  bootEvent,
  logonEvent,
  webAccessEvent,
  softwareOperationEvent,
  fileOperationEvent,
  printerOutputEvent,
  externalDeviceEvent,
  deviceControlEvent,
]);

export type LogEvent = z.infer<typeof logEvent>;
export type LogCategory = LogEvent['category'];
export const LOG_CATEGORIES: readonly LogCategory[] = [
  'boot',
  'logon',
  'web_access',
  'software_operation',
  'file_operation',
  'printer_output',
  'external_device',
  'device_control',
];
