/**
 * The built-in policy pack: what a Japanese security desk checks on every office PC. Each policy is
 * plain operator SQL over the participant-scoped tables of policy-scope.ts (one row per device of
 * p_devices: device_id, passed, detail in Japanese for the participant and detail_en, the same finding in
 * English), installed as data by policy-evaluation.ts and editable like any other policy. The English never
 * quotes an agent's own `detail` of a health check (agents write it in Japanese, PROTOCOL.md §5.4): it is
 * built from the check's `value` instead. Times in the text are JST, said as such in English.
 *
 * The evaluation time is the bound parameter {now:DateTime64(3, 'UTC')}, never now(), so an evaluation
 * for a chosen time sees the windows of that time. Time-of-day rules are in Asia/Tokyo.
 *
 * This file is longer than our usual ~300 lines on purpose: it is a catalogue, and each policy's SQL is
 * kept whole and literal so that an operator reads here exactly what runs.
 */
export interface BuiltinPolicy {
  slug: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  title: { ja: string; en: string };
  description: { ja: string; en: string };
  remediation: { ja: string; en: string };
  query: string;
}

const osUpdates30d: BuiltinPolicy = {
  slug: 'os-updates-30d',
  severity: 'high',
  title: { ja: 'OS の更新が 30 日以内に適用されている', en: 'OS updates applied within 30 days' },
  description: {
    ja: 'エージェントが送る OS 更新の履歴（p_os_updates）で、セキュリティ更新・品質更新（定義ファイル更新を除く）が最後にインストールされた日時が評価時点から 30 日以内なら合格です。履歴がまだ届いていない端末、インストール済みの更新が 1 件もない端末は不合格です。更新の状態は、同じ更新について最後に報告された状態を使います。',
    en: 'From the OS update history the agent reports (p_os_updates): passes when the latest security or quality update (definition updates do not count) was installed within 30 days of the evaluation time. A device whose history has not arrived, or with no installed update at all, fails. Each update counts in the state it was last reported in.',
  },
  remediation: {
    ja: '「設定」→「Windows Update」を開き、「更新プログラムのチェック」を押して表示された更新をすべてインストールし、再起動してください。更新が失敗する場合は情報システム担当者にご相談ください。',
    en: 'Open Settings → Windows Update, choose "Check for updates", install everything offered and restart. If an update keeps failing, ask your IT contact.',
  },
  query: `SELECT
  d.device_id AS device_id,
  u.found = 1 AND u.installed_updates > 0 AND u.last_installed >= {now:DateTime64(3, 'UTC')} - INTERVAL 30 DAY AS passed,
  multiIf(
    u.found = 0, 'OS 更新の履歴がまだ届いていません',
    u.installed_updates = 0, 'インストール済みの OS 更新が見つかりません',
    u.last_installed >= {now:DateTime64(3, 'UTC')} - INTERVAL 30 DAY,
      concat('最後の OS 更新は ', formatDateTime(u.last_installed, '%Y-%m-%d', 'Asia/Tokyo'), ' です（', u.last_update, '）'),
    concat('最後の OS 更新から ', toString(dateDiff('day', u.last_installed, {now:DateTime64(3, 'UTC')})), ' 日たっています（',
           formatDateTime(u.last_installed, '%Y-%m-%d', 'Asia/Tokyo'), '、', u.last_update, '）')
  ) AS detail,
  multiIf(
    u.found = 0, 'The OS update history has not arrived yet',
    u.installed_updates = 0, 'No installed OS update was found',
    u.last_installed >= {now:DateTime64(3, 'UTC')} - INTERVAL 30 DAY,
      concat('The last OS update was installed on ', formatDateTime(u.last_installed, '%Y-%m-%d', 'Asia/Tokyo'), ' (', u.last_update, ')'),
    concat(toString(dateDiff('day', u.last_installed, {now:DateTime64(3, 'UTC')})), ' days since the last OS update (',
           formatDateTime(u.last_installed, '%Y-%m-%d', 'Asia/Tokyo'), ', ', u.last_update, ')')
  ) AS detail_en
FROM p_devices AS d
LEFT JOIN (
  SELECT
    device_id,
    1 AS found,
    countIf(state = 'installed' AND update_kind IN ('security', 'quality')) AS installed_updates,
    maxIf(installed, state = 'installed' AND update_kind IN ('security', 'quality')) AS last_installed,
    argMaxIf(update_id, installed, state = 'installed' AND update_kind IN ('security', 'quality')) AS last_update
  FROM (
    SELECT
      device_id,
      update_id,
      argMax(kind, collected_at) AS update_kind,
      argMax(status, collected_at) AS state,
      ifNull(argMax(installed_at, collected_at), toDateTime64(0, 3, 'UTC')) AS installed
    FROM p_os_updates
    WHERE collected_at <= {now:DateTime64(3, 'UTC')}
    GROUP BY device_id, update_id
  )
  GROUP BY device_id
) AS u ON u.device_id = d.device_id`,
};

