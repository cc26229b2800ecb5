/**
 * Ticket search: what a search text matches. Japanese has no spaces between words, and ClickHouse's
 * tokenisers (`tokens`, `hasToken`, the text and token-bloom indexes) split on non-alphanumeric ASCII only,
 * so 「請求書の再発行について」 is one token and a search for 再発行 would miss it. The desk therefore matches
 * substrings, case-insensitively and after NFKC (so ＵＳＢ finds USB and ｶﾀｶﾅ finds カタカナ): here for
 * the ticket's own fields, in `sql/queries/desk/search-ticket-messages.sql` for the messages.
 */
export const SEARCH_TEXT_MAX = 200;

export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

export interface SearchableTicket {
  ticketId: string;
  reference: string;
  subject: string;
  participantName: string;
  requesterName: string;
  requesterEmail: string;
}

/** Whether the ticket's reference, subject, participant or requester contains the text, or one of its messages does. */
export function ticketMatchesText(
  ticket: SearchableTicket,
  text: string,
  ticketsWithMatchingMessages: ReadonlySet<string>,
): boolean {
  const needle = normaliseSearchText(text);
  if (!needle) return true;
  if (ticketsWithMatchingMessages.has(ticket.ticketId)) return true;
  return [ticket.reference, ticket.subject, ticket.participantName, ticket.requesterName, ticket.requesterEmail].some(
    (field) => normaliseSearchText(field).includes(needle),
  );
}
