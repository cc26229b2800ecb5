import { describe, expect, it } from 'vitest';
import { toClickHouseTime, toClickHouseTimeFast } from '../../common/clickhouse-time.js';
import { eventRow, hostnameOf } from '../../ingest/event-rows.js';
import { readableUrl } from '../../ingest/readable-url.js';

describe('mapping events to rows', () => {
  it('takes the host of a URL the way a browser would, lower-cased, without user info or port', () => {
    expect(hostnameOf('https://WWW.Example.co.jp/資料/見積書.pdf?x=1')).toBe('www.example.co.jp');
    expect(hostnameOf('http://user:pw@intranet.local:8080/a')).toBe('intranet.local');
    expect(hostnameOf('https://[2001:db8::1]:443/')).toBe('[2001:db8::1]');
    expect(hostnameOf('mailto:someone@example.jp')).toBe('');
  });

  it('writes times in UTC, the same with and without the per-second cache', () => {
    for (const iso of [
      '2026-11-24T09:00:00.007+09:00',
      '2026-11-24T00:00:00.999Z',
      '2026-11-24T00:00:01.000Z',
      '2026-12-31T23:59:59.5-05:00',
    ]) {
      const ms = Date.parse(iso);
      expect(toClickHouseTimeFast(ms)).toBe(toClickHouseTime(ms));
    }
    expect(toClickHouseTime(Date.parse('2026-11-24T09:00:00.007+09:00'))).toBe('2026-11-24 00:00:00.007');
  });

  it('keeps the device and participant of the connection, never what the event says', () => {
    const forged = {
      seq: 1,
      time: '2026-11-24T00:00:00Z',
      category: 'boot',
      action: 'boot',
      participant_id: 'x',
      device_id: 'y',
    } as never;
    const row = eventRow({ participantId: 'p', deviceId: 'd' }, forged, 0, 'r');
    expect(row.participant_id).toBe('p');
    expect(row.device_id).toBe('d');
  });

  it('stores a URL with its non-ASCII parts decoded, so 請求書 finds the download of 請求書.zip', () => {
    const encoded = `https://files.example.net/d/0a1b/${encodeURIComponent('請求書')}.zip?q=${encodeURIComponent('見積 1')}`;
    const row = eventRow(
      { participantId: 'p', deviceId: 'd' },
      { seq: 1, time: '2026-11-24T00:00:00Z', category: 'web_access', url: encoded } as never,
      0,
      'r',
    );
    expect(row.url).toBe('https://files.example.net/d/0a1b/請求書.zip?q=見積%201');
    expect(row.domain).toBe('files.example.net');
  });

  it('leaves ASCII escapes and anything malformed as it is', () => {
    expect(readableUrl('https://a.jp/x%2Fy?next=%2Fhome%3Fa%3D1&nl=%0A')).toBe(
      'https://a.jp/x%2Fy?next=%2Fhome%3Fa%3D1&nl=%0A',
    );
    expect(readableUrl('https://a.jp/%E8%AB')).toBe('https://a.jp/%E8%AB');
    expect(readableUrl('https://a.jp/%ZZ%e8%ab%8b')).toBe('https://a.jp/%ZZ請');
  });
});
