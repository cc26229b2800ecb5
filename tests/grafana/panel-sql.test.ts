import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLA_BREACH_MARKER } from '../../grafana/dashboards/desk.js';
import { PROMETHEUS_PANELS } from '../../grafana/dashboards/yorozu-metrics.js';
import { OUTPUT_DIR, renderDashboards } from '../../grafana/generate.js';
import { createIngestMetrics } from '../../ingest/metrics.js';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { runMigrations } from '../../server/migrate.js';
import { expandGrafanaClickHouseSql, type GrafanaQueryContext } from '../support/grafana-clickhouse-macros.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

/**
 * Every panel of the provisioned dashboards, as Grafana loads them (the generated JSON), run on the
 * engine with the plugin's macros and Grafana's variables expanded as they would be: a renamed column
 * or table breaks this test, not a dashboard in production. The data is a small day of one
 * participant written straight into the tables, so every panel also has rows to show.
 */
interface Target {
  refId?: string;
  rawSql?: string;
  expr?: string;
  datasource?: { type: string };
}
interface Panel {
  title?: string;
  type: string;
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  title: string;
  panels: Panel[];
  templating: { list?: { name: string; query: { rawSql: string } | string; multi?: boolean }[] };
}

const dataDir = freshDataDir('grafana-panels');
let db: Database;
const participantId = randomUUID();
const otherParticipantId = randomUUID();
const deviceId = randomUUID();
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

function dashboards(): Dashboard[] {
  return Object.values(renderDashboards()).map((json) => JSON.parse(json) as Dashboard);
}

function panelsOf(panels: Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);
}

async function insert(table: string, values: Record<string, unknown>[]): Promise<void> {
  await db.client.insert({ table, values, format: 'JSONEachRow' });
}

async function seed(): Promise<void> {
  await insert('participants', [
    {
      participant_id: participantId,
      name: '株式会社グラファナ',
      changed_at: iso(now - 86_400_000),
      changed_by: 'test',
      status: 'active',
    },
    {
      participant_id: otherParticipantId,
      name: '有限会社ほか',
      changed_at: iso(now - 86_400_000),
      changed_by: 'test',
      status: 'active',
    },
  ]);
  await insert(
    'events',
    Array.from({ length: 50 }, (_, seq) => ({
      participant_id: participantId,
      device_id: deviceId,
      seq,
      time: iso(now - seq * 60_000),
      received_at: iso(now - seq * 60_000 + 500),
      category: seq % 2 === 0 ? 'logon' : 'web_access',
      action: 'test',
      user_name: 'tanaka',
    })),
  );
  await insert('rejected_messages', [
    {
      participant_id: participantId,
      device_id: deviceId,
      received_at: iso(now - 3_600_000),
      transport: 'websocket',
      message_type: 'events',
      code: 'invalid_event',
      reason: 'test',
      raw: '{}',
      raw_bytes: 2,
    },
  ]);
  const policyId = randomUUID();
  await insert('policies', [
    {
      policy_id: policyId,
      version: 1,
      slug: 'av-on',
      builtin: true,
      enabled: true,
      severity: 'high',
      title_ja: 'ウイルス対策が有効',
      title_en: 'Antivirus is on',
      query: 'SELECT 1',
      changed_at: iso(now - 86_400_000),
      changed_by: 'test',
    },
  ]);
  const evaluations = [randomUUID(), randomUUID()];
  await insert(
    'policy_results',
    evaluations.map((evaluationId, n) => ({
      participant_id: participantId,
      evaluation_id: evaluationId,
      evaluated_at: iso(now - (2 - n) * 3_600_000),
      policy_id: policyId,
      policy_version: 1,
      severity: 'high',
      device_id: deviceId,
      status: 'fail',
      detail: '',
    })),
  );
  await insert(
    'policy_evaluations',
    evaluations.map((evaluationId, n) => ({
      participant_id: participantId,
      evaluation_id: evaluationId,
      started_at: iso(now - (2 - n) * 3_600_000),
      finished_at: iso(now - (2 - n) * 3_600_000 + 1000),
      evaluated_for: iso(now - (2 - n) * 3_600_000),
      trigger: 'schedule',
      policies: 1,
      devices: 1,
      failures: 1,
      errors: [],
    })),
  );
  const ticketId = randomUUID();
  await insert('tickets', [
    {
      ticket_id: ticketId,
      version: 1,
      write_id: randomUUID(),
      participant_id: participantId,
      reference: 'YZ-ABCD1234',
      subject: '質問',
      category: 'other',
      status: 'open',
      channel: 'portal',
      created_at: iso(now - 5 * 86_400_000),
      change_kind: 'created',
      changed_at: iso(now - 5 * 86_400_000),
      changed_by: 'test',
    },
  ]);
  await insert('outbound_mail', [
    {
      mail_id: randomUUID(),
      participant_id: participantId,
      ticket_id: ticketId,
      kind: 'sla_alert',
      message_id: '<x@yorozu.localhost>',
      recipients: ['op@example.jp'],
      subject: '[YZ-ABCD1234] 質問',
      text: `${SLA_BREACH_MARKER}YZ-ABCD1234 の初回応答期限を超過しました`,
      created_at: iso(now - 2 * 86_400_000),
    },
  ]);
}

beforeAll(async () => {
  db = await openDatabase(testConfig(dataDir));
  await runMigrations(db);
  await seed();
});

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(sql: string): Promise<Record<string, unknown>[]> {
  const result = await db.client.query({ query: sql, format: 'JSONEachRow' });
  return result.json();
}

/** The selections a user makes: every participant ("All"), or one. */
function selections(multi: boolean): { label: string; value: string | string[] }[] {
  return multi
    ? [
        { label: 'All', value: ['$__all'] },
        { label: 'one participant', value: [participantId] },
      ]
    : [{ label: 'one participant', value: participantId }];
}