const osSupported: BuiltinPolicy = {
  slug: 'os-supported',
  severity: 'high',
  title: { ja: 'サポート期間中の OS を使っている', en: 'The OS is still supported' },
  description: {
    ja: '最新のハードウェア情報（p_hardware、届いていなければ登録時の情報）の OS 名とバージョンを、クエリ内のサポート終了日の表と照らし合わせます。評価日（日本時間）がサポート終了日以前なら合格です。Windows 10（LTSC 以外）は 2025-10-14 に終了しました。Windows 11 は Home/Pro と Enterprise/Education で期限が違います（例: 23H2 は Pro が 2025-11-11、Enterprise が 2026-11-10、24H2 は Pro が 2026-10-13）。表より新しい Windows 11 のバージョンはサポート中とみなします。表にない OS（Windows Server、macOS など）と OS 情報のない端末は「判定できない」として不合格にします。拡張セキュリティ更新（ESU）の契約はエージェントから分からないため考慮しません。',
    en: 'Compares the OS name and version of the latest hardware snapshot (p_hardware; the enrolment data when no snapshot has arrived) with the end-of-support table in the query. Passes while the evaluation date (JST) is on or before the end date. Windows 10 (other than LTSC) ended on 2025-10-14. Windows 11 dates differ for Home/Pro and Enterprise/Education (e.g. 23H2: Pro 2025-11-11, Enterprise 2026-11-10; 24H2: Pro 2026-10-13). A Windows 11 version newer than the table counts as supported. An OS outside the table (Windows Server, macOS …) and a device without OS data fail as "cannot be decided". Extended Security Updates (ESU) cannot be seen by the agent and are not taken into account.',
  },
  remediation: {
    ja: 'サポートが終わった OS にはセキュリティ更新が届きません。Windows 11 の新しいバージョンへのアップグレード（「設定」→「Windows Update」に表示されます）か、パソコンの入れ替えを情報システム担当者と計画してください。',
    en: 'An OS past its end of support gets no security fixes. Plan the upgrade to a current Windows 11 version (offered in Settings → Windows Update) or a replacement PC with your IT contact.',
  },
  query: `SELECT
  device_id,
  end_of_support IS NOT NULL AND toDate({now:DateTime64(3, 'UTC')}, 'Asia/Tokyo') <= end_of_support AS passed,
  multiIf(
    os = '', 'OS の情報がまだ届いていません',
    end_of_support IS NULL, concat(os, ' はサポート期限の表にないため判定できません'),
    end_of_support = toDate('2099-12-31'), concat(os, ' は表より新しいバージョンのためサポート中とみなします'),
    toDate({now:DateTime64(3, 'UTC')}, 'Asia/Tokyo') <= end_of_support,
      concat(os, ' のサポート期限は ', toString(end_of_support), ' です（あと ', toString(dateDiff('day', toDate({now:DateTime64(3, 'UTC')}, 'Asia/Tokyo'), end_of_support)), ' 日）'),
    concat(os, ' のサポートは ', toString(end_of_support), ' に終了しています')
  ) AS detail,
  multiIf(
    os = '', 'The OS has not been reported yet',
    end_of_support IS NULL, concat(os, ' is not in the end-of-support table, so it cannot be decided'),
    end_of_support = toDate('2099-12-31'), concat(os, ' is newer than the table and counts as supported'),
    toDate({now:DateTime64(3, 'UTC')}, 'Asia/Tokyo') <= end_of_support,
      concat(os, ' is supported until ', toString(end_of_support), ' (', toString(dateDiff('day', toDate({now:DateTime64(3, 'UTC')}, 'Asia/Tokyo'), end_of_support) AS days_left),
             if(days_left = 1, ' day', ' days'), ' left)'),
    concat('Support for ', os, ' ended on ', toString(end_of_support))
  ) AS detail_en
FROM (
  SELECT
    d.device_id AS device_id,
    if(h.found = 1, h.os_name, d.os_name) AS name,
    if(h.found = 1, h.os_version, d.os_version) AS version,
    trim(concat(name, ' ', version)) AS os,
    match(name, 'Enterprise|Education') AS enterprise,
    multiIf(
      match(name, 'Windows 11') AND match(name, 'LTSC') AND match(name, 'IoT'), toNullable(toDate('2034-10-10')),
      match(name, 'Windows 11') AND match(name, 'LTSC'), toDate('2029-10-09'),
      match(name, 'Windows 11') AND version = '21H2', if(enterprise, toDate('2024-10-08'), toDate('2023-10-10')),
      match(name, 'Windows 11') AND version = '22H2', if(enterprise, toDate('2025-10-14'), toDate('2024-10-08')),
      match(name, 'Windows 11') AND version = '23H2', if(enterprise, toDate('2026-11-10'), toDate('2025-11-11')),
      match(name, 'Windows 11') AND version = '24H2', if(enterprise, toDate('2027-10-12'), toDate('2026-10-13')),
      match(name, 'Windows 11') AND version = '25H2', if(enterprise, toDate('2028-10-10'), toDate('2027-10-12')),
      match(name, 'Windows 11') AND match(version, '^[0-9][0-9]H[12]$') AND version > '25H2', toDate('2099-12-31'),
      match(name, 'Windows 10') AND match(name, 'LTSC') AND version = '1809', toDate('2029-01-09'),
      match(name, 'Windows 10') AND match(name, 'LTSC') AND version = '21H2', if(match(name, 'IoT'), toDate('2032-01-13'), toDate('2027-01-12')),
      match(name, 'Windows 10') AND NOT match(name, 'LTS'), toDate('2025-10-14'),
      NULL
    ) AS end_of_support
  FROM p_devices AS d
  LEFT JOIN (SELECT device_id, 1 AS found, os_name, os_version FROM p_hardware) AS h ON h.device_id = d.device_id
)`,
};

const antivirusRunning: BuiltinPolicy = {
  slug: 'antivirus-running',
  severity: 'critical',
  title: { ja: 'ウイルス対策ソフトが動作している', en: 'Antivirus / EDR is running' },
  description: {
    ja: 'エージェントのヘルスチェック antivirus.running の最新結果（評価時点まで）が pass なら合格です。fail・error・unknown は不合格、結果がまだ届いていない端末も不合格です。',
    en: "Passes when the latest result (up to the evaluation time) of the agent's antivirus.running check is pass. fail, error and unknown fail, and so does a device whose result has not arrived.",
  },
  remediation: {
    ja: 'ウイルス対策ソフトの画面を開き、「リアルタイム保護」を「オン」にしてください。オンにできない・勝手にオフに戻る場合は、パソコンをネットワークから外さずにそのまま情報システム担当者へ連絡してください。',
    en: 'Open your antivirus and switch real-time protection on. If it will not switch on or turns itself off again, leave the PC connected and contact your IT contact straight away.',
  },
  query: `SELECT
  d.device_id AS device_id,
  h.found = 1 AND h.status = 'pass' AS passed,
  multiIf(
    h.found = 0, 'ウイルス対策ソフトの状態がまだ報告されていません',
    h.status = 'pass', concat('ウイルス対策ソフトが動作しています（', h.value, '）'),
    h.status IN ('error', 'unknown'), concat('ウイルス対策ソフトの状態を確認できませんでした（', formatDateTime(h.checked_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' 時点）'),
    concat(if(h.detail = '', 'ウイルス対策ソフトのリアルタイム保護が動作していません', h.detail), '（', formatDateTime(h.checked_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' 時点）')
  ) AS detail,
  multiIf(
    h.found = 0, 'The antivirus state has not been reported yet',
    h.status = 'pass', concat('Antivirus is running (', h.value, ')'),
    h.status IN ('error', 'unknown'), concat('The antivirus state could not be checked (as of ', formatDateTime(h.checked_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' JST)'),
    concat('Antivirus real-time protection is not running (', if(h.value = '', '', concat(h.value, ', ')), 'as of ', formatDateTime(h.checked_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' JST)')
  ) AS detail_en
FROM p_devices AS d
LEFT JOIN (SELECT device_id, 1 AS found, status, value, detail, checked_at FROM p_health WHERE check_id = 'antivirus.running') AS h
  ON h.device_id = d.device_id`,
};

