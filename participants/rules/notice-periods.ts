import { REVOCABLE_WITHOUT_NOTICE, type RevocationReason } from './reason-codes.js';

/**
 * When a decision that needs prior notice takes effect (art. 7 revocation, art. 8 suspension,
 * art. 20 account suspension). Urgent cases take effect at once; others at a future time the
 * operator names, or after the default notice period.
 */
export const DEFAULT_NOTICE_DAYS = 14;

export type EffectiveTime = { ok: true; immediate: boolean; effectiveAt: Date } | { ok: false; problem: string };

export function effectiveTime(options: {
  withNotice: boolean;
  effectiveAt?: Date;
  now: Date;
  defaultNoticeDays?: number;
}): EffectiveTime {
  const { withNotice, effectiveAt, now } = options;
  if (!withNotice) return { ok: true, immediate: true, effectiveAt: now };
  const at = effectiveAt ?? new Date(now.getTime() + (options.defaultNoticeDays ?? DEFAULT_NOTICE_DAYS) * 86_400_000);
  if (at.getTime() <= now.getTime())
    return {
      ok: false,
      problem:
        'With prior notice, effectiveAt must be in the future: the participant must be told before it takes effect.',
    };
  return { ok: true, immediate: false, effectiveAt: at };
}

/** Art. 7: revoking without prior notice is allowed only in an emergency or for links to organised crime. */
export function revocationTimingProblem(reason: RevocationReason, withNotice: boolean): string | undefined {
  if (withNotice || REVOCABLE_WITHOUT_NOTICE.has(reason)) return undefined;
  return `Revocation without prior notice is allowed only for "emergency" or "organised_crime" (art. 7); "${reason}" needs prior notice.`;
}
