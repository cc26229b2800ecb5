import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../api/route-table.js';
import * as contract from '../contract/index.js';
import {
  ACROSS_PARTICIPANTS,
  participantOfSearchPath,
  savedAtOf,
  type SavedSearchRow,
  type SavedSearchStore,
} from './saved-search-store.js';

/**
 * Saved searches shared between operators. The list holds what operators typed (a name, an address), not what
 * participants' PCs sent, so reading it needs no access purpose (participantData 'none'); opening a search runs
 * it through the explorer's routes, which ask for the purpose and record the access. A saved search keeps the
 * purpose its owner had chosen, so whoever opens a shared one sees why it was made.
 */
export function savedSearchRoutes(routes: RouteTable, store: SavedSearchStore): void {
  const tag = 'log explorer';
  const answer = async (accountId: string) => ({
    searches: (await store.visibleTo(accountId)).map((row) => asSavedSearch(row, accountId)),
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/saved-searches',
    response: contract.savedSearches,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: "Saved searches: the operator's own and those other operators shared, newest first",
    async handler(c) {
      return answer(callerOf(c).accountId);
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/saved-searches',
    response: contract.savedSearches,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      "Save a search (the address of a participant's explorer or of the search across participants) under a name; the same name replaces it",
    body: z.object({
      name: z.string().trim().min(1, 'must not be empty').max(200),
      path: z.string().max(8000),
      shared: z.boolean().default(false),
    }),
    async handler(c, { body }) {
      const caller = callerOf(c);
      const participantId = participantOfSearchPath(body.path);
      if (participantId === null)
        throw new ApiError(
          400,
          'invalid_saved_search_path',
          '"path" must be the address of a participant\'s explorer (/participants/<id>/explorer?…) or of the search across participants (/investigation?…).',
          [{ path: 'path', message: 'not the address of a search' }],
        );
      await store.save(
        {
          accountId: caller.accountId,
          loginName: caller.loginName,
          purpose: caller.purpose ?? '',
          purposeNote: caller.purposeNote,
        },
        { name: body.name, path: body.path, participantId, shared: body.shared },
      );
      return answer(caller.accountId);
    },
  });

  routes.add({
    method: 'delete',
    path: '/api/v1/admin/saved-searches/:savedSearchId',
    response: contract.savedSearches,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Delete one of your saved searches (a search another operator shared is theirs to delete)',
    params: z.object({ savedSearchId: uuidParam }),
    async handler(c, { params }) {
      const caller = callerOf(c);
      const row = await store.byId(params.savedSearchId);
      if (!row || row.removed === 1)
        throw new ApiError(404, 'saved_search_not_found', 'There is no saved search with this id.');
      if (row.owner !== caller.accountId)
        throw new ApiError(
          403,
          'saved_search_not_yours',
          `This search was saved by ${row.owner_name}; only they can delete it.`,
        );
      await store.remove(row);
      return answer(caller.accountId);
    },
  });
}

function asSavedSearch(row: SavedSearchRow, accountId: string): contract.SavedSearch {
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    participantId: row.participant === ACROSS_PARTICIPANTS ? null : row.participant,
    ownerName: row.owner_name,
    mine: row.owner === accountId,
    shared: row.shared === 1,
    purpose: row.purpose,
    purposeNote: row.purpose_note,
    savedAt: savedAtOf(row),
  };
}