describe('the provisioned Grafana dashboards', () => {
  it('are the generated ones (npm run grafana:generate was run after the last change)', () => {
    for (const [file, json] of Object.entries(renderDashboards()))
      expect(readFileSync(`${OUTPUT_DIR}${file}`, 'utf8'), file).toBe(json);
  });

  it('every ClickHouse panel and variable query runs on the engine with the macros expanded, and shows the seeded data', async () => {
    const ran: string[] = [];
    for (const dashboard of dashboards()) {
      const variables = dashboard.templating.list ?? [];
      const allOptions: Record<string, string[]> = {};
      for (const variable of variables) {
        const sql = typeof variable.query === 'string' ? variable.query : variable.query.rawSql;
        const rows = await run(sql);
        allOptions[variable.name] = rows.map((row) => String(row.value));
        expect(allOptions[variable.name], `${dashboard.title}: variable ${variable.name}`).toContain(participantId);
      }
      const multi = variables.find((variable) => variable.name === 'participant')?.multi ?? false;
      for (const selection of selections(multi)) {
        const context: GrafanaQueryContext = {
          from: new Date(now - 7 * 86_400_000),
          to: new Date(now + 60_000),
          intervalMs: 60_000,
          variables: { participant: selection.value },
          allOptions,
        };
        for (const panel of panelsOf(dashboard.panels)) {
          for (const target of panel.targets ?? []) {
            if (target.datasource?.type !== 'grafana-clickhouse-datasource') continue;
            const sql = expandGrafanaClickHouseSql(target.rawSql!, context);
            expect(sql, `${panel.title}: every macro expanded`).not.toMatch(/\$__|\$\{|\$participant/);
            const what = `${dashboard.title} / ${panel.title} (${selection.label})`;
            const rows = await run(sql).catch((error: unknown) => {
              throw new Error(`${what} failed on the engine: ${(error as Error).message}\n${sql}`);
            });
            expect(rows.length, `${what} shows the seeded data`).toBeGreaterThan(0);
            ran.push(what);
          }
        }
      }
    }
    // fleet ingest: 5 panels × 2 selections, health: 3, desk: 3 × 2.
    expect(ran.length).toBe(19);
  });

  it('a renamed column fails the panel: the test has teeth', async () => {
    const context: GrafanaQueryContext = {
      from: new Date(now - 86_400_000),
      to: new Date(now),
      intervalMs: 60_000,
      variables: { participant: ['$__all'] },
    };
    const broken = expandGrafanaClickHouseSql(
      "SELECT $__timeInterval(time) AS bucket, count() FROM events FINAL WHERE $__timeFilter(time) AND $__conditionalAll(participant_id IN (${participant}), $participant) AND user_nme != '' GROUP BY bucket",
      context,
    );
    await expect(run(broken)).rejects.toThrow(/user_nme/);
  });

  it('expands macros exactly as the plugin documents them', () => {
    const context: GrafanaQueryContext = {
      from: new Date(1_415_792_726_000),
      to: new Date(1_447_328_726_000),
      intervalMs: 300_000,
      variables: { participant: ['a', 'b'], one: 'x' },
    };
    expect(expandGrafanaClickHouseSql('$__timeFilter(time)', context)).toBe(
      'time >= toDateTime(1415792726) AND time <= toDateTime(1447328726)',
    );
    expect(expandGrafanaClickHouseSql('$__timeFilter_ms(time)', context)).toBe(
      'time >= fromUnixTimestamp64Milli(1415792726000) AND time <= fromUnixTimestamp64Milli(1447328726000)',
    );
    expect(expandGrafanaClickHouseSql('$__timeInterval(time) $__interval_s $__interval', context)).toBe(
      'toStartOfInterval(toDateTime(time), INTERVAL 300 second) 300 5m',
    );
    expect(expandGrafanaClickHouseSql("$__timeGroup(t, '5m')", context)).toBe(
      'toStartOfInterval(toDateTime(t), INTERVAL 300 second)',
    );
    expect(expandGrafanaClickHouseSql("x IN (${participant}) AND y = '${one}'", context)).toBe(
      "x IN ('a','b') AND y = 'x'",
    );
    expect(expandGrafanaClickHouseSql("'$__timeFilter(t)' -- $__fromTime", context)).toBe(
      "'$__timeFilter(t)' -- $__fromTime",
    );
    expect(
      expandGrafanaClickHouseSql('$__conditionalAll(p IN (${participant}), $participant)', {
        ...context,
        variables: { participant: ['$__all'] },
      }),
    ).toBe('1=1');
  });

  it('the SLA panel counts the alerts the desk sends: their text starts with the marker it looks for', () => {
    expect(readFileSync(new URL('../../desk/sla-alerts.ts', import.meta.url), 'utf8')).toContain(
      `\`${SLA_BREACH_MARKER}`,
    );
    expect(renderDashboards()['desk.json']).toContain(`startsWith(text, '${SLA_BREACH_MARKER}')`);
  });

  it('every metric the gateway dashboard plots is one Yorozu exports on /metrics', async () => {
    const exported = await createIngestMetrics().registry.metrics();
    const names = new Set(
      [...exported.matchAll(/^# TYPE (\S+) (\S+)/gm)].flatMap((m) =>
        m[2] === 'histogram' ? [m[1]!, `${m[1]}_bucket`] : [m[1]!],
      ),
    );
    for (const panel of PROMETHEUS_PANELS) {
      for (const metric of panel.expr.match(/yorozu_[a-z0-9_]+/g) ?? [])
        expect(names, `${panel.title}: ${metric}`).toContain(metric);
    }
  });
});
