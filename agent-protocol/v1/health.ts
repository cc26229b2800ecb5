import { z } from 'zod';
import { shortText, text, timestamp } from './common.js';
import { healthCheckDefinition, healthValuePattern } from './health-checks.js';

/**
 * A health check the agent ran itself (antivirus running, disk encryption on, …). Check ids are
 * lower_snake_case and stable; the health policies read them by id. The ids with a meaning, their
 * value types and units are in health-checks.ts (PROTOCOL.md §5.4); for those, a value of the wrong
 * form (a date where whole days are meant) refuses the result, naming the check.
 */
export const healthResult = z
  .object({
    checkId: z
      .string()
      .regex(/^[a-z][a-z0-9_.]{1,63}$/)
      .describe('e.g. "antivirus.running", "disk.encryption"; the ids with a meaning are listed in PROTOCOL.md §5.4'),
    time: timestamp,
    status: z.enum(['pass', 'fail', 'error', 'unknown']),
    value: shortText
      .optional()
      .describe(
        'Measured value in the form its check defines (PROTOCOL.md §5.4): e.g. whole days "2" for antivirus.definitions_age_days, "BitLocker" for disk.encryption',
      ),
    detail: text.optional(),
  })
  .superRefine((result, context) => {
    const definition = healthCheckDefinition(result.checkId);
    if (!definition) return;
    const pattern = healthValuePattern(definition);
    const decided = result.status === 'pass' || result.status === 'fail';
    if (decided && result.value === undefined)
      context.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${result.checkId} needs a value when its status is ${result.status} (PROTOCOL.md §5.4)`,
      });
    if (pattern && result.value !== undefined && !new RegExp(pattern).test(result.value))
      context.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${result.checkId} takes a ${definition.valueType}${definition.unit ? ` in ${definition.unit}` : ''} value (${pattern}), not "${result.value}"`,
      });
  });

export type HealthResult = z.infer<typeof healthResult>;
