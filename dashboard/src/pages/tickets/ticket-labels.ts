import { html } from 'lit';
import type { Category, Channel, SlaClock, SlaState, Status, TicketSummary } from '../../api/desk-types.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages } from '../../i18n/i18n.js';
import type { DiagnosticsRequest, MessageKind } from './tickets-api.js';

/** The names people read for the contract's codes, and the badges every ticket screen shares. */
const t = defineMessages(
  {
    installation: '導入・インストール',
    software_fault: 'ソフトウェアの不具合',
    service_usage: 'サービスの利用方法',
    security_question: 'セキュリティの相談',
    other: 'その他・未分類',
    new: '新規',
    open: '対応中',
    awaiting_participant: 'お客様の回答待ち',
    resolved: '解決済み',
    closed: '完了',
    portal: 'ポータル',
    email: 'メール',
    phone: '電話',
    desk: '窓口から連絡',
    dashboard: 'ダッシュボード',
    participant_message: 'お客様から',
    operator_reply: '窓口からの回答',
    internal_note: '内部メモ',
    phone_call: '電話',
    diagnostics_answer: '診断情報の回答',
    running: '進行中',
    warning: '期限間近',
    paused: '一時停止中',
    met: '達成',
    breached: '超過',
    firstResponse: '初回応答',
    resolution: '解決',
    agent_log: 'エージェントのログ',
    buffer_state: '送信待ちバッファの状態',
    system_info: 'システム情報',
    network: 'ネットワーク',
    waiting_for_device: '端末の接続待ち',
    sent: '端末へ送信済み',
    received: '受信済み',
    awaiting_answer: 'お客様の回答待ち',
    answered: '回答済み',
    minutes: '{m} 分',
    hoursMinutes: '{h} 時間 {m} 分',
    due: '期限 {at}',
  },
  {
    installation: 'Installation',
    software_fault: 'Software fault',
    service_usage: 'Using the service',
    security_question: 'Security question',
    other: 'Other / unsorted',
    new: 'New',
    open: 'Open',
    awaiting_participant: 'Awaiting participant',
    resolved: 'Resolved',
    closed: 'Closed',
    portal: 'Portal',
    email: 'Email',
    phone: 'Phone',
    desk: 'From the desk',
    dashboard: 'Dashboard',
    participant_message: 'From the participant',
    operator_reply: 'Reply from the desk',
    internal_note: 'Internal note',
    phone_call: 'Phone call',
    diagnostics_answer: 'Diagnostics answer',
    running: 'Running',
    warning: 'Due soon',
    paused: 'Paused',
    met: 'Met',
    breached: 'Breached',
    firstResponse: 'First response',
    resolution: 'Resolution',
    agent_log: 'Agent log',
    buffer_state: 'Send buffer state',
    system_info: 'System information',
    network: 'Network',
    waiting_for_device: 'Waiting for the device',
    sent: 'Sent to the device',
    received: 'Received',
    awaiting_answer: 'Awaiting the answer',
    answered: 'Answered',
    minutes: '{m} min',
    hoursMinutes: '{h} h {m} min',
    due: 'Due {at}',
  },
);

export const categoryLabel = (category: Category): string => t(category);
export const statusLabel = (status: Status): string => t(status);
export const channelLabel = (channel: Channel | 'dashboard'): string => t(channel);
export const kindLabel = (kind: MessageKind): string => t(kind);
export const slaStateLabel = (state: SlaState): string => t(state);
export const clockLabel = (clock: 'firstResponse' | 'resolution'): string => t(clock);
export const diagnosticsItemLabel = (item: string): string =>
  item in ITEM_KEYS ? t(item as keyof typeof ITEM_KEYS) : item;
export const diagnosticsStatusLabel = (status: DiagnosticsRequest['status']): string => t(status);
const ITEM_KEYS = { agent_log: 1, buffer_state: 1, system_info: 1, network: 1 } as const;

/** Business minutes as "2 時間 5 分" / "2 h 5 min" (negative when a clock is past its target). */
export function formatMinutes(total: number): string {
  const sign = total < 0 ? '-' : '';
  const minutes = Math.round(Math.abs(total));
  if (minutes < 60) return sign + t('minutes', { m: minutes });
  return sign + t('hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

export function statusBadge(status: Status) {
  return html`<span class="badge status ${status}" data-test="ticket-status-badge" data-status=${status}
    >${t(status)}</span
  >`;
}

export function slaBadge(state: SlaState) {
  return html`<span class="badge sla ${state}" data-sla-state=${state}>${t(state)}</span>`;
}

/** The clock that matters now: the first response until it is met, then the resolution. */
export function currentClock(ticket: TicketSummary): { name: 'firstResponse' | 'resolution'; clock: SlaClock } {
  const first = ticket.sla.firstResponse;
  return first.state === 'met'
    ? { name: 'resolution', clock: ticket.sla.resolution }
    : { name: 'firstResponse', clock: first };
}

/** A list cell: which clock, its state as a colour, and when it falls due (or when it was met). */
export function slaDueCell(ticket: TicketSummary) {
  const { name, clock } = currentClock(ticket);
  const when = clock.dueAt
    ? t('due', { at: formatJst(clock.dueAt, 'datetime') })
    : clock.metAt
      ? formatJst(clock.metAt, 'datetime')
      : clock.state === 'paused'
        ? ''
        : '—';
  return html`<span class="sla-due ${clock.state}" data-sla-state=${clock.state}
    >${slaBadge(clock.state)} <span class="muted">${t(name)}</span><br /><span class="nowrap">${when}</span></span
  >`;
}
