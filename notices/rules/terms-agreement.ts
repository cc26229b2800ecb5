/**
 * Whether a participant has agreed to the terms it is bound by (art. 2, 3): the version in force
 * must be among the versions it agreed to (at its application or later, at a sign-in); a version
 * published for a coming date may be agreed to ahead but is not required until it takes effect.
 */
export interface DatedVersion {
  version: string;
  /** JST date YYYY-MM-DD. */
  effective_on: string;
}

export interface AgreementStanding {
  inForce: string;
  /** The in-force version is not among the agreed ones: the portal asks before anything else. */
  mustAgree: boolean;
  /** The latest published version not yet in force and not yet agreed to: the portal offers it. */
  comingToAgree: string | null;
}

export function agreementStanding(
  versions: readonly DatedVersion[],
  today: string,
  agreed: ReadonlySet<string>,
): AgreementStanding {
  const ordered = [...versions].sort((a, b) => a.effective_on.localeCompare(b.effective_on));
  const inForce = ordered.filter((v) => v.effective_on <= today).at(-1);
  if (!inForce) throw new Error('no terms version is in force');
  const coming = ordered.filter((v) => v.effective_on > today).at(-1);
  return {
    inForce: inForce.version,
    mustAgree: !agreed.has(inForce.version),
    comingToAgree: coming && !agreed.has(coming.version) ? coming.version : null,
  };
}

/** Which versions may be agreed to now: the one in force and a coming one (never a past version). */
export function agreeableVersions(standing: AgreementStanding): string[] {
  return standing.comingToAgree ? [standing.inForce, standing.comingToAgree] : [standing.inForce];
}
