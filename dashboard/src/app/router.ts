import { routeOf, type Route } from './route-patterns.js';

/**
 * Client-side routes: the address is the state, so every screen (and every search) can be shared
 * as a URL. `navigate` changes it; `<a href>` clicks inside the app are caught by the shell.
 */
export type { Route } from './route-patterns.js';

export function currentRoute(): Route {
  return routeOf(location.pathname, location.search);
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
