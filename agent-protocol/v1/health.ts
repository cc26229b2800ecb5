import { z } from 'zod';
import { shortText, text, timestamp } from './common.js';

/**
 * A health check the agent ran itself (antivirus running, disk encryption on, …). Check ids are
 * lower_snake_case and stable; the health policies read them by id.
 */
export const healthResult = z.object({
  checkId: z
    .string()
    .regex(/^[a-z][a-z0-9_.]{1,63}$/)
    .describe('e.g. "antivirus.running", "disk.encryption"'),
  time: timestamp,
  status: z.enum(['pass', 'fail', 'error', 'unknown']),
  value: shortText.optional().describe('Measured value, e.g. a definitions date or "BitLocker"'),
  detail: text.optional(),
});

export type HealthResult = z.infer<typeof healthResult>;
