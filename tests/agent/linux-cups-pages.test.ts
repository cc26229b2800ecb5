import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logEvent } from '../../agent-protocol/index.js';
import type { NewEvent } from '../../agent/disk-buffer.js';
import { CupsPageLogSource, parsePageLog } from '../../agent/sources/linux-cups-pages.js';

/** CUPS page_log lines in the default PageLogFormat (cupsd.conf(5)), one job counted once, offsets kept. */
const directory = mkdtempSync(path.join(tmpdir(), 'yorozu-cups-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const LINES = [
  'RICOH_IM_C3000 tanaka 123 [05/Dec/2026:10:15:02 +0900] 1 1 - 192.168.10.21 見積書.pdf A4 one-sided',
  'RICOH_IM_C3000 tanaka 123 [05/Dec/2026:10:15:03 +0900] 2 1 - 192.168.10.21 見積書.pdf A4 one-sided',
  'RICOH_IM_C3000 tanaka 123 [05/Dec/2026:10:15:04 +0900] total 2 - 192.168.10.21 見積書.pdf A4 one-sided',
];

describe('CUPS page_log', () => {
  it('one printer_output event per job, valid under the protocol', () => {
    const [event, ...rest] = parsePageLog(LINES.join('\n'));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      category: 'printer_output',
      time: '2026-12-05T01:15:04.000Z',
      user: 'tanaka',
      printerName: 'RICOH_IM_C3000',
      documentName: '見積書.pdf',
      pages: 2,
      paperSize: 'A4',
    });
    expect(logEvent.safeParse({ ...event, seq: 1 }).success).toBe(true);
  });

  it('reads each line once across restarts, and a rotated log from its start', () => {
    const log = path.join(directory, 'page_log');
    const offsets = path.join(directory, 'cups-offset');
    writeFileSync(log, `${LINES.join('\n')}\n`);
    const seen: NewEvent[] = [];
    const first = new CupsPageLogSource(offsets, log, 60_000);
    first.start((events) => seen.push(...events));
    first.stop();
    appendFileSync(log, 'RICOH_IM_C3000 sato 124 [05/Dec/2026:11:00:00 +0900] total 40 - - 契約書.docx A4 two-sided\n');
    const second = new CupsPageLogSource(offsets, log, 60_000);
    second.start((events) => seen.push(...events));
    second.stop();
    expect(seen.map((e) => (e as unknown as { pages: number }).pages)).toEqual([2, 40]);
    writeFileSync(log, 'RICOH_IM_C3000 sato 125 [05/Dec/2026:12:00:00 +0900] total 1 - - a.txt A4 one-sided\n');
    const third = new CupsPageLogSource(offsets, log, 60_000);
    third.start((events) => seen.push(...events));
    third.stop();
    expect(seen.map((e) => (e as unknown as { pages: number }).pages)).toEqual([2, 40, 1]);
  });
});
