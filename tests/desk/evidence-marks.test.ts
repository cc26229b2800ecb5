import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../common/hashes.js';
import {
  canonicalJson,
  EVIDENCE_FORMAT,
  evidenceSha256,
  markedPositions,
  type EvidenceRecord,
} from '../../desk/rules/evidence-snapshot.js';

/** The rows an operator marks as answering the question are part of what the participant checks by the hash. */
const record: EvidenceRecord = {
  participantId: '0b6c7e34-1d2a-4c1b-9a55-1f0e2d3c4b5a',
  query: 'category:external_device',
  from: '2026-12-01T00:00:00.000Z',
  to: '2026-12-02T00:00:00.000Z',
  deviceId: '',
  columns: ['time', 'serial'],
  rows: [
    { time: '2026-12-01 01:00:00.000', serial: 'A' },
    { time: '2026-12-01 02:00:00.000', serial: 'B' },
  ],
};

describe('marked evidence rows', () => {
  it('evidence without marks hashes as it did before marks existed, so hashes already sent stay valid', () => {
    // The document hashed before marks existed: the format name and the record's fields, nothing else.
    const before = sha256Hex(canonicalJson({ format: EVIDENCE_FORMAT, ...record }));
    expect(evidenceSha256(record)).toBe(before);
    expect(evidenceSha256({ ...record, markQuery: '', markedRows: [] })).toBe(before);
  });

  it('the marks change the hash: adding, moving or dropping a mark, or changing its query, is seen', () => {
    const marked = evidenceSha256({ ...record, markQuery: 'serial:B', markedRows: [1] });
    expect(marked).not.toBe(evidenceSha256(record));
    expect(evidenceSha256({ ...record, markQuery: 'serial:B', markedRows: [0] })).not.toBe(marked);
    expect(evidenceSha256({ ...record, markQuery: 'serial:A', markedRows: [1] })).not.toBe(marked);
    expect(evidenceSha256({ ...record, markQuery: 'serial:B', markedRows: [0, 1] })).not.toBe(marked);
  });

  it('marks the snapshot rows a second query also returned, by device and sequence number, in snapshot order', () => {
    const events = [
      { device_id: 'd1', seq: '3' },
      { device_id: 'd2', seq: '3' },
      { device_id: 'd1', seq: '2' },
    ];
    expect(
      markedPositions(events, [
        { device_id: 'd1', seq: '2' },
        { device_id: 'd2', seq: '3' },
      ]),
    ).toEqual([1, 2]);
    expect(markedPositions(events, [{ device_id: 'd3', seq: '3' }])).toEqual([]);
  });
});