const antivirusDefinitions: BuiltinPolicy = {
  slug: 'antivirus-definitions-3d',
  severity: 'high',
  title: { ja: 'ウイルス定義ファイルが 3 日以内に更新されている', en: 'Antivirus definitions at most 3 days old' },
  description: {
    ja: 'ヘルスチェック antivirus.definitions_age_days の最新結果が報告した定義ファイルの古さ（日数）に、その報告から評価時点までに過ぎた日数を足し、3 日以下なら合格です（電源が切れていた端末は定義ファイルも更新されないため）。結果が届いていない端末、日数が読めない結果は不合格です。',
    en: 'Takes the definitions age (days) in the latest antivirus.definitions_age_days result and adds the whole days since that result up to the evaluation time (a PC that is off gets no updates either); passes at 3 days or fewer. A device without a result, or with an age that cannot be read, fails.',
  },
  remediation: {
    ja: 'パソコンをインターネットにつないだ状態で、ウイルス対策ソフトの「今すぐ更新」（Windows セキュリティでは「保護の更新」→「更新プログラムのチェック」）を押してください。数日たっても古いままなら情報システム担当者にご相談ください。',
    en: 'With the PC online, use "Update now" in your antivirus (in Windows Security: Protection updates → Check for updates). If it stays old for days, ask your IT contact.',
  },
  query: `SELECT
  device_id,
  ifNull(age_now <= 3, 0) AS passed,
  multiIf(
    found = 0, 'ウイルス定義ファイルの状態がまだ報告されていません',
    age_now IS NULL, concat('定義ファイルの古さを読み取れませんでした（', value, '）'),
    age_now = 0, '定義ファイルは今日更新されています',
    age_now <= 3, concat('定義ファイルは ', toString(age_now), ' 日前に更新されています'),
    concat('定義ファイルが ', toString(age_now), ' 日前のままです')
  ) AS detail,
  multiIf(
    found = 0, 'The antivirus definitions have not been reported yet',
    age_now IS NULL, concat('The age of the definitions could not be read (', value, ')'),
    age_now = 0, 'The definitions were updated today',
    age_now <= 3, concat('The definitions were updated ', toString(age_now), if(age_now = 1, ' day', ' days'), ' ago'),
    concat('The definitions are ', toString(age_now), ' days old')
  ) AS detail_en
FROM (
  SELECT
    d.device_id AS device_id,
    h.found AS found,
    h.value AS value,
    toInt64OrNull(h.value) + intDiv(greatest(dateDiff('hour', h.checked_at, {now:DateTime64(3, 'UTC')}), 0), 24) AS age_now
  FROM p_devices AS d
  LEFT JOIN (SELECT device_id, 1 AS found, value, checked_at FROM p_health WHERE check_id = 'antivirus.definitions_age_days') AS h
    ON h.device_id = d.device_id
)`,
};

const diskEncryption: BuiltinPolicy = {
  slug: 'disk-encryption',
  severity: 'high',
  title: { ja: 'ディスクが暗号化されている', en: 'Disk encryption is on' },
  description: {
    ja: 'ヘルスチェック disk.encryption の最新結果が pass（BitLocker などでシステムドライブが暗号化済み）なら合格です。fail・error・unknown と、結果が届いていない端末は不合格です。',
    en: 'Passes when the latest disk.encryption result is pass (the system drive is encrypted, e.g. with BitLocker). fail, error, unknown and a missing result fail.',
  },
  remediation: {
    ja: '「設定」→「プライバシーとセキュリティ」→「デバイスの暗号化」（Pro 版では「BitLocker の管理」）で暗号化をオンにしてください。回復キーは必ず情報システム担当者が決めた場所に保管してください。',
    en: 'Turn encryption on in Settings → Privacy & security → Device encryption (on Pro: Manage BitLocker). Keep the recovery key where your IT contact says.',
  },
  query: `SELECT
  d.device_id AS device_id,
  h.found = 1 AND h.status = 'pass' AS passed,
  multiIf(
    h.found = 0, 'ディスク暗号化の状態がまだ報告されていません',
    h.status = 'pass', if(h.detail = '', concat('ディスクは暗号化されています（', h.value, '）'), h.detail),
    h.status IN ('error', 'unknown'), 'ディスク暗号化の状態を確認できませんでした',
    if(h.detail = '', 'ディスクが暗号化されていません', h.detail)
  ) AS detail,
  multiIf(
    h.found = 0, 'The disk encryption state has not been reported yet',
    h.status = 'pass', if(h.value = '', 'The disk is encrypted', concat('The disk is encrypted (', h.value, ')')),
    h.status IN ('error', 'unknown'), 'The disk encryption state could not be checked',
    'The disk is not encrypted'
  ) AS detail_en
FROM p_devices AS d
LEFT JOIN (SELECT device_id, 1 AS found, status, value, detail FROM p_health WHERE check_id = 'disk.encryption') AS h
  ON h.device_id = d.device_id`,
};

