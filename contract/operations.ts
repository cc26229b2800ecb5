import { z } from 'zod';

/** The operations endpoints: liveness and readiness (load balancers, orchestrators). */
export const liveness = z.object({ status: z.literal('ok') });
export const readiness = z.object({ status: z.enum(['ready', 'not_ready']), reason: z.string().optional() });

/** The answers as types (what the dashboard and the tests read). */
export type Liveness = z.infer<typeof liveness>;
export type Readiness = z.infer<typeof readiness>;
