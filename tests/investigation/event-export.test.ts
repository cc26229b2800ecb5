import { describe, expect, it } from 'vitest';
import { eventsAsCsv } from '../../investigation/event-export.js';
import type { EventRow } from '../../investigation/event-search.js';

/** The CSV an operator opens in Excel: readable as UTF-8, one line per event, nothing that runs as a formula. */
const row = (fields: Partial<EventRow>): EventRow =>
  ({ device_id: 'd1', time: '2026-11-24 00:15:02.123', seq: '7', category: 'file_operation', ...fields }) as EventRow;

describe('CSV export', () => {
  it('starts with the UTF-8 byte-order mark and a header, ends lines with CRLF, and shows the time in JST too', () => {
    const csv = eventsAsCsv([row({ hostname: 'PC-01', user_name: '田中', message: '顧客リスト.xlsx をコピー' })]);
    expect(
      csv.startsWith('\uFEFF"time_jst","time","hostname","device_id","seq","category","user_name","message"'),
    ).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      '"2026-11-24 09:15:02.123","2026-11-24 00:15:02.123","PC-01","d1","7","file_operation","田中","顧客リスト.xlsx をコピー"',
    );
  });

  it('keeps only the columns some event has set, quotes quotes, and disarms formulas', () => {
    const csv = eventsAsCsv([
      row({ file_path: '=HYPERLINK("http://evil")', bytes: '0', pages: 0, document_name: 'say "hi"' }),
    ]);
    const [header, line] = csv.trim().split('\r\n');
    expect(header).not.toContain('bytes');
    expect(header).not.toContain('pages');
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(line).toContain('"say ""hi"""');
  });

  it('disarms a leading tab, carriage return and | as well (issue 15, finding 9)', () => {
    const csv = eventsAsCsv([
      row({ file_path: "\t=cmd|' /C calc'!A0", document_name: '\r=1+1', message: "|cmd '/C calc'!A0" }),
    ]);
    const line = csv.slice(csv.indexOf('\r\n') + 2);
    expect(line).toContain(`"'\t=cmd|' /C calc'!A0"`);
    expect(line).toContain(`"'\r=1+1"`);
    expect(line).toContain(`"'|cmd '/C calc'!A0"`);
  });
});
