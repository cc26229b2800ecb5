/**
 * Client-side routes: the address is the state, so every screen (and every search) can be shared
 * as a URL. `navigate` changes it; `<a href>` clicks inside the app are caught by the shell.
 */
export interface Route {
  name:
    | 'login'
    | 'fleet'
    | 'devices'
    | 'device'
    | 'explorer'
    | 'inventory'
    | 'report'
    | 'policies'
    | 'tickets'
    | 'ticket-new'
    | 'ticket'
    | 'desk'
    | 'deletions'
    | 'notices'
    | 'participant-notices'
    | 'terms'
    | 'public-notices'
    | 'maintenance'
    | 'trial-settings'
    | 'not_found';
  params: Record<string, string>;
  query: URLSearchParams;
}

const PATTERNS: [Route['name'], RegExp][] = [
  ['login', /^\/login$/],
  ['fleet', /^\/(?:fleet)?$/],
  ['devices', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/devices$/],
  ['device', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/devices\/(?<deviceId>[0-9a-f-]{36})$/],
  ['explorer', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/explorer$/],
  ['inventory', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/inventory$/],
  // query: days (7 | 30 | 90), print=1 (the print layout on screen, for the PDF renderer)
  ['report', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/report$/],
  // query: policy (a policy id, or "new")
  ['policies', /^\/policies$/],
  // query: show (open | done | all)
  ['tickets', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/tickets$/],
  // "new" before a ticket's id
  ['ticket-new', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/tickets\/new$/],
  ['ticket', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/tickets\/(?<ticketId>[0-9a-f-]{36})$/],
  ['desk', /^\/desk$/],
  ['deletions', /^\/deletions$/],
  // The notice centre (operators) and one participant's notices (its portal, terms art. 21)
  ['notices', /^\/notices$/],
  ['participant-notices', /^\/participants\/(?<participantId>[0-9a-f-]{36})\/notices$/],
  // Maintenance windows and suspensions of the service (operators, art. 8)
  ['maintenance', /^\/maintenance$/],
  // The trial period and its stop (operators, art. 1, 19)
  ['trial-settings', /^\/settings\/trial$/],
  // Public, no sign-in: the terms in force and past versions (art. 2; query: version), trial-wide notices (21 (1))
  ['terms', /^\/terms$/],
  ['public-notices', /^\/public\/notices$/],
];

/** Pages anyone may open without signing in. */
export const PUBLIC_ROUTES: ReadonlySet<Route['name']> = new Set(['terms', 'public-notices']);

export function currentRoute(): Route {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  for (const [name, pattern] of PATTERNS) {
    const match = pattern.exec(path);
    if (match) return { name, params: { ...(match.groups ?? {}) }, query: new URLSearchParams(location.search) };
  }
  return { name: 'not_found', params: {}, query: new URLSearchParams(location.search) };
}

/** The address of a ticket's page. */
export function ticketPagePath(participantId: string, ticketId: string): string {
  return `/participants/${participantId}/tickets/${ticketId}`;
}

export const ROUTE_CHANGED = 'yorozu-route-changed';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(ROUTE_CHANGED));
}

window.addEventListener('popstate', () => window.dispatchEvent(new Event(ROUTE_CHANGED)));
