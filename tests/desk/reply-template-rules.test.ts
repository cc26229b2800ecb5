import { describe, expect, it } from 'vitest';
import { renderTemplate, ticketLanguageOf } from '../../desk/rules/reply-templates.js';

describe("a ticket's language and its templates", () => {
  it('is Japanese once kana or kanji appear, English for Latin script only, Japanese when nothing is written', () => {
    expect(ticketLanguageOf(['USB の警告'])).toBe('ja');
    expect(ticketLanguageOf(['Cannot sign in', 'Since Monday'])).toBe('en');
    expect(ticketLanguageOf(['Cannot sign in', 'カタカナ'])).toBe('ja');
    expect(ticketLanguageOf([])).toBe('ja');
    expect(ticketLanguageOf(['12345'])).toBe('ja');
  });

  it('fills the named placeholders and leaves unknown ones as written', () => {
    const template = {
      title_ja: '件名',
      title_en: 'Title',
      body_ja: '[{reference}] {unknown}',
      body_en: '{requester}',
    };
    const values = { reference: 'YZ-1', subject: 's', organisation: 'o', requester: 'Tanaka' };
    expect(renderTemplate(template, 'ja', values)).toEqual({ title: '件名', body: '[YZ-1] {unknown}' });
    expect(renderTemplate(template, 'en', values)).toEqual({ title: 'Title', body: 'Tanaka' });
  });
});
