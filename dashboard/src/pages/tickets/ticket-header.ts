import { css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { defineMessages, language } from '../../i18n/i18n.js';
import { categoryLabel, channelLabel, statusLabel } from './ticket-labels.js';
import type { HistoryEntry, TicketDetail } from './tickets-api.js';

const t = defineMessages(
  {
    back: 'お問い合わせの一覧へ',
    category: '分類',
    channel: '受付',
    requester: 'お問い合わせ者',
    assignee: '担当',
    unassigned: '未割り当て',
    created: '受付日時',
    updated: '更新日時',
    participant: '参加者',
    history: '履歴（{n} 件）',
    at: '日時',
    by: '操作者',
    change: '変更',
    detail: '内容',
    created_: '受付',
    status: '状態の変更',
    assignment: '担当の変更',
    category_: '分類の変更',
    subject: '件名の変更',
    first_response: '初回応答',
    message: 'メッセージ',
    reply: '回答',
    note: '内部メモ',
    evidence: '証拠',
    diagnostics: '診断情報',
  },
  {
    back: 'Back to the tickets',
    category: 'Category',
    channel: 'Channel',
    requester: 'Requester',
    assignee: 'Assignee',
    unassigned: 'Unassigned',
    created: 'Opened',
    updated: 'Updated',
    participant: 'Participant',
    history: 'History ({n})',
    at: 'When',
    by: 'By',
    change: 'Change',
    detail: 'Detail',
    created_: 'Opened',
    status: 'Status',
    assignment: 'Assignment',
    category_: 'Category',
    subject: 'Subject',
    first_response: 'First response',
    message: 'Message',
    reply: 'Answer',
    note: 'Internal note',
    evidence: 'Evidence',
    diagnostics: 'Diagnostics',
  },
);

const CHANGE_KEYS: Record<string, Parameters<typeof t>[0]> = {
  created: 'created_',
  status: 'status',
  assignment: 'assignment',
  category: 'category_',
  subject: 'subject',
  first_response: 'first_response',
  message: 'message',
  reply: 'reply',
  note: 'note',
  evidence: 'evidence',
  diagnostics: 'diagnostics',
};

export const headerStyles = css`
  .ticket-head {
    display: grid;
    gap: 6px;
  }
  .ticket-head .top {
    display: flex;
    gap: 10px;
    align-items: center;
    flex-wrap: wrap;
  }
  .ticket-head .reference {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-weight: 600;
    color: var(--muted);
  }
  .ticket-head h1 {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .ticket-head .badge.status {
    font-size: 0.9rem;
    padding: 2px 10px;
  }
  .ticket-head dl {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 20px;
    margin: 0;
    font-size: 0.9rem;
  }
  .ticket-head dl div {
    display: flex;
    gap: 6px;
  }
  .ticket-head dt {
    color: var(--muted);
  }
  .ticket-head dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .history table td {
    white-space: normal;
  }
`;

/** Reference, subject, the status (data-status), category, channel, requester and (operators) assignee and participant. */
export function renderHeader(ticket: TicketDetail, operator: boolean) {
  const item = (label: string, value: unknown, test?: string) =>
    html`<div>
      <dt>${label}</dt>
      <dd data-test=${test ?? nothing}>${value}</dd>
    </div>`;
  return html`<header class="ticket-head">
    <a href=${`/participants/${ticket.participantId}/tickets`} data-test="ticket-back">${t('back')}</a>
    <div class="top">
      <span class="reference" data-test="ticket-reference">${ticket.reference}</span>
      <span class="badge status ${ticket.status}" data-test="ticket-status" data-status=${ticket.status}
        >${statusLabel(ticket.status)}</span
      >
    </div>
    <h1 data-test="ticket-subject">${ticket.subject}</h1>
    <dl>
      ${operator ? item(t('participant'), ticket.participantName) : nothing}
      ${item(t('category'), categoryLabel(ticket.category), 'ticket-category-label')}
      ${item(t('channel'), channelLabel(ticket.channel))}
      ${item(t('requester'), ticket.requesterEmail ? `${ticket.requesterName} <${ticket.requesterEmail}>` : ticket.requesterName)}
      ${operator ? item(t('assignee'), ticket.assigneeName ?? t('unassigned'), 'ticket-assignee') : nothing}
      ${item(t('created'), formatJst(ticket.createdAt, 'datetime'))}
      ${item(t('updated'), formatJst(ticket.updatedAt, 'datetime'))}
    </dl>
  </header>`;
}

/** What happened to the ticket, newest last, folded away until opened. */
export function renderHistory(history: HistoryEntry[]) {
  return html`<details class="panel history" data-test="ticket-history">
    <summary>${t('history', { n: history.length })}</summary>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th>${t('at')}</th>
            <th>${t('by')}</th>
            <th>${t('change')}</th>
            <th>${t('detail')}</th>
          </tr>
        </thead>
        <tbody>
          ${history.map(
            (entry) =>
              html`<tr data-change=${entry.change}>
                <td class="nowrap">${formatJst(entry.at, 'seconds')}</td>
                <td>${entry.by}</td>
                <td>${CHANGE_KEYS[entry.change] ? t(CHANGE_KEYS[entry.change]!) : entry.change}</td>
                <td>${language() === 'en' ? entry.text.en : entry.text.ja}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}
