import { describe, expect, it } from 'vitest';
import { logEvent } from '../../agent-protocol/index.js';
import { EventRowBinary } from '../../ingest/event-row-binary.js';
import { RowBinaryBuffer } from '../../ingest/row-binary-buffer.js';
import { isValidEvent } from '../../ingest/event-validator.js';
import { eventsOfEveryCategory } from '../support/every-category.js';

/**
 * The hot path's validator (ajv compiled from the zod schemas) against zod itself, the protocol's
 * source of truth: randomly mutated events must be accepted and refused alike, and an accepted one
 * (its defaults filled in place, unknown keys left on it) must become the same stored row, byte for byte, as zod's
 * output. tests/ingest/event-row-binary.test.ts shows that row stores what `eventRow` of zod's output stores.
 */
const MUTATED_EVENTS = 100_000;
const device = {
  deviceId: '6f1d2c3b-0000-4000-8000-000000000001',
  participantId: '6f1d2c3b-0000-4000-8000-0000000000aa',
};
const receivedAtMs = Date.parse('2026-11-24T00:00:00.000Z');

/** Deterministic (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  99,
  100,
  599,
  600,
  4294967295,
  4294967296,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  '',
  'x',
  'x'.repeat(16),
  'x'.repeat(17),
  'x'.repeat(32),
  'x'.repeat(33),
  'x'.repeat(256),
  'x'.repeat(257),
  'x'.repeat(1024),
  'x'.repeat(1025),
  'x'.repeat(4096),
  'x'.repeat(4097),
  'x'.repeat(8192),
  'x'.repeat(8193),
  '😀'.repeat(128),
  '😀'.repeat(129),
  '\ud800',
  '顧客リスト_全件.xlsx',
  '2026-11-24T09:00:00+09:00',
  '2026-11-24T09:00:00.123Z',
  '2026-11-24T09:00:00',
  '2026-11-24 09:00:00Z',
  '2028-02-29T00:00:00Z',
  '2027-02-29T00:00:00Z',
  '2026-11-24T24:00:00Z',
  'https://intranet.example.jp/a',
  'https://例え.jp/資料/見積書.pdf',
  'http://',
  'not a url',
  'mailto:someone@example.jp',
  'file:///C:/Users/a.txt',
  'https://[2001:db8::1]:443/',
  '192.168.1.10',
  '256.1.1.1',
  '::1',
  '2001:db8::g',
  '0781',
  '078G',
  'ABCD',
  '07812',
  [],
  ['a'],
  {},
  { a: 'b' },
  { '': 'b' },
  { [`k${'x'.repeat(64)}`]: 'b' },
  { a: 1 },
  Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`k${i}`, 'v'])),
  Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v'])),
];

const ENUMS = [
  'boot',
  'logon',
  'web_access',
  'software_operation',
  'file_operation',
  'printer_output',
  'external_device',
  'device_control',
  'visit',
  'download',
  'logon_failed',
  'interactive',
  'remote',
  'copy',
  'removable',
  'color',
  'mono',
  'usb_storage',
  'blocked',
  'connect',
  'start',
  'uptime',
  'shutdown',
  'unknown',
  'bogus',
];

const FIELDS = [
  ...new Set(logEvent.options.flatMap((branch) => Object.keys(branch.shape))),
  'unknownField',
  'participant_id',
];

function mutate(event: Record<string, unknown>, next: () => number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const mutations = 1 + Math.floor(next() * 3);
  for (let m = 0; m < mutations; m += 1) {
    const roll = next();
    const field = next() < 0.6 ? pick(Object.keys(event)) : pick(FIELDS);
    if (roll < 0.02) return pick(VALUES); // not an object at all, or some other object
    if (roll < 0.25) delete event[field];
    else if (roll < 0.45) event[field] = pick(ENUMS);
    else if (roll < 0.95) event[field] = structuredClone(pick(VALUES));
    else event.category = pick(ENUMS.slice(0, 8)); // another category's schema for these fields
  }
  return event;
}

describe('the compiled event validator', () => {
  it(`accepts and refuses the same ${MUTATED_EVENTS.toLocaleString('en-US')} mutated events as zod, and stores what it accepts as zod's output`, () => {
    const next = random(20261205);
    const originals = eventsOfEveryCategory(1).map(
      (event) => JSON.parse(JSON.stringify(event)) as Record<string, unknown>,
    );
    const rows = new EventRowBinary(device, receivedAtMs, new RowBinaryBuffer());
    let accepted = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < MUTATED_EVENTS; i += 1) {
      // One in ten unmutated, so both paths see plenty of valid events of every category.
      const original = originals[i % originals.length]!;
      const candidate = i % 10 === 0 ? structuredClone(original) : mutate(structuredClone(original), next);
      const text = JSON.stringify(candidate) ?? 'null';
      const byZod = logEvent.safeParse(JSON.parse(text));
      const forAjv: unknown = JSON.parse(text);
      const byAjv = isValidEvent(forAjv);
      if (byZod.success !== byAjv) {
        if (disagreements.length < 5)
          disagreements.push(`zod ${byZod.success}, ajv ${byAjv}: ${text.replace(/(.)\1{20,}/gu, '$1…')}`);
        continue;
      }
      if (!byZod.success || !byAjv) continue;
      accepted += 1;
      const timeMs = Date.parse(byZod.data.time);
      if (i < 2_000 || accepted % 97 === 0) {
        const fromZod = rows.row(byZod.data, timeMs).toString('hex');
        expect(rows.row(forAjv, timeMs).toString('hex'), text).toBe(fromZod);
      }
    }
    expect(disagreements).toEqual([]);
    // Both outcomes were tried in numbers, or the comparison would say little.
    expect(accepted).toBeGreaterThan(MUTATED_EVENTS * 0.2);
    expect(accepted).toBeLessThan(MUTATED_EVENTS * 0.8);
  }, 120_000);
});
