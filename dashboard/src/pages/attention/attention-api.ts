import { api, query } from '../../api/api-client.js';
import type { AttentionItem, AttentionQueue, AttentionVisit, TriageState } from '../../api/contract.js';

/** GET /api/v1/admin/attention and the triage POST (operators only). */
export type { AttentionItem, TriageState } from '../../api/contract.js';

export interface QueueFilter {
  participant: string;
  rule: string;
  technique: string;
}

export async function fetchAttention(filter: QueueFilter): Promise<AttentionItem[]> {
  const { items } = await api<AttentionQueue>(
    'GET',
    `/api/v1/admin/attention${query({
      participant: filter.participant || undefined,
      rule: filter.rule || undefined,
      technique: filter.technique || undefined,
    })}`,
  );
  return items;
}

export async function changeTriage(
  item: AttentionItem,
  change: { state: TriageState; reason?: string; messageJa?: string },
): Promise<void> {
  await api('POST', `/api/v1/admin/participants/${item.participantId}/attention/triage`, {
    itemId: item.itemId,
    ...change,
  });
}

/**
 * Records that this operator account opens the queue now and returns its previous visit (server time, UTC;
 * '' on the first visit): items detected after it are "new since the last visit". Kept on the server per
 * account (it used to be this browser's localStorage), so it follows the operator across machines.
 */
export async function recordVisit(): Promise<string> {
  const { previousVisit } = await api<AttentionVisit>('POST', '/api/v1/admin/attention/visit');
  return previousVisit ?? '';
}
