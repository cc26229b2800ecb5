import { describe, expect, it } from 'vitest';
import { toClickHouseTime, toClickHouseTimeFast } from '../../common/clickhouse-time.js';
import { eventRow, hostnameOf } from '../../ingest/event-rows.js';

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
});