const firewallEnabled: BuiltinPolicy = {
  slug: 'firewall-enabled',
  severity: 'high',
  title: { ja: 'ファイアウォールが有効になっている', en: 'Firewall is on' },
  description: {
    ja: 'ヘルスチェック firewall.enabled の最新結果が pass（すべてのプロファイルで有効）なら合格です。fail・error・unknown と、結果が届いていない端末は不合格です。',
    en: 'Passes when the latest firewall.enabled result is pass (on for every profile). fail, error, unknown and a missing result fail.',
  },
  remediation: {
    ja: '「Windows セキュリティ」→「ファイアウォールとネットワーク保護」を開き、「ドメイン」「プライベート」「パブリック」のすべてを「オン」にしてください。',
    en: 'Open Windows Security → Firewall & network protection and switch the domain, private and public networks all on.',
  },
  query: `SELECT
  d.device_id AS device_id,
  h.found = 1 AND h.status = 'pass' AS passed,
  multiIf(
    h.found = 0, 'ファイアウォールの状態がまだ報告されていません',
    h.status = 'pass', 'ファイアウォールは有効です',
    h.status IN ('error', 'unknown'), 'ファイアウォールの状態を確認できませんでした',
    if(h.detail = '', concat('ファイアウォールが無効になっています（', h.value, '）'), h.detail)
  ) AS detail,
  multiIf(
    h.found = 0, 'The firewall state has not been reported yet',
    h.status = 'pass', 'The firewall is on',
    h.status IN ('error', 'unknown'), 'The firewall state could not be checked',
    concat('The firewall is off', if(h.value = '', '', concat(' (', h.value, ')')))
  ) AS detail_en
FROM p_devices AS d
LEFT JOIN (SELECT device_id, 1 AS found, status, value, detail FROM p_health WHERE check_id = 'firewall.enabled') AS h
  ON h.device_id = d.device_id`,
};

const screenLock: BuiltinPolicy = {
  slug: 'screen-lock',
  severity: 'medium',
  title: { ja: '画面ロックが 15 分以内にかかる', en: 'Screen lock within 15 minutes' },
  description: {
    ja: 'ヘルスチェック screen_lock.enabled の最新結果が pass（画面ロックが有効で、15 分以内にかかる。値は画面ロックまでの分数、0 は無効）なら合格です。fail・error・unknown と、結果が届いていない端末は不合格です。',
    en: 'Passes when the latest screen_lock.enabled result is pass (the screen locks, within 15 minutes; the value is the minutes before it locks, 0 for never). fail, error, unknown and a missing result fail.',
  },
  remediation: {
    ja: '「設定」→「アカウント」→「サインイン オプション」で「再表示時のサインイン」を有効にし、「個人用設定」→「ロック画面」→「スクリーン セーバー」で待ち時間を 10 分以下にして「再開時にログオン画面に戻る」にチェックを入れてください。席を離れるときは Windows キー＋L でロックしましょう。',
    en: 'In Settings → Accounts → Sign-in options require sign-in on wake; in Personalisation → Lock screen → Screen saver set 10 minutes or less and tick "On resume, display logon screen". Press Windows+L whenever you leave your desk.',
  },
  query: `SELECT
  d.device_id AS device_id,
  h.found = 1 AND h.status = 'pass' AS passed,
  multiIf(
    h.found = 0, '画面ロックの設定がまだ報告されていません',
    h.status = 'pass', concat('画面ロックは ', h.value, ' 分でかかります'),
    h.status IN ('error', 'unknown'), '画面ロックの設定を確認できませんでした',
    h.value IN ('0', ''), '画面ロックが無効になっています',
    concat('画面ロックまでの時間が長すぎます（', h.value, ' 分）')
  ) AS detail,
  multiIf(
    h.found = 0, 'The screen lock setting has not been reported yet',
    h.status = 'pass', concat('The screen locks after ', h.value, ' minutes'),
    h.status IN ('error', 'unknown'), 'The screen lock setting could not be checked',
    h.value IN ('0', ''), 'The screen lock is off',
    concat('The screen takes too long to lock (', h.value, ' minutes)')
  ) AS detail_en
FROM p_devices AS d
LEFT JOIN (SELECT device_id, 1 AS found, status, value FROM p_health WHERE check_id = 'screen_lock.enabled') AS h
  ON h.device_id = d.device_id`,
};

const osUpdatesPending: BuiltinPolicy = {
  slug: 'os-updates-pending-7d',
  severity: 'medium',
  title: { ja: '公開から 7 日を超えて未適用の OS 更新がない', en: 'No OS update pending for more than 7 days' },
  description: {
    ja: 'ヘルスチェック os.updates_pending の最新結果で判定します。エージェントは、公開済みで未適用の更新のうち最も古いものが 7 日を超えると fail を報告します。「30 日以内に更新を適用している」（os-updates-30d）は過去のインストール履歴を見るのに対し、こちらは今この端末で止まっている更新を見ます。fail・error・unknown と、結果が届いていない端末は不合格です。',
    en: 'Uses the latest os.updates_pending result: the agent reports fail when the oldest released update not yet installed has waited more than 7 days. Where os-updates-30d looks at the installation history, this one looks at updates held up on the PC now. fail, error, unknown and a missing result fail.',
  },
  remediation: {
    ja: '「設定」→「Windows Update」で保留中の更新をインストールし、「今すぐ再起動」を押してください（作業中のファイルは先に保存してください）。',
    en: 'Install the pending updates in Settings → Windows Update and choose "Restart now" (save your work first).',
  },
  query: `SELECT
  d.device_id AS device_id,
  h.found = 1 AND h.status = 'pass' AS passed,
  multiIf(
    h.found = 0, 'OS 更新の保留状況がまだ報告されていません',
    h.status = 'pass' AND h.detail = '', '保留中の OS 更新はありません',
    h.status = 'pass', concat('保留中の更新は 7 日以内です（', h.detail, '）'),
    h.status IN ('error', 'unknown'), 'OS 更新の保留状況を確認できませんでした',
    concat('7 日を超えて適用されていない更新があります（', if(h.detail = '', concat(h.value, ' 件'), h.detail), '）')
  ) AS detail,
  multiIf(
    h.found = 0, 'Pending OS updates have not been reported yet',
    h.status = 'pass' AND h.detail = '', 'No OS update is pending',
    h.status = 'pass', concat('Updates are pending, none for more than 7 days', if(h.value = '', '', concat(' (', h.value, ' pending)'))),
    h.status IN ('error', 'unknown'), 'Pending OS updates could not be checked',
    concat('An update has waited more than 7 days to be installed', if(h.value = '', '', concat(' (', h.value, ' pending)')))
  ) AS detail_en
FROM p_devices AS d
LEFT JOIN (SELECT device_id, 1 AS found, status, value, detail FROM p_health WHERE check_id = 'os.updates_pending') AS h
  ON h.device_id = d.device_id`,
};

