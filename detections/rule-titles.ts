import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * A rule's title and description in both languages. SigmaHQ writes English only and its files stay as written
 * (Detection Rule License), so the Japanese of the bundled SigmaHQ rules lives beside them in
 * rule-pack/sigmahq-ja.yml, keyed by rule id. The desk's own rules are titled "日本語 / English" in the rule itself.
 */
export const SIGMAHQ_JAPANESE_PATH = fileURLToPath(new URL('./rule-pack/sigmahq-ja.yml', import.meta.url));

/** Kana or kanji: text a Japanese reader reads as Japanese. */
const JAPANESE_CHARACTERS = /[\u3040-\u30ff\u4e00-\u9fff]/;

const japaneseText = z
  .string()
  .trim()
  .min(1)
  .refine((text) => JAPANESE_CHARACTERS.test(text), 'is not Japanese')
  // The dashboard cuts a title at " / " to show a desk rule's Japanese half; a translation must survive that cut.
  .refine((text) => !text.includes(' / '), 'contains " / "');
const translations = z.record(z.string(), z.object({ title: japaneseText, description: japaneseText }).strict());
export type JapaneseRuleText = { title: string; description: string };

/** The translations file, checked: every entry a Japanese title and a Japanese description, nothing else. */
export function parseSigmaJapanese(text: string, source = SIGMAHQ_JAPANESE_PATH): Map<string, JapaneseRuleText> {
  const checked = translations.safeParse(parse(text) ?? {});
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(top)'} ${issue.message}`);
  }
  return new Map(Object.entries(checked.data));
}

let loaded: Map<string, JapaneseRuleText> | undefined;

/** The Japanese of the bundled SigmaHQ rules, read once (a bad file stops the process at start, not a page). */
export function sigmaJapanese(): Map<string, JapaneseRuleText> {
  loaded ??= parseSigmaJapanese(readFileSync(SIGMAHQ_JAPANESE_PATH, 'utf8'));
  return loaded;
}

/**
 * A rule's title for each reader: `title` for the Japanese UI (the Japanese of a SigmaHQ rule, else the stored
 * title: a desk rule's "日本語 / English", an operator's own), `titleEn` for the English UI (SigmaHQ's title, the
 * English half of a desk rule's title, else the stored title).
 */
export function ruleTitles(ruleId: string, storedTitle: string): { title: string; titleEn: string } {
  return { title: sigmaJapanese().get(ruleId)?.title ?? storedTitle, titleEn: englishTitle(storedTitle) };
}

/**
 * A rule's description for each reader: `description` for the Japanese UI (a SigmaHQ rule's Japanese, else the
 * rule's own only when it is written in Japanese: the desk's own rules describe themselves in English, and the
 * Japanese UI shows no English), `descriptionEn` the rule's own. Empty when there is none to show.
 */
export function ruleDescriptions(
  ruleId: string,
  storedDescription: string | undefined,
): { description: string; descriptionEn: string } {
  const own = storedDescription?.trim() ?? '';
  const japanese = sigmaJapanese().get(ruleId)?.description ?? (JAPANESE_CHARACTERS.test(own) ? own : '');
  return { description: japanese, descriptionEn: own };
}

/**
 * A rule's title for an English reader. The desk's own rules are titled "日本語 / English"
 * (rule-pack/yorozu/); SigmaHQ's and most operators' rules have one title, kept as it is.
 */
export function englishTitle(ruleTitle: string): string {
  const halves = ruleTitle.split(' / ');
  return halves.length === 2 && halves[1]!.trim() !== '' ? halves[1]!.trim() : ruleTitle;
}
