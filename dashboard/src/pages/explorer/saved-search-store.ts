import { api } from '../../api/api-client.js';
import type { SavedSearches } from '../../api/contract.js';

/**
 * Where saved searches are kept. Operators keep them on the server (`/api/v1/admin/saved-searches`), where they
 * can share them with each other; a participant's users keep them in this browser (localStorage), since there
 * is nobody in their organisation's desk to share them with through Yorozu. What was saved in a browser before
 * the server kept them is not moved there: it stays readable to the participant's users of that browser only.
 */
export interface SavedSearch {
  /** The server's id, or the name for a search kept in this browser. */
  key: string;
  name: string;
  url: string;
  savedAt: string;
  mine: boolean;
  shared: boolean;
  ownerName: string;
  /** The access purpose its owner had chosen (server searches only). */
  purpose: string;
}

export interface SavedSearchSource {
  /** Whether a search can be shared with other operators. */
  readonly shares: boolean;
  list(): Promise<SavedSearch[]>;
  save(name: string, url: string, shared: boolean): Promise<SavedSearch[]>;
  remove(search: SavedSearch): Promise<SavedSearch[]>;
}

const STORAGE_KEY = 'yorozu.explorer.saved-searches';
const MAX_SAVED = 100;
interface StoredSearch {
  name: string;
  url: string;
  savedAt: string;
}

function readStored(): StoredSearch[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is StoredSearch =>
        typeof item?.name === 'string' && typeof item?.url === 'string' && item.url.startsWith('/'),
    );
  } catch {
    return [];
  }
}

function writeStored(searches: StoredSearch[]): SavedSearch[] {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(searches));
  } catch {
    // private mode or full storage: the list lasts for this page only
  }
  return searches.map(asLocal);
}

function asLocal(search: StoredSearch): SavedSearch {
  return { ...search, key: search.name, mine: true, shared: false, ownerName: '', purpose: '' };
}

/** This browser's searches; saving under a name that exists replaces that entry. */
export const browserSavedSearches: SavedSearchSource = {
  shares: false,
  list: () => Promise.resolve(readStored().map(asLocal)),
  save: (name, url) =>
    Promise.resolve(
      writeStored(
        [{ name, url, savedAt: new Date().toISOString() }, ...readStored().filter((s) => s.name !== name)].slice(
          0,
          MAX_SAVED,
        ),
      ),
    ),
  remove: (search) => Promise.resolve(writeStored(readStored().filter((s) => s.name !== search.name))),
};

const SERVER_PATH = '/api/v1/admin/saved-searches';

function fromServer(answer: SavedSearches): SavedSearch[] {
  return answer.searches.map((search) => ({
    key: search.id,
    name: search.name,
    url: search.path,
    savedAt: search.savedAt,
    mine: search.mine,
    shared: search.shared,
    ownerName: search.ownerName,
    purpose: search.purpose,
  }));
}

/** The operators' searches on the server: their own and those others shared. */
export const serverSavedSearches: SavedSearchSource = {
  shares: true,
  list: async () => fromServer(await api<SavedSearches>('GET', SERVER_PATH)),
  save: async (name, url, shared) =>
    fromServer(await api<SavedSearches>('POST', SERVER_PATH, { name, path: url, shared })),
  remove: async (search) =>
    fromServer(await api<SavedSearches>('DELETE', `${SERVER_PATH}/${encodeURIComponent(search.key)}`)),
};
