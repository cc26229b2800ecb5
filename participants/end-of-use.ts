import { jstDateOf } from '../common/jst-time.js';
import type { EndingEffects } from './ending-effects.js';
import type { ParticipantUpdates } from './participant-updates.js';

/** Art. 9, 19, run by the job: on the participant's end date or the trial's, use ends for whoever still takes part. */
export async function applyEndOfUse(updates: ParticipantUpdates, effects: EndingEffects, now: Date): Promise<number> {
  const trial = await updates.store.currentTrial();
  const due = await updates.store.useEnded(jstDateOf(now), trial?.ends_on ?? null);
  for (const participantId of due)
    await effects.end(participantId, 'end_use', 'ended', { reasonCode: 'end_of_use', note: '' }, 'job:end-of-use');
  return due.length;
}
