import type { TicketStore } from './ticket-store.js';
import type { Viewer } from './ticket-views.js';
import { ticketMatchesText, type SearchableTicket } from './rules/ticket-search.js';

/**
 * Narrows a ticket list to those matching a search text: reference, subject, participant, requester
 * (on the list itself) or any message the viewer may read (in the engine). A participant's user never
 * finds a ticket by the words of an internal note.
 */
export async function ticketsMatching<T extends SearchableTicket>(
  store: TicketStore,
  tickets: readonly T[],
  scope: readonly string[],
  text: string | undefined,
  viewer: Viewer,
): Promise<T[]> {
  if (!text?.trim()) return [...tickets];
  const withMessages = await store.ticketsWithMessageText(
    scope,
    text.trim(),
    viewer === 'operator' ? [] : ['internal_note'],
  );
  return tickets.filter((ticket) => ticketMatchesText(ticket, text, withMessages));
}
