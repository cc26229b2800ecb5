import { readFileSync } from 'node:fs';

/**
 * Reads sql/queries/<domain>/<name>.sql once. Queries live in files so that every value in them is
 * visibly a {name:Type} parameter; this module has no project imports, so any folder may use it.
 */
const cache = new Map<string, string>();

export function sqlQuery(domainAndName: `${string}/${string}`): string {
  let text = cache.get(domainAndName);
  if (text === undefined) {
    text = readFileSync(new URL(`./queries/${domainAndName}.sql`, import.meta.url), 'utf8').trim();
    cache.set(domainAndName, text);
  }
  return text;
}
