import { defineMessages } from '../../i18n/i18n.js';

/**
 * What an operator looked at, in plain words: the access log records the route's audit label (English, for the
 * server's log); the participant reads these instead. Routes without a label are named by their address.
 */
const t = defineMessages(
  {
    registered: '登録事項',
    history: '登録事項の変更履歴',
    devices: '端末の一覧と状態',
    device: '端末の詳細',
    inventory: 'インベントリ（ソフトウェア・ハードウェア）',
    timeline: '端末の操作の時系列',
    logs: '操作ログの検索',
    export: '操作ログの書き出し',
    health: '健康診断の結果',
    report: '健康診断レポート',
    tickets: 'お問い合わせ',
    evidence: 'お問い合わせの証拠',
    users: 'ポータルのユーザー',
    notices: 'お知らせ',
    documents: '提出書類',
    deletion: 'データの削除',
    fleet: '全参加者の一覧（この参加者を含む）',
    accessLog: 'この閲覧記録',
    decisions: '申込み・利用の手続き',
    withdrawalPreview: '退会した場合の影響（端末・アカウント・削除日）',
    other: 'サービスのデータ',
  },
  {
    registered: 'Registered details',
    history: 'History of the registered details',
    devices: 'Devices and their state',
    device: "A device's details",
    inventory: 'Inventory (software, hardware)',
    timeline: "A device's timeline of operations",
    logs: 'Search of the operation logs',
    export: 'Export of the operation logs',
    health: 'Health check results',
    report: 'Health report',
    tickets: 'Tickets',
    evidence: "A ticket's evidence",
    users: 'Portal users',
    notices: 'Notices',
    documents: 'Documents',
    deletion: 'Data deletion',
    fleet: 'The list of all participants (including this one)',
    accessLog: 'This access log',
    decisions: 'Application and service procedures',
    withdrawalPreview: 'What withdrawing would do (devices, accounts, deletion date)',
    other: 'Service data',
  },
);

type Topic = Parameters<typeof t>[0];

/** First match wins: the audit label or the route's address, most specific first. */
const RULES: [RegExp, Topic][] = [
  [/access.log/i, 'accessLog'],
  [/withdrawal.preview/i, 'withdrawalPreview'],
  [/history/i, 'history'],
  [/evidence/i, 'evidence'],
  [/ticket|outreach/i, 'tickets'],
  [/export/i, 'export'],
  [/timeline/i, 'timeline'],
  [/inventory|software|hardware|update/i, 'inventory'],
  [/report|pdf/i, 'report'],
  [/health|polic/i, 'health'],
  [/log search|histogram|context|live tail|\/events|explorer/i, 'logs'],
  [/participant list|fleet/i, 'fleet'],
  [/device (details|health|windows)|\/devices\/:deviceId/i, 'device'],
  [/device/i, 'devices'],
  [/user|account/i, 'users'],
  [/notice/i, 'notices'],
  [/document|succession/i, 'documents'],
  [/deletion/i, 'deletion'],
  [/approve|reject|request-answer|start|withdraw|revoc|end-date/i, 'decisions'],
  [/registered details|\/participants\/:participantId$/i, 'registered'],
];

export function accessWhatLabel(what: string, route: string): string {
  for (const [pattern, topic] of RULES) if (pattern.test(what) || pattern.test(route)) return t(topic);
  return t('other');
}
