import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../api/route-table.js';
import * as contract from '../contract/index.js';
import { checkedListValue, EVERY_PARTICIPANT, LIST_NAMES, type ListsStore } from './lists-store.js';

/** The lists editor's routes: read every list, add and remove entries (for everyone or one participant). */
export function listsRoutes(routes: RouteTable, lists: ListsStore): void {
  const tag = 'detections';
  const answer = async () => {
    const entries = await lists.entries();
    return {
      lists: LIST_NAMES.map((name) => ({
        name,
        entries: entries
          .filter((entry) => entry.list_name === name)
          .map((entry) => ({
            participantId: entry.participant_id === EVERY_PARTICIPANT ? null : entry.participant_id,
            value: entry.value,
            note: entry.note,
            changedAt: entry.changed_at,
            changedBy: entry.changed_by,
          })),
      })),
    };
  };
  const participantsIn = (answered: Awaited<ReturnType<typeof answer>>) => [
    ...new Set(
      answered.lists.flatMap((list) => list.entries.flatMap((e) => (e.participantId ? [e.participantId] : []))),
    ),
  ];

  routes.add({
    method: 'get',
    path: '/api/v1/admin/lists',
    response: contract.listsAnswer,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary:
      'The lists policies and detection rules read (p_lists): known-bad domains, approved USB serials, approved software',
    async handler(c, { recordAccess }) {
      const answered = await answer();
      await recordAccess(participantsIn(answered));
      return answered;
    },
  });

  routes.add({
    method: 'put',
    path: '/api/v1/admin/lists/:list',
    response: contract.listsAnswer,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary: 'Add and remove entries of a list, for every participant or for one (its approved USB serials)',
    params: z.object({ list: z.enum(LIST_NAMES) }),
    body: z.object({
      participantId: uuidParam.nullable().default(null),
      add: z
        .array(z.object({ value: z.string().max(512), note: z.string().max(500).default('') }))
        .max(1000)
        .default([]),
      remove: z.array(z.string().max(512)).max(1000).default([]),
    }),
    async handler(c, { params, body, recordAccess }) {
      const added = body.add.map((entry, index) => {
        const checked = checkedListValue(params.list, entry.value);
        if (!checked.ok)
          throw new ApiError(400, 'invalid_list_value', checked.message, [
            { path: `add.${index}.value`, message: checked.message },
          ]);
        return { value: checked.value, note: entry.note, removed: false };
      });
      const removed = body.remove.map((value) => ({ value, note: '', removed: true }));
      await lists.change(
        params.list,
        body.participantId ?? EVERY_PARTICIPANT,
        [...removed, ...added],
        callerOf(c).loginName,
      );
      const answered = await answer();
      await recordAccess(participantsIn(answered));
      return answered;
    },
  });
}
