import { api } from './api-client.js';
import type { QueryField, QueryFields } from './contract.js';

/**
 * The query language's field catalogue (GET /api/v1/participants/:pid/events/fields; participant users may call it
 * too): each searchable column's name, its aliases, its kind and its label in both languages. The log explorer
 * names and pivots on fields with it; the ticket pages' evidence names its columns with it.
 */
export type { QueryField } from './contract.js';

export async function loadQueryFields(participantId: string): Promise<QueryField[]> {
  const { fields } = await api<QueryFields>('GET', `/api/v1/participants/${participantId}/events/fields`);
  return fields;
}
