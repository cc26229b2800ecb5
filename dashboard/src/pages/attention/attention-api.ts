import { api, query } from '../../api/api-client.js';
import type { AttentionItem, AttentionQueue, TriageState } from '../../api/contract.js';

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

/** When this browser last opened the queue: items detected after it are "new since the last visit". */
const LAST_VISIT_KEY = 'yorozu.attention.lastVisit';
export function lastVisit(): string {
  return localStorage.getItem(LAST_VISIT_KEY) ?? '';
}
export function recordVisit(at: Date): void {
  localStorage.setItem(LAST_VISIT_KEY, at.toISOString());
}
