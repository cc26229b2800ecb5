/**
 * The tables a health policy may read, each already limited to one participant (and to recent data).
 * A policy's query is run inside `WITH <these> SELECT … FROM (<policy>)`, and validation allows no
 * other table, table function or table-reading function, so a policy evaluated for one participant
 * cannot read another participant's rows. `{participant:UUID}` and `{now:DateTime64(3, 'UTC')}` are
 * bound at evaluation; nothing of the policy's text is a parameter.
 */
export const POLICY_TABLES = {
  p_devices: {
    description: {
      ja: '参加者の有効な端末（端末ID・ホスト名・OS・エージェント・登録日時）',
      en: "The participant's active devices (id, host name, OS, agent, enrolled at)",
    },
    sql: `SELECT device_id, hostname, os_name, os_version, agent_version, enrolled_at FROM devices_current WHERE participant_id = {participant:UUID} AND status = 'active'`,
  },
  p_events: {
    description: {
      ja: '直近30日のログ（全カテゴリ、重複なし）',
      en: 'Log events of the last 30 days (every category, without duplicates)',
    },
    sql: `SELECT * FROM events FINAL WHERE participant_id = {participant:UUID} AND time >= {now:DateTime64(3, 'UTC')} - INTERVAL 30 DAY AND time <= {now:DateTime64(3, 'UTC')}`,
  },
  p_activity: {
    description: {
      ja: '端末ごと・時間ごとのイベント数と最終受信時刻（評価時刻まで）',
      en: 'Events per device and hour, and the last time each device was heard from (up to the evaluation time)',
    },
    sql: `SELECT device_id, hour, events, last_received, last_event_time FROM device_hourly WHERE participant_id = {participant:UUID} AND hour <= {now:DateTime64(3, 'UTC')}`,
  },
  p_hardware: {
    description: { ja: '端末ごとの最新のハードウェア・OS 情報', en: "Each device's latest hardware and OS snapshot" },
    sql: `SELECT * EXCEPT (participant_id) FROM inventory_hardware FINAL WHERE participant_id = {participant:UUID} AND (device_id, collected_at) IN (SELECT device_id, max(collected_at) FROM inventory_hardware WHERE participant_id = {participant:UUID} AND collected_at <= {now:DateTime64(3, 'UTC')} GROUP BY device_id)`,
  },
  p_software: {
    description: {
      ja: '端末ごとの最新のインストール済みソフトウェア',
      en: "Each device's installed software, from its latest snapshot",
    },
    sql: `SELECT * EXCEPT (participant_id) FROM inventory_software FINAL WHERE participant_id = {participant:UUID} AND (device_id, collected_at) IN (SELECT device_id, max(collected_at) FROM inventory_software WHERE participant_id = {participant:UUID} AND collected_at <= {now:DateTime64(3, 'UTC')} GROUP BY device_id)`,
  },
  p_os_updates: {
    description: {
      ja: 'OS 更新の履歴（更新と状態ごとに 1 行。最新の状態は collected_at が最も新しい行）',
      en: 'OS update history (a row per update and status; the latest status is the row with the newest collected_at)',
    },
    sql: `SELECT * EXCEPT (participant_id) FROM inventory_os_updates FINAL WHERE participant_id = {participant:UUID} AND collected_at <= {now:DateTime64(3, 'UTC')}`,
  },
  p_health: {
    description: {
      ja: 'エージェントのヘルスチェック結果（端末・チェックごとの最新）',
      en: "The agents' health-check results (the latest per device and check)",
    },
    sql: `SELECT h.device_id AS device_id, h.check_id AS check_id, argMax(h.status, h.time) AS status, argMax(h.value, h.time) AS value, argMax(h.detail, h.time) AS detail, max(h.time) AS checked_at FROM (SELECT * FROM health_results FINAL WHERE participant_id = {participant:UUID} AND time <= {now:DateTime64(3, 'UTC')}) AS h GROUP BY h.device_id, h.check_id`,
  },
  p_windows_kept: {
    description: {
      ja: '直近30日の Windows イベントのうち 8 カテゴリー外で丸ごと保存したもの（イベントID・チャネル・event_data）',
      en: 'Windows events of the last 30 days kept whole outside the eight categories (event id, channel, event_data)',
    },
    sql: `SELECT * EXCEPT (participant_id) FROM windows_events_kept FINAL WHERE participant_id = {participant:UUID} AND time >= {now:DateTime64(3, 'UTC')} - INTERVAL 30 DAY AND time <= {now:DateTime64(3, 'UTC')}`,
  },
  p_lists: {
    description: {
      ja: 'リスト（既知の不審ドメイン・承認済み USB シリアル・承認済みソフトウェアなど、運営者が編集）',
      en: 'Lists the operators edit (known-bad domains, approved USB serials, approved software, …)',
    },
    sql: `SELECT list_name, value, note FROM list_entries FINAL WHERE removed = 0 AND participant_id IN ({participant:UUID}, toUUID('00000000-0000-0000-0000-000000000000'))`,
  },
} as const;

export type PolicyTable = keyof typeof POLICY_TABLES;
export const POLICY_TABLE_NAMES = Object.keys(POLICY_TABLES) as PolicyTable[];

/**
 * `WITH <scope>p_devices AS (…), …, p_devices AS (SELECT * FROM <scope>p_devices), …` for a policy run, over
 * the live definitions or a run's snapshot of them.
 * `scopePrefix` is fresh for each run and never shown to a policy's author: the engine's resolved tree
 * then tells the prelude's reads (inside a `<scope>…` CTE) from anything a policy could name itself
 * (policy-resolution.ts).
 */
export function policyScopePrelude(
  scopePrefix: string,
  /** A run's snapshot tables in place of the live definitions (participant-snapshot.ts). */
  sources: Partial<Record<PolicyTable, string>> = {},
): string {
  if (!/^[a-z][a-z0-9_]*_$/.test(scopePrefix)) throw new Error(`Invalid policy scope prefix ${scopePrefix}`);
  const scoped = POLICY_TABLE_NAMES.map(
    // sql-paste-ok: fixed table definitions of this module (or a run's snapshot table) and a generated [a-z0-9_] prefix; values are the {participant} and {now} parameters
    (name) => `${scopePrefix}${name} AS (${sources[name] ?? POLICY_TABLES[name].sql})`,
  );
  // sql-paste-ok: as above
  const named = POLICY_TABLE_NAMES.map((name) => `${name} AS (SELECT * FROM ${scopePrefix}${name})`);
  return `WITH ${[...scoped, ...named].join(',\n')}`;
}
