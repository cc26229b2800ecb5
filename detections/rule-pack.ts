import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSigmaRule, type SigmaRule } from './sigma/index.js';

/** The rules Yorozu ships (rule-pack/README.md): SigmaHQ's under the DRL, and the desk's own. */
export interface PackRule {
  origin: 'sigmahq' | 'yorozu';
  file: string;
  yaml: string;
  rule: SigmaRule;
}

const PACK_DIRECTORY = fileURLToPath(new URL('./rule-pack/', import.meta.url));

export function loadRulePack(): PackRule[] {
  return (['sigmahq', 'yorozu'] as const).flatMap((origin) =>
    readdirSync(`${PACK_DIRECTORY}${origin}`)
      .filter((file) => file.endsWith('.yml'))
      .sort()
      .map((file) => {
        const yaml = readFileSync(`${PACK_DIRECTORY}${origin}/${file}`, 'utf8');
        return { origin, file: `${origin}/${file}`, yaml, rule: parseSigmaRule(yaml) };
      }),
  );
}
