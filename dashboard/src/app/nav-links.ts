import { defineMessages } from '../i18n/i18n.js';
import type { Route } from './route-patterns.js';

type RouteName = Route['name'];

const t = defineMessages(
  {
    investigation: '調査',
    consultation: '相談',
    participants: '参加者',
    operations: '運用',
    thisParticipant: 'この参加者',
    fleet: 'フリート',
    devices: '端末',
    explorer: 'ログ検索',
    inventory: 'インベントリ',
    report: 'レポート',
    policies: 'ポリシー',
    detectionRules: '検知ルール',
    lists: 'リスト',
    tickets: 'お問い合わせ',
    desk: '窓口',
    deletions: '削除カレンダー',
    crossSearch: '横断検索',
    notices: 'お知らせ',
    surveys: 'アンケート',
    maintenance: '計画停止',
    operators: 'オペレーター',
    applications: '申込み',
    manage: '管理',
    accessLog: '閲覧記録',
    registration: '登録事項',
  },
  {
    investigation: 'Investigation',
    consultation: 'Desk',
    participants: 'Participants',
    operations: 'Operations',
    thisParticipant: 'This participant',
    fleet: 'Fleet',
    devices: 'Devices',
    explorer: 'Log explorer',
    inventory: 'Inventory',
    report: 'Report',
    policies: 'Policies',
    detectionRules: 'Detection rules',
    lists: 'Lists',
    tickets: 'Tickets',
    desk: 'Desk',
    deletions: 'Deletions',
    crossSearch: 'Search all',
    notices: 'Notices',
    surveys: 'Surveys',
    maintenance: 'Maintenance',
    operators: 'Operators',
    applications: 'Applications',
    manage: 'Manage',
    accessLog: 'Access log',
    registration: 'Registration',
  },
);

/** One link of the header: its label in the reader's language, the route it opens, its data-test name. */
export interface NavLink {
  href: string;
  label: string;
  name: RouteName;
  test: string;
}

/** A group of the operators' header: a disclosure menu of links, optionally with a titled second list. */
export interface NavGroup {
  id: 'investigation' | 'consultation' | 'participants' | 'operations';
  label: string;
  links: NavLink[];
  more?: { label: string; links: NavLink[] };
}

const to = (href: string, label: string, name: RouteName, test = `nav-${name}`): NavLink => ({
  href,
  label,
  name,
  test,
});

/** A participant's own pages, as both roles reach them (a participant's user, or an operator on that participant). */
export function participantLinks(participantId: string, role: 'operator' | 'participant_user'): NavLink[] {
  const base = `/participants/${participantId}`;
  return [
    to(`${base}/devices`, t('devices'), 'devices'),
    to(`${base}/explorer`, t('explorer'), 'explorer'),
    to(`${base}/inventory`, t('inventory'), 'inventory'),
    to(`${base}/report`, t('report'), 'report'),
    to(`${base}/tickets`, t('tickets'), 'tickets'),
    to(`${base}/notices`, t('notices'), 'participant-notices'),
    to(`${base}/surveys`, t('surveys'), 'participant-surveys'),
    to(`${base}/access-log`, t('accessLog'), 'access-log'),
    role === 'participant_user'
      ? to(`${base}/registration`, t('registration'), 'registration')
      : to(`${base}/admin`, t('manage'), 'participant-admin'),
  ];
}

/**
 * The operators' header in four groups, so that it is one row at 1280 px: investigation, the desk's consultation
 * work, participants (with the open participant's pages), and operating the trial.
 */
export function operatorGroups(participantId: string | null): NavGroup[] {
  return [
    {
      id: 'investigation',
      label: t('investigation'),
      links: [
        to('/fleet', t('fleet'), 'fleet'),
        to('/investigation', t('crossSearch'), 'cross-search'),
        to('/policies', t('policies'), 'policies'),
        to('/detection-rules', t('detectionRules'), 'detection-rules'),
        to('/lists', t('lists'), 'lists'),
      ],
    },
    {
      id: 'consultation',
      label: t('consultation'),
      links: [
        to('/desk', t('desk'), 'desk'),
        to('/notices', t('notices'), 'notices'),
        to('/surveys', t('surveys'), 'surveys'),
      ],
    },
    {
      id: 'participants',
      label: t('participants'),
      links: [to('/applications', t('applications'), 'applications'), to('/deletions', t('deletions'), 'deletions')],
      ...(participantId
        ? { more: { label: t('thisParticipant'), links: participantLinks(participantId, 'operator') } }
        : {}),
    },
    {
      id: 'operations',
      label: t('operations'),
      links: [
        to('/maintenance', t('maintenance'), 'maintenance'),
        to('/settings/operators', t('operators'), 'operator-accounts', 'nav-operators'),
      ],
    },
  ];
}
