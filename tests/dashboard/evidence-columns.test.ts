import { describe, expect, it } from 'vitest';
import { shownColumns } from '../../dashboard/src/pages/tickets/evidence-columns.js';

/** Issue 22: the participant's evidence showed `{}` columns and hid device and serial behind a scroll. */
describe("the evidence's columns", () => {
  const rows = [
    {
      seq: '1',
      device_id: 'd',
      time: 't1',
      attributes: {},
      pid: 0,
      category: 'external_device',
      serial: 'S1',
      hostname: 'PC-01',
      participant_id: 'p',
    },
    {
      seq: '2',
      device_id: 'd',
      time: 't2',
      attributes: {},
      pid: 0,
      category: 'external_device',
      serial: 'S2',
      hostname: 'PC-01',
      participant_id: 'p',
    },
  ];
  const columns = ['participant_id', 'device_id', 'seq', 'time', 'category', 'pid', 'attributes', 'serial', 'hostname'];

  it('leaves out the columns empty in every row, and the participant id', () => {
    expect(shownColumns(columns, rows)).not.toContain('attributes');
    expect(shownColumns(columns, rows)).not.toContain('pid');
    expect(shownColumns(columns, rows)).not.toContain('participant_id');
  });

  it('puts the answering columns first: time, device, category, then the serial', () => {
    expect(shownColumns(columns, rows)).toEqual(['time', 'hostname', 'category', 'serial', 'device_id', 'seq']);
  });

  it('keeps a column that has a value in any row', () => {
    expect(shownColumns(columns, [...rows, { ...rows[0]!, pid: 42 }])).toContain('pid');
  });
});
