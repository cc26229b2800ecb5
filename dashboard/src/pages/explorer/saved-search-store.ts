/**
 * Saved searches live in this browser only (localStorage): a name and the search's address, which
 * holds the participant, the query and the range.
 */
export interface SavedSearch {
  name: string;
  url: string;
  savedAt: string;
}

const STORAGE_KEY = 'yorozu.explorer.saved-searches';
const MAX_SAVED = 100;

export function readSavedSearches(): SavedSearch[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is SavedSearch =>
        typeof item?.name === 'string' && typeof item?.url === 'string' && item.url.startsWith('/'),
    );
  } catch {
    return [];
  }
}

function write(searches: SavedSearch[]): SavedSearch[] {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(searches));
  } catch {
    // private mode or full storage: the list lasts for this page only
  }
  return searches;
}

/** Saving under a name that exists replaces that entry. */
export function saveSearch(name: string, url: string): SavedSearch[] {
  const others = readSavedSearches().filter((search) => search.name !== name);
  return write([{ name, url, savedAt: new Date().toISOString() }, ...others].slice(0, MAX_SAVED));
}

export function deleteSavedSearch(name: string): SavedSearch[] {
  return write(readSavedSearches().filter((search) => search.name !== name));
}
