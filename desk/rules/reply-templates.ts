/**
 * Answer templates (定型文): which language a ticket is in, and a template's text filled in for a ticket.
 * Tickets carry no language of their own, and a participant's user may write in either: the ticket's
 * language is that of what the participant wrote (its subject and messages): Japanese as soon as any kana
 * or kanji appear, English when it wrote only in Latin script, Japanese when it has written nothing yet.
 */
export type TicketLanguage = 'ja' | 'en';

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const LATIN = /\p{Script=Latin}/u;

export function ticketLanguageOf(participantTexts: readonly string[]): TicketLanguage {
  if (participantTexts.some((text) => JAPANESE.test(text))) return 'ja';
  return participantTexts.some((text) => LATIN.test(text)) ? 'en' : 'ja';
}

export interface TemplateTexts {
  title_ja: string;
  title_en: string;
  body_ja: string;
  body_en: string;
}

/** What a template may name, filled from the ticket: {reference}, {subject}, {organisation}, {requester}. */
export interface TemplateValues {
  reference: string;
  subject: string;
  organisation: string;
  requester: string;
}

/** The template's title and body in the language, placeholders filled; an unknown {name} stays as written. */
export function renderTemplate(
  template: TemplateTexts,
  language: TicketLanguage,
  values: TemplateValues,
): { title: string; body: string } {
  const fill = (text: string) =>
    text.replace(/\{(reference|subject|organisation|requester)\}/g, (_, name: keyof TemplateValues) => values[name]);
  return language === 'ja'
    ? { title: template.title_ja, body: fill(template.body_ja) }
    : { title: template.title_en, body: fill(template.body_en) };
}
