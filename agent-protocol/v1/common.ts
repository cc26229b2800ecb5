import { z } from 'zod';
import { DEFAULT_LIMITS } from './limits.js';

export const protocolVersion = z.literal(1).describe('Protocol version; always 1 in v1.');

/** RFC 3339 time with an explicit offset, e.g. 2026-11-24T09:15:02.123+09:00. Stored as UTC milliseconds. */
export const timestamp = z.iso
  .datetime({ offset: true })
  .describe('RFC 3339 date-time with a Z or ±hh:mm offset, millisecond precision kept');

export const batchId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/)
  .describe('Chosen by the agent, unique per device; the ack echoes it. Re-send a batch with the same id and content.');

export const shortText = z.string().max(256);
export const text = z.string().max(DEFAULT_LIMITS.maxStringLength);
export const pathText = z.string().max(DEFAULT_LIMITS.maxPathLength);
export const hexId = z
  .string()
  .regex(/^[0-9A-Fa-f]{4}$/)
  .describe('USB vendor or product id: four hexadecimal digits');

export const attributes = z
  .record(z.string().min(1).max(64), z.string().max(1024))
  .refine((value) => Object.keys(value).length <= DEFAULT_LIMITS.maxAttributes, {
    message: `at most ${DEFAULT_LIMITS.maxAttributes} attributes`,
  })
  .describe('Source-specific extras (e.g. Windows event id); kept verbatim, searchable as attributes.<key>');

export const osInfo = z.object({
  name: shortText.describe('e.g. "Windows 11 Pro", "Ubuntu"'),
  version: shortText.describe('e.g. "23H2", "24.04"'),
  build: shortText.optional(),
  architecture: z.string().max(32).optional(),
});