const adminActions: BuiltinPolicy = {
  slug: 'admin-actions-outside-it-7d',
  severity: 'high',
  title: {
    ja: '情報システム担当以外による管理者操作がない（7 日）',
    en: 'No administrator actions outside IT (7 days)',
  },
  description: {
    ja: 'エージェントのログには「誰がローカル管理者か」も特権の使用（イベント 4672 など）も含まれていないため、管理者権限が必要でログに残る操作で判定します: ソフトウェアのインストール・アンインストール、ウイルス対策のリアルタイム保護の停止（イベント 5001 またはその旨のメッセージ）。直近 7 日間にこれらを情報システム担当のアカウント以外が行っていれば不合格です。担当アカウントはクエリ内の一覧（system・administrator・it-admin と、adm- で始まる／-adm・.adm で終わる名前。空のユーザーはシステムによる配布）で、貴社の担当者アカウントに合わせて書き換えてください。ブラウザーの自動更新は数えません。ログのない端末は合格です（データが届いているかは agent-reporting-24h で見ます）。',
    en: "The agent's logs say neither who is a local administrator nor when privileges are used (no event 4672), so this decides on logged actions that need administrator rights: installing or uninstalling software, and switching off antivirus real-time protection (event 5001 or a message saying so). Fails when any of these was done in the last 7 days by an account other than IT's. IT's accounts are the list in the query (system, administrator, it-admin, and names starting adm- or ending -adm/.adm; an empty user is a deployment by the system); replace it with your IT staff's accounts. Browser auto-updates do not count. A device without logs passes (whether data arrives is agent-reporting-24h's job).",
  },
  remediation: {
    ja: 'ソフトウェアのインストールやセキュリティ設定の変更は、情報システム担当者に依頼してください。心当たりのない操作であれば、パソコンをそのままにして至急ご連絡ください。',
    en: 'Ask your IT contact to install software or change security settings. If you do not recognise the action, leave the PC as it is and contact us at once.',
  },
  query: `SELECT
  d.device_id AS device_id,
  a.actions = 0 AS passed,
  if(a.actions = 0, '直近 7 日間に担当者以外による管理者操作はありません',
     concat('管理者権限が必要な操作が ', toString(a.actions), ' 件あります（', formatDateTime(a.first_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' に ', a.first_action, '）')) AS detail,
  if(a.actions = 0, 'No administrator action by anyone outside IT in the last 7 days',
     concat(toString(a.actions), if(a.actions = 1, ' action', ' actions'), ' needing administrator rights (',
            formatDateTime(a.first_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' JST: ', a.first_action_en, ')')) AS detail_en
FROM p_devices AS d
LEFT JOIN (
  SELECT
    device_id,
    count() AS actions,
    min(time) AS first_at,
    argMin(concat(if(user_name = '', '（不明なユーザー）', user_name), ' が ', process_name,
                  multiIf(action = 'install', ' をインストール', action = 'uninstall', ' をアンインストール', ' の保護を停止')), time) AS first_action,
    argMin(concat(if(user_name = '', '(unknown user)', user_name),
                  multiIf(action = 'install', ' installed ', action = 'uninstall', ' uninstalled ', ' switched off the protection of '), process_name), time) AS first_action_en
  FROM p_events
  WHERE category = 'software_operation'
    AND time >= {now:DateTime64(3, 'UTC')} - INTERVAL 7 DAY
    AND (action IN ('install', 'uninstall')
         OR (action = 'stop' AND (attributes['windowsEventId'] = '5001' OR position(message, 'リアルタイム保護が無効') > 0)))
    AND user_name != ''
    AND substring(lower(user_name), position(user_name, char(92)) + 1) NOT IN ('system', 'administrator', 'it-admin')
    AND NOT match(substring(lower(user_name), position(user_name, char(92)) + 1), '^adm-|-adm$|[.]adm$')
  GROUP BY device_id
) AS a ON a.device_id = d.device_id`,
};

const usbUnapproved: BuiltinPolicy = {
  slug: 'usb-storage-unapproved-7d',
  severity: 'high',
  title: { ja: '未登録の USB メモリが使われていない（7 日）', en: 'No unregistered USB storage (7 days)' },
  description: {
    ja: '直近 7 日間に接続された USB ストレージ（external_device の usb_storage・connect）ごとに、デバイス制御が「登録済み」の規則（規則名が「登録済み」で始まる）で許可したかを見ます。リスト画面の「承認済み USB シリアル」（approved_usb_serials）にあるシリアルも登録済みとみなします。登録済みでない USB ストレージが接続され、デバイス制御にブロックされなかった（許可・監査のみ・判定なし）場合は不合格です。ブロックされた接続は持ち出しにならないため数えません。スマートフォンやヘッドセットは対象外です。ログのない端末は合格です。',
    en: 'For each USB storage device connected in the last 7 days (external_device, usb_storage, connect), checks whether device control allowed it under a registered-device rule (rule name starting 登録済み). A serial on the desk’s approved USB serials list (approved_usb_serials) counts as registered too. Fails when an unregistered USB storage device connected and device control did not block it (allowed, audit only, or no decision). Blocked connections do not count, as nothing could be copied. Phones and headsets are out of scope. A device without logs passes.',
  },
  remediation: {
    ja: '会社が登録した USB メモリ以外は使わないでください。業務で必要な場合は、情報システム担当者に登録を申請してください。心当たりのない接続であれば至急ご連絡ください。',
    en: 'Use only company-registered USB drives. If you need one for work, ask your IT contact to register it. If you do not recognise the connection, contact us at once.',
  },
  query: `SELECT
  d.device_id AS device_id,
  u.drives = 0 AS passed,
  if(u.drives = 0, '直近 7 日間に未登録の USB ストレージは接続されていません',
     concat('未登録の USB ストレージ「', u.first_name, '」（シリアル ', u.first_serial, '）が ', formatDateTime(u.first_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'),
            ' に接続されました', if(u.drives > 1, concat('（ほか ', toString(u.drives - 1), ' 台）'), ''))) AS detail,
  if(u.drives = 0, 'No unregistered USB storage was connected in the last 7 days',
     concat('Unregistered USB storage "', u.first_name, '" (serial ', u.first_serial, ') was connected at ',
            formatDateTime(u.first_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' JST', if(u.drives > 1, concat(' (and ', toString(u.drives - 1), ' more)'), ''))) AS detail_en
FROM p_devices AS d
LEFT JOIN (
  SELECT
    c.device_id AS device_id,
    count() AS drives,
    argMin(c.name, c.connected_at) AS first_name,
    argMin(c.serial, c.connected_at) AS first_serial,
    min(c.connected_at) AS first_at
  FROM (
    SELECT device_id, serial, any(device_name) AS name, min(time) AS connected_at
    FROM p_events
    WHERE category = 'external_device' AND action = 'connect' AND device_class = 'usb_storage'
      AND time >= {now:DateTime64(3, 'UTC')} - INTERVAL 7 DAY
    GROUP BY device_id, serial
  ) AS c
  LEFT JOIN (
    SELECT
      device_id,
      serial,
      1 AS decided,
      countIf(action != 'blocked' AND startsWith(rule_name, '登録済み')) AS registered,
      countIf(action != 'blocked') AS let_through
    FROM p_events
    WHERE category = 'device_control' AND device_class = 'usb_storage'
    GROUP BY device_id, serial
  ) AS k ON k.device_id = c.device_id AND k.serial = c.serial
  WHERE k.registered = 0 AND (k.decided = 0 OR k.let_through > 0)
    AND c.serial NOT IN (SELECT value FROM p_lists WHERE list_name = 'approved_usb_serials')
  GROUP BY c.device_id
) AS u ON u.device_id = d.device_id`,
};

