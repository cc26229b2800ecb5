import { z } from 'zod';
import { time, uuid } from './common.js';

/** Enrolled devices and what operators do with them (revoke, commands, maintenance), and what ingest refused. */
export const device = z.object({
  device_id: uuid,
  participant_id: uuid,
  hostname: z.string(),
  os_name: z.string(),
  os_version: z.string(),
  agent_version: z.string(),
  status: z.enum(['active', 'revoked']),
  status_reason: z.string(),
  /** Revoked because the participant left: the agent is told to uninstall whenever it calls again. */
  uninstall_requested: z.boolean(),
  enrolled_at: time,
  last_changed_at: time,
  /** Whether it has an open connection to this gateway now. */
  connected: z.boolean(),
  /** When the agent last reported on the uninstall command (null: never), whether it removed itself, and what it said. */
  uninstall_reported_at: time.nullable(),
  uninstall_status: z.enum(['done', 'failed']).nullable(),
  uninstall_detail: z.string(),
  /**
   * Events re-sent with the same time and seq but other content (first write wins: the first content was kept).
   * Given by the single-device route only.
   */
  conflicting_resends: z.number().int().min(0).optional(),
});
export type Device = z.infer<typeof device>;
export const deviceList = z.object({ devices: z.array(device) });
export const deviceAnswer = z.object({ device });
export const deviceRevoked = z.object({
  deviceId: uuid,
  status: z.string(),
  reason: z.string(),
  connectionClosed: z.boolean(),
});
export type DeviceRevoked = z.infer<typeof deviceRevoked>;
export const commandSent = z.object({ commandId: z.string() });

export const rejectedMessage = z.object({
  participant_id: uuid,
  device_id: uuid,
  received_at: time,
  transport: z.string(),
  message_type: z.string(),
  batch_id: z.string(),
  event_index: z.number(),
  code: z.string(),
  field: z.string(),
  reason: z.string(),
  raw: z.string(),
  raw_bytes: z.coerce.number(),
  raw_truncated: z.coerce.boolean(),
});
export const rejectedMessages = z.object({ rejected: z.array(rejectedMessage) });

/** The answers as types (what the dashboard and the tests read). */
export type DeviceList = z.infer<typeof deviceList>;
export type DeviceAnswer = z.infer<typeof deviceAnswer>;
export type CommandSent = z.infer<typeof commandSent>;
export type RejectedMessage = z.infer<typeof rejectedMessage>;
export type RejectedMessages = z.infer<typeof rejectedMessages>;
