/**
 * Art. 1: the service is provided within the trial period. A start date outside it is refused with
 * the period named; with no period set yet, any date passes (the operator is asked to set it).
 */
export function startDateProblem(
  startDate: string,
  trial: { starts_on: string; ends_on: string | null } | undefined,
): string | undefined {
  if (!trial) return undefined;
  if (startDate < trial.starts_on)
    return `The start date ${startDate} is before the trial period begins (${trial.starts_on}); choose a date within ${trial.starts_on} to ${trial.ends_on ?? 'the end, not yet set'} (art. 1).`;
  if (trial.ends_on && startDate > trial.ends_on)
    return `The start date ${startDate} is after the trial period ends (${trial.ends_on}); choose a date within ${trial.starts_on} to ${trial.ends_on} (art. 1).`;
  return undefined;
}