const knownBadDomains: BuiltinPolicy = {
  slug: 'known-bad-domains-7d',
  severity: 'critical',
  title: { ja: '既知の不審ドメインへのアクセスがない（7 日）', en: 'No access to known-bad domains (7 days)' },
  description: {
    ja: '直近 7 日間の Web アクセスに、既知のフィッシング・マルウェア配布ドメイン（またはそのサブドメイン）へのアクセスがあれば不合格です。ドメインはクエリ内の一覧と、リスト画面の「既知の不審ドメイン」（ioc_domains、全参加者向けと貴社向け）です。運用者はリスト画面で追記します。ログのない端末は合格です。',
    en: 'Fails when the web access of the last 7 days includes a known phishing or malware domain from the list in the query or the desk’s list of known-bad domains (ioc_domains, for everyone and for this participant), or a subdomain of one. Operators extend the list on the lists screen. A device without logs passes.',
  },
  remediation: {
    ja: 'そのサイトで ID やパスワードを入力した場合は、すぐにパスワードを変更してください。ダウンロードしたファイルは開かずに削除し、開いてしまった場合は LAN ケーブルを抜く・Wi-Fi を切るなどしてネットワークから切り離し、情報システム担当者へ連絡してください。',
    en: 'If you typed an ID or password there, change the password now. Delete any downloaded file without opening it; if you opened it, disconnect the PC from the network (unplug the cable, turn Wi-Fi off) and contact your IT contact.',
  },
  query: `SELECT
  d.device_id AS device_id,
  w.visits = 0 AS passed,
  if(w.visits = 0, '直近 7 日間に既知の不審ドメインへのアクセスはありません',
     concat('既知の不審ドメイン ', w.first_domain, ' へのアクセスがあります（', formatDateTime(w.first_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), '、計 ', toString(w.visits), ' 件',
            if(w.domains > 1, concat('、ほか ', toString(w.domains - 1), ' ドメイン'), ''), '）')) AS detail,
  if(w.visits = 0, 'No access to a known-bad domain in the last 7 days',
     concat('Access to the known-bad domain ', w.first_domain, ' (', formatDateTime(w.first_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' JST, ',
            toString(w.visits), if(w.visits = 1, ' visit', ' visits'), ' in all',
            if(w.domains > 1, concat(', and ', toString(w.domains - 1), if(w.domains = 2, ' more domain', ' more domains')), ''), ')')) AS detail_en
FROM p_devices AS d
LEFT JOIN (
  SELECT device_id, count() AS visits, uniqExact(domain) AS domains, argMin(domain, time) AS first_domain, min(time) AS first_at
  FROM p_events
  WHERE category = 'web_access'
    AND time >= {now:DateTime64(3, 'UTC')} - INTERVAL 7 DAY
    AND arrayExists(bad -> domain = bad OR endsWith(domain, concat('.', bad)), arrayConcat([
      'login-microsoftonline.secure-verify.example',
      'takuhai-fuzai-notice.invalid',
      'invoice-share-docs.example',
      'update-flashplayer-jp.invalid'
    ], (SELECT groupArray(lower(value)) FROM p_lists WHERE list_name = 'ioc_domains')))
  GROUP BY device_id
) AS w ON w.device_id = d.device_id`,
};

const nightLogons: BuiltinPolicy = {
  slug: 'night-logons-7d',
  severity: 'medium',
  title: { ja: '深夜（22 時〜翌 5 時）のログオンがない（7 日）', en: 'No logons at night, 22:00–05:00 JST (7 days)' },
  description: {
    ja: '直近 7 日間に、日本時間 22 時から翌 5 時までの間のログオンまたはロック解除があれば不合格です。サービスやネットワーク経由のログオン（ファイル共有・管理ツール）は数えません。夕方から続けて残業している場合は、その時間帯に新たなログオンやロック解除がなければ数えません。ログのない端末は合格です。',
    en: 'Fails when the last 7 days hold a logon or unlock between 22:00 and 05:00 JST. Service and network logons (file shares, management tools) do not count. Someone working on late from the evening counts only if they log on or unlock in those hours. A device without logs passes.',
  },
  remediation: {
    ja: '深夜の作業は事前に上長と情報システム担当者へ申請してください。心当たりのないログオンであれば、パスワードを変更したうえで至急ご連絡ください。',
    en: 'Have night work approved in advance by your manager and IT contact. If you do not recognise the logon, change your password and contact us at once.',
  },
  query: `SELECT
  d.device_id AS device_id,
  n.logons = 0 AS passed,
  if(n.logons = 0, '直近 7 日間に深夜のログオンはありません',
     concat('深夜のログオンが ', toString(n.logons), ' 回あります（最初: ', formatDateTime(n.first_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), '、', n.first_user, '）')) AS detail,
  if(n.logons = 0, 'No logon at night in the last 7 days',
     concat(toString(n.logons), if(n.logons = 1, ' logon', ' logons'), ' at night (first: ', formatDateTime(n.first_at, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' JST, ', n.first_user, ')')) AS detail_en
FROM p_devices AS d
LEFT JOIN (
  SELECT device_id, count() AS logons, min(time) AS first_at, argMin(user_name, time) AS first_user
  FROM p_events
  WHERE category = 'logon'
    AND action IN ('logon', 'unlock')
    AND logon_type NOT IN ('service', 'network')
    AND time >= {now:DateTime64(3, 'UTC')} - INTERVAL 7 DAY
    AND (toHour(time, 'Asia/Tokyo') >= 22 OR toHour(time, 'Asia/Tokyo') < 5)
  GROUP BY device_id
) AS n ON n.device_id = d.device_id`,
};

