import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_BAD_SITES, type SimulatorResult } from '../../agent/simulator/index.js';
import { runDetections, type FindingRow } from '../../detections/detection-run.js';
import { loadRulePack } from '../../detections/rule-pack.js';
import { backfilledOffices, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The simulator's planted incidents, sent over the real protocol at the demo's size (three offices of
 * eight PCs, seven days, ordinary activity at scale 1): each produces exactly one finding of its rule, on
 * exactly the planted PC, and the desk's rules find nothing else in the ordinary activity.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let simulated: SimulatorResult;
let participants: { participantId: string }[];
const findings: FindingRow[] = [];

const EXPECTED_RULE = {
  night_usb_copy: 'yorozu-night-usb-bulk-copy',
  known_bad_domain: 'yorozu-known-bad-domain',
  antivirus_disabled: 'yorozu-antivirus-realtime-off',
  night_print_burst: 'yorozu-night-print-burst',
} as const;

beforeAll(async () => {
  yorozu = await startTestYorozu('planted-incidents');
  const offices = await backfilledOffices(
    yorozu,
    [
      { name: '株式会社さくら商事', code: 'SKR' },
      { name: '有限会社みなと製作所', code: 'MNT' },
      { name: '医療法人あおば会', code: 'AOB' },
    ],
    { seed: 20261205, days: 7, devicesPerParticipant: 8, scale: 1 },
  );
  participants = offices.participants;
  simulated = offices.simulated;
  await yorozu.database.client.insert({
    table: 'list_entries',
    values: KNOWN_BAD_SITES.map((site) => ({
      list_name: 'ioc_domains',
      participant_id: '00000000-0000-0000-0000-000000000000',
      value: site.domain,
      note: site.en,
      removed: 0,
      changed_at: '2026-01-01 00:00:00.000',
      changed_by: 'test',
    })),
    format: 'JSONEachRow',
  });
  const rules = loadRulePack()
    .filter((p) => p.origin === 'yorozu')
    .map((p) => ({ rule_id: p.rule.id, rule: p.rule }));
  const now = new Date(Math.max(...simulated.incidents.map((i) => i.toMs)) + 3_600_000);
  for (const { participantId } of participants) {
    const result = await runDetections(yorozu.database.client, participantId, now, rules);
    expect(result.errors).toEqual([]);
    findings.push(...result.findings);
  }
}, 600_000);

afterAll(async () => {
  await yorozu?.cleanup();
});

describe('planted incidents become findings', () => {
  it('each planted incident is exactly one finding of its rule on exactly its PC', () => {
    expect(simulated.incidents.length).toBeGreaterThanOrEqual(9);
    for (const incident of simulated.incidents) {
      const participantId = participants[incident.participantIndex]!.participantId;
      const ofRule = findings.filter(
        (f) => f.participant_id === participantId && f.rule_id === EXPECTED_RULE[incident.kind],
      );
      expect(
        ofRule.map((f) => f.device_id),
        incident.id,
      ).toEqual([incident.deviceId]);
      // An aggregation's window may also hold an ordinary event of the hour before (a print at 21:40 before
      // the burst): the finding lies within the incident widened by the rule's one-hour timeframe.
      const [first, last] = [Date.parse(`${ofRule[0]!.first_seen}Z`), Date.parse(`${ofRule[0]!.last_seen}Z`)];
      expect(first, incident.id).toBeGreaterThanOrEqual(incident.fromMs - 3_600_000);
      expect(last, incident.id).toBeLessThanOrEqual(incident.toMs + 3_600_000);
      expect(last, incident.id).toBeGreaterThanOrEqual(incident.fromMs);
    }
  });

  it("the desk's rules find nothing in the ordinary activity", () => {
    expect(findings).toHaveLength(simulated.incidents.length);
  });
});
