import { describe, expect, it } from 'vitest';
import { agentMessage, logEvent, serverMessage, enrollRequest } from '../../agent-protocol/index.js';
import { eventsOfEveryCategory } from '../support/every-category.js';

describe('agent-protocol v1 schemas', () => {
  it('accept a fully filled event of every category', () => {
    for (const event of eventsOfEveryCategory(1)) expect(logEvent.safeParse(event).success, event.category).toBe(true);
  });

  it('name the field that is wrong', () => {
    const cases: [unknown, string][] = [
      [{ seq: 1, time: '2026-11-24T09:00:00+09:00', category: 'logon', action: 'logon' }, 'user'],
      [{ seq: -1, time: '2026-11-24T09:00:00+09:00', category: 'boot', action: 'boot' }, 'seq'],
      [{ seq: 1, time: '2026-11-24 09:00:00', category: 'boot', action: 'boot' }, 'time'],
      [{ seq: 1, time: '2026-11-24T09:00:00Z', category: 'web_access', url: 'not a url' }, 'url'],
      [
        {
          seq: 1,
          time: '2026-11-24T09:00:00Z',
          category: 'external_device',
          action: 'connect',
          deviceClass: 'usb_storage',
          vendorId: '78',
        },
        'vendorId',
      ],
      [{ seq: 1, time: '2026-11-24T09:00:00Z', category: 'printer_output', printerName: 'P', pages: 1.5 }, 'pages'],
      [{ seq: 1, time: '2026-11-24T09:00:00Z', category: 'fax' }, 'category'],
    ];
    for (const [event, field] of cases) {
      const result = logEvent.safeParse(event);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.path.join('.'), JSON.stringify(event)).toBe(field);
    }
  });

  it('keep an explicit time offset: a JST time and its UTC form are the same instant', () => {
    const jst = logEvent.parse({ seq: 1, time: '2026-11-24T09:00:00.250+09:00', category: 'boot', action: 'boot' });
    expect(Date.parse(jst.time)).toBe(Date.parse('2026-11-24T00:00:00.250Z'));
  });

  it('refuse an inventory snapshot with nothing in it, and health check ids that are not stable identifiers', () => {
    const empty = agentMessage.safeParse({
      v: 1,
      type: 'inventory',
      batchId: 'i',
      snapshot: { collectedAt: '2026-11-24T09:00:00Z' },
    });
    expect(empty.success).toBe(false);
    const badCheck = agentMessage.safeParse({
      v: 1,
      type: 'health',
      batchId: 'h',
      results: [{ checkId: 'Anti Virus!', time: '2026-11-24T09:00:00Z', status: 'pass' }],
    });
    expect(badCheck.error!.issues[0]!.path.join('.')).toBe('results.0.checkId');
  });

  it('describe every server command an agent must obey', () => {
    for (const command of [
      {
        kind: 'configure',
        config: {
          batchMaxEvents: 500,
          batchMaxDelayMs: 1000,
          categories: ['logon'],
          inventoryIntervalMinutes: 60,
          healthIntervalMinutes: 60,
          heartbeatSeconds: 30,
        },
      },
      { kind: 'revoke', reason: '紛失' },
      { kind: 'uninstall', reason: '利用終了' },
      { kind: 'pause', reason: 'メンテナンス', until: '2026-11-25T06:00:00+09:00' },
      { kind: 'resume' },
      { kind: 'request_diagnostics', requestId: 'T-1024' },
    ]) {
      const message = { v: 1, type: 'command', commandId: '0b7c6a4e-8f7a-4c55-9d1b-2f4c1a0e9b11', command };
      expect(serverMessage.safeParse(message).success, command.kind).toBe(true);
    }
  });

  it('require an instance id and the secret to enroll', () => {
    const result = enrollRequest.safeParse({
      v: 1,
      type: 'enroll',
      hostname: 'PC',
      os: { name: 'Windows', version: '11' },
      agentVersion: '1',
    });
    expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['instanceId', 'secret']);
  });
});