const unsupportedSoftware: BuiltinPolicy = {
  slug: 'unsupported-software',
  severity: 'medium',
  title: { ja: 'サポート切れ・大きく古いソフトウェアがない', en: 'No unsupported or far-behind software' },
  description: {
    ja: '最新のソフトウェア一覧（p_software）で判定します。(1) Microsoft Edge と Google Chrome: 一覧のバージョンと、その後のログにある自動更新のバージョンの新しい方を使い、貴社の端末の中で最も新しいメジャーバージョンより 2 つ以上古ければ不合格です（エージェントはメーカーの最新版を知らないため、社内の最新を基準にしています）。(2) サポートが終了した製品: Microsoft Office 2007〜2019、Adobe Flash Player、QuickTime、Adobe Reader 9/X/XI、Adobe Acrobat（Reader）2015/2017/2020 がクエリ内の一覧に当たれば不合格です（リスト画面の「承認済みソフトウェア」（approved_software）に名前がある製品は、運用者が承認した例外として数えません）。ソフトウェア一覧が届いていない端末は不合格です。',
    en: "Decided on the latest installed-software list (p_software). (1) Microsoft Edge and Google Chrome: the newer of the listed version and any auto-update version in the logs since; fails when it is 2 or more major versions behind the newest major seen in your own fleet (the agent cannot know the vendor's current release, so the fleet's newest is the yardstick). (2) Products past their end of support: Microsoft Office 2007–2019, Adobe Flash Player, QuickTime, Adobe Reader 9/X/XI and Adobe Acrobat (Reader) 2015/2017/2020, as listed in the query (a product whose name is on the desk’s approved software list, approved_software, is an accepted exception and does not count). A device whose software list has not arrived fails.",
  },
  remediation: {
    ja: 'ブラウザーは右上のメニュー →「ヘルプ」→「バージョン情報」を開くと更新され、再起動で完了します。サポートが終わったソフトウェアは「設定」→「アプリ」からアンインストールし、必要なら後継製品の導入を情報システム担当者にご相談ください。',
    en: 'Open the browser menu → Help → About to update it, then restart the browser. Uninstall software past its end of support in Settings → Apps, and ask your IT contact about a successor if you need one.',
  },
  query: `SELECT
  d.device_id AS device_id,
  s.found = 1 AND length(p.problems) = 0 AS passed,
  multiIf(
    s.found = 0, 'ソフトウェアの一覧がまだ届いていません',
    length(p.problems) = 0, 'サポート切れや大きく古いソフトウェアは見つかりませんでした',
    concat('更新または削除が必要なソフトウェアがあります: ', arrayStringConcat(arraySlice(arraySort(p.problems), 1, 3), '、'),
           if(length(p.problems) > 3, concat(' ほか ', toString(length(p.problems) - 3), ' 件'), ''))
  ) AS detail,
  multiIf(
    s.found = 0, 'The installed-software list has not arrived yet',
    length(p.problems) = 0, 'No unsupported or far-behind software was found',
    concat('Software to update or remove: ', arrayStringConcat(arraySlice(arraySort(p.problems_en), 1, 3), ', '),
           if(length(p.problems_en) > 3, concat(' and ', toString(length(p.problems_en) - 3), ' more'), ''))
  ) AS detail_en
FROM p_devices AS d
LEFT JOIN (SELECT device_id, 1 AS found FROM p_software GROUP BY device_id) AS s ON s.device_id = d.device_id
LEFT JOIN (
  SELECT device_id, groupUniqArray(problem) AS problems, groupUniqArray(problem_en) AS problems_en
  FROM (
    SELECT device_id, concat(browser, ' ', toString(major), '（社内の最新は ', toString(newest), '）') AS problem,
      concat(browser, ' ', toString(major), ' (newest in your PCs: ', toString(newest), ')') AS problem_en
    FROM (
      SELECT device_id, browser, major, max(major) OVER (PARTITION BY browser) AS newest
      FROM (
        SELECT device_id, browser, max(major) AS major
        FROM (
          SELECT device_id, name AS browser, toUInt32OrZero(splitByChar('.', version)[1]) AS major
          FROM p_software
          WHERE name IN ('Microsoft Edge', 'Google Chrome')
          UNION ALL
          SELECT device_id, if(process_name = 'msedge.exe', 'Microsoft Edge', 'Google Chrome') AS browser, toUInt32OrZero(splitByChar('.', version)[1]) AS major
          FROM p_events
          WHERE category = 'software_operation' AND action = 'update' AND process_name IN ('msedge.exe', 'chrome.exe')
        )
        GROUP BY device_id, browser
      )
    )
    WHERE major > 0 AND major + 2 <= newest
    UNION ALL
    SELECT device_id, concat(name, ' ', version, '（サポート終了）') AS problem, concat(name, ' ', version, ' (end of support)') AS problem_en
    FROM p_software
    WHERE (match(name, '^Microsoft Office .*(2007|2010|2013|2016|2019)')
       OR match(name, '^Adobe Flash Player')
       OR match(name, '^QuickTime')
       OR match(name, '^Adobe Reader (9|X|XI)( |$)')
       OR match(name, '^Adobe Acrobat( Reader)?( DC)? (2015|2017|2020)( |$)'))
      AND name NOT IN (SELECT value FROM p_lists WHERE list_name = 'approved_software')
  )
  GROUP BY device_id
) AS p ON p.device_id = d.device_id`,
};

