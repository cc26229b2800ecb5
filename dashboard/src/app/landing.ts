import { OPERATOR_ONLY_ROUTES, routeOf } from './route-patterns.js';
import { sameOriginNext } from './next-path.js';

/** Who is signed in, as far as where they land is concerned. */
export interface LandingSession {
  role: 'operator' | 'participant_user';
  participantId: string | null;
}

/** A role's home: operators the fleet, a participant's users their devices. */
export function homePath(session: LandingSession): string {
  return session.role === 'participant_user' && session.participantId
    ? `/participants/${session.participantId}/devices`
    : '/fleet';
}

/**
 * Where to go after signing in (issue 19): the `next=` of the login address only when it is a page of this
 * origin that this role may open; otherwise the role's home. A participant signing in from the bare address
 * (`next=/`, the fleet) used to land on the operators' fleet and its refusal.
 */
export function landingPath(session: LandingSession, next: string | null, origin: string): string {
  const target = sameOriginNext(next, origin);
  if (!target) return homePath(session);
  const url = new URL(target, origin);
  const route = routeOf(url.pathname, url.search);
  if (route.name === 'not_found' || route.name === 'login') return homePath(session);
  if (session.role === 'operator') return target;
  if (OPERATOR_ONLY_ROUTES.has(route.name)) return homePath(session);
  // Another participant's page would only show the server's refusal.
  if (route.params.participantId && route.params.participantId !== session.participantId) return homePath(session);
  return target;
}
