import { api, query } from '../../api/api-client.js';
import type { CrossParticipantPage, QueryFields, SearchableParticipants } from '../../api/contract.js';
import type { TimeWindow } from '../explorer/explorer-api.js';

/**
 * The calls of the search across participants (operators only): the participants it can cover, the query
 * language's fields, and a page of matching events (each participant searched is recorded in its access log).
 */
export type { CrossParticipantPage } from '../../api/contract.js';
export type SearchableParticipant = SearchableParticipants['participants'][number];

export async function loadSearchableParticipants(): Promise<SearchableParticipant[]> {
  return (await api<SearchableParticipants>('GET', '/api/v1/admin/events/participants')).participants;
}

export async function loadCrossFields(): Promise<QueryFields['fields']> {
  return (await api<QueryFields>('GET', '/api/v1/admin/events/fields')).fields;
}

export function searchAcross(
  q: string,
  range: TimeWindow,
  participants: readonly string[],
  cursor: string | null,
): Promise<CrossParticipantPage> {
  return api<CrossParticipantPage>(
    'GET',
    `/api/v1/admin/events${query({
      q,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      participants: participants.join(','),
      limit: 200,
      cursor,
    })}`,
  );
}

/** The address of the page: the explorer's `q` and range, and the chosen participants (none: all). */
export function chosenParticipantsOf(search: string): string[] {
  return (new URLSearchParams(search).get('participants') ?? '').split(',').filter(Boolean);
}