const agentReporting: BuiltinPolicy = {
  slug: 'agent-reporting-24h',
  severity: 'high',
  title: { ja: 'エージェントが 24 時間以内にデータを送っている', en: 'The agent reported within 24 hours' },
  description: {
    ja: '端末ごとの時間別集計（p_activity）で、評価時点までの時間帯のログを最後に受信した時刻が評価時点から 24 時間以内なら合格です。一度もログが届いていない端末は不合格です。電源が切れていた週末や休暇の翌日も不合格になりますが、他の判定の根拠が古くなっていることを示すためです。',
    en: 'From the per-device hourly activity (p_activity): passes when logs of hours up to the evaluation time were last received within 24 hours of it. A device from which no log ever arrived fails. A PC that was off over a weekend or a holiday fails too: it shows that the other checks rest on old data.',
  },
  remediation: {
    ja: 'パソコンの電源を入れ、社内ネットワークかインターネットにつないでください。それでも届かない場合は、「サービス」で Yorozu エージェントが「実行中」か確認し、情報システム担当者へご連絡ください。',
    en: 'Switch the PC on and connect it to the office network or the internet. If data still does not arrive, check in Services that the Yorozu agent is running, and contact your IT contact.',
  },
  query: `SELECT
  d.device_id AS device_id,
  a.seen = 1 AND a.last_received >= {now:DateTime64(3, 'UTC')} - INTERVAL 24 HOUR AS passed,
  multiIf(
    a.seen = 0, 'エージェントからのデータがまだ一度も届いていません',
    a.last_received >= {now:DateTime64(3, 'UTC')} - INTERVAL 24 HOUR,
      concat('24 時間以内にデータを受信しています（最終受信 ', formatDateTime(a.last_received, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), '）'),
    concat('最後にデータを受信してから ', toString(intDiv(dateDiff('hour', a.last_received, {now:DateTime64(3, 'UTC')}), 24)), ' 日以上たっています（最終受信 ',
           formatDateTime(a.last_received, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), '）')
  ) AS detail,
  multiIf(
    a.seen = 0, 'No data has arrived from the agent yet',
    a.last_received >= {now:DateTime64(3, 'UTC')} - INTERVAL 24 HOUR,
      concat('Data received within 24 hours (last at ', formatDateTime(a.last_received, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' JST)'),
    concat('No data for ', toString(intDiv(dateDiff('hour', a.last_received, {now:DateTime64(3, 'UTC')}), 24) AS silent_days),
           if(silent_days = 1, ' day', ' days'), ' or more (last received ',
           formatDateTime(a.last_received, '%Y-%m-%d %H:%i', 'Asia/Tokyo'), ' JST)')
  ) AS detail_en
FROM p_devices AS d
LEFT JOIN (
  SELECT device_id, 1 AS seen, max(last_received) AS last_received
  FROM p_activity
  WHERE hour <= {now:DateTime64(3, 'UTC')}
  GROUP BY device_id
) AS a ON a.device_id = d.device_id`,
};

const nightPrinting: BuiltinPolicy = {
  slug: 'night-printing-7d',
  severity: 'medium',
  title: { ja: '夜間の大量印刷がない（7 日）', en: 'No bulk printing at night (7 days)' },
  description: {
    ja: '直近 7 日間のどの夜（日本時間 21 時〜翌 5 時）にも、印刷したページ数（部数を掛けたもの）の合計が 100 ページ未満なら合格です。100 ページ以上の夜があれば不合格です。ログのない端末は合格です。',
    en: 'Passes when no night (21:00–05:00 JST) of the last 7 days has 100 or more pages printed (pages × copies). A device without logs passes.',
  },
  remediation: {
    ja: '夜間にまとまった印刷が必要な場合は、事前に上長へ申請してください。顧客情報や契約書などの印刷物は、施錠できる場所に保管するか、不要になればシュレッダーで処分してください。心当たりのない印刷であれば至急ご連絡ください。',
    en: 'Have bulk printing at night approved by your manager beforehand. Keep printed customer data and contracts locked away, or shred them when no longer needed. If you do not recognise the printing, contact us at once.',
  },
  query: `SELECT
  d.device_id AS device_id,
  p.worst_pages < 100 AS passed,
  if(p.worst_pages < 100, '直近 7 日間に夜間の大量印刷はありません',
     concat(toString(p.worst_night), ' の夜間に ', toString(p.worst_jobs), ' 件・', toString(p.worst_pages), ' ページの印刷がありました')) AS detail,
  if(p.worst_pages < 100, 'No bulk printing at night in the last 7 days',
     concat(toString(p.worst_pages), ' pages in ', toString(p.worst_jobs), if(p.worst_jobs = 1, ' job', ' jobs'), ' printed on the night of ', toString(p.worst_night))) AS detail_en
FROM p_devices AS d
LEFT JOIN (
  SELECT device_id, max(night_pages) AS worst_pages, argMax(night, night_pages) AS worst_night, argMax(night_jobs, night_pages) AS worst_jobs
  FROM (
    SELECT device_id, toDate(time - INTERVAL 5 HOUR, 'Asia/Tokyo') AS night, sum(pages * copies) AS night_pages, count() AS night_jobs
    FROM p_events
    WHERE category = 'printer_output'
      AND time >= {now:DateTime64(3, 'UTC')} - INTERVAL 7 DAY
      AND (toHour(time, 'Asia/Tokyo') >= 21 OR toHour(time, 'Asia/Tokyo') < 5)
    GROUP BY device_id, night
  )
  GROUP BY device_id
) AS p ON p.device_id = d.device_id`,
};

export const BUILTIN_POLICIES: readonly BuiltinPolicy[] = [
  osUpdates30d,
  osSupported,
  antivirusRunning,
  antivirusDefinitions,
  diskEncryption,
  firewallEnabled,
  screenLock,
  osUpdatesPending,
  adminActions,
  usbUnapproved,
  knownBadDomains,
  nightLogons,
  unsupportedSoftware,
  agentReporting,
  nightPrinting,
];
