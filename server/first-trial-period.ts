import type { Logger } from 'pino';
import type { ServicePeriods } from '../participants/service-periods.js';

/**
 * Art. 1: the trial has a period, and use ends with it (art. 9). Out of the box none is set, so it is
 * asked for at the first start (`--trial-start`/`--trial-end`, or YOROZU_TRIAL_STARTS_ON/_ENDS_ON) and,
 * failing that, at the operator's first sign-in: the dashboard's header says so until it is set.
 */
export const TRIAL_ARGUMENT = /^--trial-(start|end)=(.*)$/;

/** `--trial-start=…`/`--trial-end=…` as the environment variables the configuration reads (and validates). */
export function trialPeriodFromArguments(args: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const arg of args) {
    const match = TRIAL_ARGUMENT.exec(arg);
    if (match) env[match[1] === 'start' ? 'YOROZU_TRIAL_STARTS_ON' : 'YOROZU_TRIAL_ENDS_ON'] = match[2] ?? '';
  }
  return env;
}

export async function askForTrialPeriod(
  periods: ServicePeriods,
  firstTrial: { startsOn: string; endsOn: string | null } | undefined,
  logger: Logger,
): Promise<void> {
  if (await periods.trial()) return;
  if (firstTrial) {
    // No participant exists yet on a first start: the notice is posted on the public notices page only.
    await periods.setTrial(firstTrial.startsOn, firstTrial.endsOn, '', 'first-start');
    logger.info(firstTrial, 'the trial period was set at the first start (art. 1)');
    return;
  }
  logger.warn(
    'the trial period (art. 1) is not set: start once with --trial-start=YYYY-MM-DD --trial-end=YYYY-MM-DD, or set it at the first operator sign-in (/settings/trial); until then, use has no end',
  );
}
