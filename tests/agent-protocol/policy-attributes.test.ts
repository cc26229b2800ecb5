import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** PROTOCOL.md names every event attribute a built-in health policy reads, so agent authors know to send it. */
const policies = readFileSync(new URL('../../health/builtin-policies.ts', import.meta.url), 'utf8');
const protocol = readFileSync(new URL('../../agent-protocol/PROTOCOL.md', import.meta.url), 'utf8');

describe('attributes read by the built-in policies', () => {
  it('are each named in PROTOCOL.md', () => {
    const read = [...policies.matchAll(/attributes\[\s*'([^']+)'\s*\]/g)].map((match) => match[1]!);
    expect(read.length).toBeGreaterThan(0);
    for (const key of new Set(read)) expect(protocol, key).toMatch(new RegExp(`\\| \`${key}\` \\|`));
  });
});
