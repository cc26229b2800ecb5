import { html } from 'lit';
import type { TicketSummary } from '../../api/desk-types.js';
import { ticketPagePath } from '../../app/router.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages } from '../../i18n/i18n.js';
import { categoryName, channelName, statusName, statusTone } from './desk-labels.js';
import './sla-cell.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    reference: '受付番号',
    participant: '参加者',
    subject: '件名',
    category: '種類',
    status: '状態',
    channel: '経路',
    assignee: '担当',
    created: '受付日時',
    firstResponse: '初回応答',
    resolution: '解決',
    unassigned: '未割当',
    requester: '依頼者: {name}',
  },
  {
    reference: 'Reference',
    participant: 'Participant',
    subject: 'Subject',
    category: 'Category',
    status: 'Status',
    channel: 'Channel',
    assignee: 'Assignee',
    created: 'Received',
    firstResponse: 'First response',
    resolution: 'Resolution',
    unassigned: 'Unassigned',
    requester: 'Requester: {name}',
  },
);

/**
 * The desk's ticket table (queue, SLA breaches and warnings): every row links to the ticket page and
 * shows both SLA clocks. On a phone it becomes one card per ticket. `rowTest` names the rows' data-test.
 */
export function ticketTable(tickets: readonly TicketSummary[], rowTest: string) {
  return html`<div class="scroll">
    <table class="cards">
      <thead>
        <tr>
          <th>${t('reference')}</th>
          <th>${t('participant')}</th>
          <th>${t('subject')}</th>
          <th>${t('category')}</th>
          <th>${t('status')}</th>
          <th>${t('channel')}</th>
          <th>${t('assignee')}</th>
          <th>${t('created')}</th>
          <th>${t('firstResponse')}</th>
          <th>${t('resolution')}</th>
        </tr>
      </thead>
      <tbody>
        ${tickets.map((ticket) => ticketRow(ticket, rowTest))}
      </tbody>
    </table>
  </div>`;
}

function ticketRow(ticket: TicketSummary, rowTest: string) {
  const href = ticketPagePath(ticket.participantId, ticket.ticketId);
  return html`<tr data-test=${rowTest} data-ticket-id=${ticket.ticketId} data-participant-id=${ticket.participantId}>
    <td data-label=${t('reference')}>
      <a class="reference" href=${href} data-test="desk-row-link">${ticket.reference}</a>
    </td>
    <td class="participant" data-label=${t('participant')}>${ticket.participantName}</td>
    <td class="subject" data-label=${t('subject')}>
      <div>
        <a href=${href}>${ticket.subject}</a>
        <div class="muted" ${cssText(`font-size: 0.8rem`)}>
          ${ticket.requesterName ? t('requester', { name: ticket.requesterName }) : ''}
        </div>
      </div>
    </td>
    <td class="category" data-label=${t('category')}>${categoryName(ticket.category)}</td>
    <td class="nowrap" data-label=${t('status')}>
      <span class=${`badge ${statusTone(ticket.status)}`} data-status=${ticket.status}
        >${statusName(ticket.status)}</span
      >
    </td>
    <td class="nowrap" data-label=${t('channel')}>${channelName(ticket.channel)}</td>
    <td class="assignee" data-label=${t('assignee')}>
      ${ticket.assigneeName ?? html`<span class="muted">${t('unassigned')}</span>`}
    </td>
    <td class="nowrap" data-label=${t('created')}>${formatJst(ticket.createdAt, 'datetime')}</td>
    <td data-label=${t('firstResponse')}>
      <yorozu-sla-cell .clock=${ticket.sla.firstResponse} data-test="desk-sla-first"></yorozu-sla-cell>
    </td>
    <td data-label=${t('resolution')}>
      <yorozu-sla-cell .clock=${ticket.sla.resolution} data-test="desk-sla-resolution"></yorozu-sla-cell>
    </td>
  </tr>`;
}
