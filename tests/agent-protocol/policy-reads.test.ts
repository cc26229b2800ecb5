import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { HEALTH_CHECKS, healthResult, KNOWN_HEALTH_CHECK_IDS } from '../../agent-protocol/index.js';
import { healthChecksTable } from '../../agent-protocol/health-checks-table.js';
import { renderJsonSchemas } from '../../agent-protocol/json-schemas.js';
import { BUILTIN_POLICIES } from '../../health/builtin-policies.js';

/**
 * PROTOCOL.md names every health check id and event attribute a built-in health policy reads, with the
 * value's form, so agent authors know what to send; and the JSON Schema refuses a value of the wrong form.
 */
const protocol = readFileSync(new URL('../../agent-protocol/PROTOCOL.md', import.meta.url), 'utf8');

const checkIdsRead = (query: string) => [...query.matchAll(/check_id\s*(?:=|IN\s*\()\s*'([^']+)'/g)].map((m) => m[1]!);
const attributesRead = (query: string) => [...query.matchAll(/attributes\[\s*'([^']+)'\s*\]/g)].map((m) => m[1]!);

describe('what the built-in policies read', () => {
  it('every check id a policy reads is in the catalogue and in PROTOCOL.md §5.4, and the catalogue names its readers', () => {
    const readers = new Map<string, string[]>();
    for (const policy of BUILTIN_POLICIES)
      for (const checkId of checkIdsRead(policy.query))
        readers.set(checkId, [...(readers.get(checkId) ?? []), policy.slug]);
    expect(readers.size).toBe(6);
    for (const [checkId, slugs] of readers) {
      expect(KNOWN_HEALTH_CHECK_IDS, checkId).toContain(checkId);
      expect(protocol, checkId).toContain(`| \`${checkId}\` |`);
      expect([...HEALTH_CHECKS[checkId as keyof typeof HEALTH_CHECKS].readBy], checkId).toEqual(slugs);
    }
    for (const checkId of KNOWN_HEALTH_CHECK_IDS)
      if (HEALTH_CHECKS[checkId].readBy.length > 0) expect(readers.has(checkId), checkId).toBe(true);
  });

  it('every attribute a policy reads is named in PROTOCOL.md', () => {
    const read = BUILTIN_POLICIES.flatMap((policy) => attributesRead(policy.query));
    expect(read.length).toBeGreaterThan(0);
    for (const key of new Set(read)) {
      expect(protocol, key).toMatch(new RegExp(`\\| \`${key}\` \\|`));
      expect(protocol, key).toContain(`\`${key}\` (§5.1)`);
    }
  });

  it('PROTOCOL.md §5.4 holds the table of the catalogue', () => {
    const start = protocol.indexOf('<!-- health-checks:start');
    const end = protocol.indexOf('<!-- health-checks:end -->');
    expect(start).toBeGreaterThan(0);
    const section = protocol.slice(protocol.indexOf('\n', start) + 1, end).trim();
    expect(section).toBe(healthChecksTable());
  });
});

describe('the value form of a known check', () => {
  const schema = JSON.parse(renderJsonSchemas().get('health-result.schema.json')!) as object;
  const ajv = new Ajv2020.default({ strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  const time = '2026-11-24T09:00:00+09:00';
  const cases: [Record<string, unknown>, boolean][] = [
    [{ checkId: 'antivirus.definitions_age_days', time, status: 'pass', value: '2' }, true],
    [{ checkId: 'antivirus.definitions_age_days', time, status: 'pass', value: '2026-11-22' }, false],
    [{ checkId: 'antivirus.definitions_age_days', time, status: 'fail' }, false],
    [{ checkId: 'antivirus.definitions_age_days', time, status: 'error', detail: 'Defender not installed' }, true],
    [{ checkId: 'screen_lock.enabled', time, status: 'fail', value: '無効' }, false],
    [{ checkId: 'screen_lock.enabled', time, status: 'fail', value: '0' }, true],
    [{ checkId: 'firewall.enabled', time, status: 'fail', value: 'domain=off,private=on,public=on' }, true],
    [{ checkId: 'firewall.enabled', time, status: 'fail', value: 'Domain: Off' }, false],
    [{ checkId: 'disk.encryption', time, status: 'pass', value: 'BitLocker' }, true],
    [{ checkId: 'os.reboot_pending', time, status: 'fail', value: 'yes' }, false],
    [{ checkId: 'vendor.custom_check', time, status: 'pass', value: 'anything at all' }, true],
  ];
  it.each(cases)('%j is accepted: %s (zod and the JSON Schema agree)', (result, accepted) => {
    expect(healthResult.safeParse(result).success).toBe(accepted);
    expect(validate(result)).toBe(accepted);
  });

  it('names the check and the expected form in the error', () => {
    const refused = healthResult.safeParse({
      checkId: 'antivirus.definitions_age_days',
      time,
      status: 'pass',
      value: '2026-11-22',
    });
    expect(refused.error?.issues[0]?.message).toContain('antivirus.definitions_age_days takes a integer in days');
  });
});
