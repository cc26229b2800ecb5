import { DeletionDeadlines } from './deletion-deadlines.js';
import { EndingEffects, type EndingDeps } from './ending-effects.js';
import { applyEndOfUse } from './end-of-use.js';
import type { Applications } from './applications.js';
import { Revocations } from './revocations.js';
import { Successions } from './successions.js';
import { Withdrawals } from './withdrawals.js';

export type { AgreedDeletion, EndingPreview, EndingSummary } from './ending-effects.js';

/**
 * How participation ends (terms art. 4, 6, 7, 9, 16, 19), assembled from one module per way: withdrawal,
 * revocation, succession, the end of use, the deletion deadline; `effects` is what every ending does and, before it,
 * what it would do today.
 */
export interface ParticipationEnd {
  effects: EndingEffects;
  withdrawals: Withdrawals;
  revocations: Revocations;
  successions: Successions;
  deletionDeadlines: DeletionDeadlines;
  /** Art. 9, 19, run by the end-of-use job. */
  applyEndOfUse(now: Date): Promise<number>;
}

export function participationEnd(deps: EndingDeps & { applications: Applications }): ParticipationEnd {
  const effects = new EndingEffects(deps);
  return {
    effects,
    withdrawals: new Withdrawals(deps.updates, effects),
    revocations: new Revocations(deps.updates, effects, deps.logger),
    successions: new Successions(deps),
    deletionDeadlines: new DeletionDeadlines(deps.updates, deps.retentionDays),
    applyEndOfUse: (now) => applyEndOfUse(deps.updates, effects, now),
  };
}
