import { describe, expect, it } from 'vitest';
import { normaliseSearchText, ticketMatchesText } from '../../desk/rules/ticket-search.js';
import { spreadsheetCsv } from '../../common/spreadsheet-csv.js';

const ticket = {
  ticketId: 't1',
  reference: 'YZ-ABCD1234',
  subject: '請求書の再発行について',
  participantName: '株式会社さくら商事',
  requesterName: '田中 浩',
  requesterEmail: 'tanaka@sakura.example.jp',
};

describe('what a ticket search matches', () => {
  it('finds a word inside Japanese text, width and case folded', () => {
    expect(ticketMatchesText(ticket, '再発行', new Set())).toBe(true);
    expect(ticketMatchesText(ticket, 'さくら', new Set())).toBe(true);
    expect(ticketMatchesText(ticket, 'yz-abcd', new Set())).toBe(true);
    expect(ticketMatchesText(ticket, 'ＴＡＮＡＫＡ', new Set())).toBe(true);
    expect(ticketMatchesText(ticket, '見積書', new Set())).toBe(false);
    expect(ticketMatchesText(ticket, '見積書', new Set(['t1']))).toBe(true);
    expect(normaliseSearchText(' ｶﾀｶﾅ ')).toBe('カタカナ');
  });
});

describe('CSV for spreadsheets', () => {
  it('has a byte-order mark, quotes every cell, keeps formulas as text and negative numbers as numbers', () => {
    expect(
      spreadsheetCsv(
        ['a', 'b'],
        [
          ['=1+1', -5],
          ['"引用"', null],
        ],
      ),
    ).toBe('\uFEFF"a","b"\r\n"\'=1+1","-5"\r\n"""引用""",""\r\n');
  });
});
