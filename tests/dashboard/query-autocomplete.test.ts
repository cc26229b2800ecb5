import { describe, expect, it } from 'vitest';
import type { QueryField } from '../../contract/index.js';
import {
  applySuggestion,
  fieldSuggestions,
  tokenAt,
  valueField,
} from '../../dashboard/src/pages/explorer/query-autocomplete.js';

/** Issue 22: the query bar's suggestions at the caret (pure rules; the browser test drives the list). */
const field = (name: string, kind: string, aliases: string[] = []): QueryField => ({
  name,
  aliases,
  column: name,
  kind,
  label: { ja: `${name} の名前`, en: name },
});
const FIELDS = [
  field('domain', 'keyword'),
  field('device', 'device', ['host', 'hostname']),
  field('user_name', 'keyword', ['user']),
  field('message', 'text', ['msg']),
];

describe('query autocomplete', () => {
  it('offers field names while a word is typed, by name or alias, with the short name to type', () => {
    const token = tokenAt('category:boot AND us', 20)!;
    expect(token).toMatchObject({ start: 18, field: null, partial: 'us' });
    expect(fieldSuggestions(FIELDS, token.partial, 'ja')).toEqual([
      { kind: 'field', text: 'user', note: 'user_name の名前' },
    ]);
    expect(fieldSuggestions(FIELDS, 'ho', 'en').map((s) => s.text)).toEqual(['device']);
  });

  it('reads the field and the typed part of a value, an exclusion and an opening quote included', () => {
    expect(tokenAt('-domain:"inv', 12)).toMatchObject({ sign: '-', field: 'domain', partial: 'inv' });
    expect(tokenAt('(user:ta', 8)).toMatchObject({ start: 1, field: 'user', partial: 'ta' });
    expect(tokenAt('a AND ', 6)).toBeNull();
    expect(tokenAt('AND', 3)).toBeNull();
  });

  it('offers values only for fields that hold whole values', () => {
    expect(valueField(FIELDS, 'User')?.name).toBe('user_name');
    expect(valueField(FIELDS, 'host')?.name).toBe('device');
    expect(valueField(FIELDS, 'msg')).toBeNull();
    expect(valueField(FIELDS, 'nosuch')).toBeNull();
  });

  it('writes the choice into the query, quoting a value that is not one word, and puts the caret after it', () => {
    const query = 'category:web_access AND dom';
    const fieldTaken = applySuggestion(query, tokenAt(query, query.length)!, {
      kind: 'field',
      text: 'domain',
      note: '',
    });
    expect(fieldTaken).toEqual({ query: 'category:web_access AND domain:', caret: 31 });
    const valueQuery = 'user:ta AND category:boot';
    const valueTaken = applySuggestion(valueQuery, tokenAt(valueQuery, 7)!, {
      kind: 'value',
      text: 'tanaka taro',
      note: '',
    });
    expect(valueTaken.query).toBe('user:"tanaka taro" AND category:boot');
    expect(valueTaken.caret).toBe('user:"tanaka taro" '.length);
    const plain = applySuggestion('-domain:inv', tokenAt('-domain:inv', 11)!, {
      kind: 'value',
      text: 'invoice.example',
      note: '',
    });
    expect(plain.query).toBe('-domain:invoice.example ');
  });
});
