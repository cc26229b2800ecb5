import { css, html, nothing } from 'lit';
import type { SlaClock, TicketSummary } from '../../api/desk-types.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages } from '../../i18n/i18n.js';
import { clockLabel, formatMinutes, slaBadge } from './ticket-labels.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    title: '対応の目安（SLA）',
    due: '期限',
    elapsed: '経過 / 目標',
    remaining: '残り',
    over: '超過',
    metAt: '達成',
    breachedAt: '超過した時刻',
    paused: '一時停止中（お客様の回答待ち）',
    business: '営業時間で数えます（平日 9:30〜12:00 / 13:00〜17:30、土日祝・年末年始を除く）。',
    jst: '{at}（日本時間）',
  },
  {
    title: 'Service level (SLA)',
    due: 'Due',
    elapsed: 'Elapsed / target',
    remaining: 'Remaining',
    over: 'Over by',
    metAt: 'Met',
    breachedAt: 'Breached at',
    paused: "Paused (awaiting the participant's reply)",
    business:
      'Counted in desk hours (weekdays 9:30-12:00 / 13:00-17:30 JST, not on weekends, holidays or Dec 29 - Jan 3).',
    jst: '{at} (JST)',
  },
);

export const slaStyles = css`
  .sla .clocks {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
    gap: 8px;
  }
  .sla .clock {
    border: 1px solid var(--line);
    border-radius: 6px;
    padding: 6px 10px;
  }
  .sla .clock.breached {
    border-color: #fca5a5;
    background: #fef2f2;
  }
  .sla .clock.warning {
    border-color: #fcd34d;
    background: #fffbeb;
  }
  .sla .clock h3 {
    font-size: 0.95rem;
    margin: 0 0 4px;
    display: flex;
    gap: 8px;
    align-items: center;
  }
  .sla dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 2px 10px;
    margin: 0;
    font-size: 0.85rem;
  }
  .sla dt {
    color: var(--muted);
  }
  .sla dd {
    margin: 0;
  }
  .sla .paused-note {
    color: #475569;
    font-weight: 600;
    font-size: 0.85rem;
    margin: 2px 0;
  }
`;

function renderClock(name: 'firstResponse' | 'resolution', clock: SlaClock) {
  const remaining = clock.remainingMinutes;
  return html`<div class="clock ${clock.state}" data-test="sla-clock" data-clock=${name} data-sla-state=${clock.state}>
    <h3>${clockLabel(name)} ${slaBadge(clock.state)}</h3>
    ${clock.state === 'paused' ? html`<p class="paused-note" data-test="sla-paused">${t('paused')}</p>` : nothing}
    <dl>
      ${
        clock.dueAt
          ? html`<dt>${t('due')}</dt>
              <dd data-test="sla-due">${t('jst', { at: formatJst(clock.dueAt, 'datetime') })}</dd>`
          : nothing
      }
      <dt>${t('elapsed')}</dt>
      <dd>${formatMinutes(clock.elapsedMinutes)} / ${formatMinutes(clock.targetMinutes)}</dd>
      ${
        clock.state !== 'met'
          ? html`<dt>${remaining < 0 ? t('over') : t('remaining')}</dt>
              <dd>${formatMinutes(Math.abs(remaining))}</dd>`
          : nothing
      }
      ${
        clock.metAt
          ? html`<dt>${t('metAt')}</dt>
              <dd>${t('jst', { at: formatJst(clock.metAt, 'datetime') })}</dd>`
          : nothing
      }
      ${
        clock.breachedAt
          ? html`<dt>${t('breachedAt')}</dt>
              <dd>${t('jst', { at: formatJst(clock.breachedAt, 'datetime') })}</dd>`
          : nothing
      }
    </dl>
  </div>`;
}

/** Both clocks of a ticket: state, when due (JST), business minutes elapsed against the target; paused while awaiting the participant. */
export function renderSla(ticket: TicketSummary) {
  return html`<section class="panel sla" data-test="ticket-sla">
    <h2 ${cssText(`margin-top: 0`)}>${t('title')}</h2>
    <div class="clocks">
      ${renderClock('firstResponse', ticket.sla.firstResponse)}${renderClock('resolution', ticket.sla.resolution)}
    </div>
    <p class="muted hint" ${cssText(`margin: 6px 0 0`)}>${t('business')}</p>
  </section>`;
}
