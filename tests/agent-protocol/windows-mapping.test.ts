import { describe, expect, it } from 'vitest';
import { logEvent } from '../../agent-protocol/index.js';
import {
  WINDOWS_MAPPING_RULES,
  mapWindowsEvent,
  windowsEventFromReceiverBody,
} from '../../agent-protocol/windows/index.js';
import { MAPPING_FIXTURES } from '../support/windows-event-fixtures.js';
import { RENDERINGS, asEventXml, asFlatMapBody } from '../support/windows-event-renderings.js';

const NOW = '2026-12-05T00:00:00.000Z';
const keyOf = (f: { channel: string; provider: string; eventId: number }) =>
  `${f.channel} | ${f.provider} | ${f.eventId}`;

describe('the Windows event mapping', () => {
  it('has one fixture per mapping row, and a row for every fixture', () => {
    expect(MAPPING_FIXTURES.map(keyOf).sort()).toEqual(WINDOWS_MAPPING_RULES.map(keyOf).sort());
  });

  for (const fixture of MAPPING_FIXTURES) {
    describe(keyOf(fixture), () => {
      for (const [shape, render] of Object.entries(RENDERINGS)) {
        it(`maps the ${shape} rendering to ${fixture.expected.category}`, () => {
          const windowsEvent = windowsEventFromReceiverBody(render(fixture));
          const outcome = mapWindowsEvent(windowsEvent, NOW);
          if (fixture.expected.category === 'kept') {
            expect(outcome).toMatchObject({ kind: 'kept', reason: 'outside_categories' });
            return;
          }
          expect(outcome.kind).toBe('mapped');
          if (outcome.kind !== 'mapped') return;
          const lost = shape === 'xml' ? [] : (fixture.lostInMaps ?? []);
          const expected = Object.fromEntries(
            Object.entries(fixture.expected).filter(([field]) => !lost.includes(field)),
          );
          const parsed = logEvent.safeParse({ ...outcome.event, seq: 1 });
          expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
          // Compared after the protocol schema, which drops fields a category does not have.
          const event = parsed.data as unknown as Record<string, unknown>;
          expect(event).toMatchObject(expected);
          for (const field of lost) expect(event[field], field).toBeUndefined();
          expect(event.time).toBe('2026-12-04T00:15:02.647Z');
          expect(event.attributes).toMatchObject({
            windowsChannel: fixture.channel,
            windowsProvider: fixture.provider,
            windowsEventId: String(fixture.eventId),
            windowsRecordId: String(fixture.recordId),
          });
          // The docs table lists a row's fields: every field the row fills (and the schema keeps) must be listed there.
          for (const field of Object.keys(outcome.event))
            if (field in event && !['category', 'time', 'attributes'].includes(field))
              expect(outcome.rule.fields, `${field} is filled but not listed`).toContain(field);
        });
      }
    });
  }

  it('keys on the provider too: System 12 from another provider is not a boot', () => {
    const fixture = { ...MAPPING_FIXTURES.find((f) => f.eventId === 12)!, provider: 'Microsoft-Windows-Time-Service' };
    expect(mapWindowsEvent(windowsEventFromReceiverBody(asFlatMapBody(fixture)), NOW)).toMatchObject({
      kind: 'kept',
      reason: 'unknown',
    });
  });

  it('keeps a 4663 on a registry key outside the file operations', () => {
    const fixture = MAPPING_FIXTURES.find((f) => f.eventId === 4663)!;
    const onKey = {
      ...fixture,
      data: fixture.data!.map(
        ([name, value]) => [name, name === 'ObjectType' ? 'Key' : value] as [string | null, string],
      ),
    };
    expect(mapWindowsEvent(windowsEventFromReceiverBody(asEventXml(onKey)), NOW)).toMatchObject({
      kind: 'kept',
      reason: 'not_covered',
    });
  });

  it('names what is missing from a body that is not a Windows event', () => {
    expect(() => windowsEventFromReceiverBody({ channel: 'Security' })).toThrow(/event_id/);
    expect(() => windowsEventFromReceiverBody('<Event><System><Channel>Security</Channel></System></Event>')).toThrow(
      /EventID/,
    );
  });
});
