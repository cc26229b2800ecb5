import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { SlaClock } from '../../api/desk-types.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { formatDuration, formatShortJst } from './desk-labels.js';

const t = defineMessages(
  {
    running: '進行中',
    warning: '警告',
    paused: '一時停止',
    met: '達成',
    breached: '超過',
    due: '期限 {time}',
    remaining: '残り {d}（営業時間）',
    over: '{d} 超過（営業時間）',
    metAt: '{time} に達成',
    breachedAt: '{time} に超過',
    pausedNote: 'お客様の回答待ちのため停止中',
    target: '目標 {d}',
  },
  {
    running: 'Running',
    warning: 'Warning',
    paused: 'Paused',
    met: 'Met',
    breached: 'Breached',
    due: 'Due {time}',
    remaining: '{d} left (business hours)',
    over: '{d} over (business hours)',
    metAt: 'Met at {time}',
    breachedAt: 'Breached at {time}',
    pausedNote: 'Stopped while awaiting the participant',
    target: 'Target {d}',
  },
);

const TONE: Record<SlaClock['state'], string> = {
  running: 'run',
  warning: 'warn',
  paused: 'pause',
  met: 'ok',
  breached: 'bad',
};

/**
 * One SLA clock: its state in colour, when it falls due (JST) and how many business minutes remain,
 * "一時停止" while the participant is asked, and by how much it was missed once breached.
 */
export class SlaCell extends LitElement {
  static override properties = { clock: { attribute: false }, label: { type: String } };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.85rem;
        line-height: 1.35;
        min-width: 9.5em;
      }
      .badge.run {
        background: #eff6ff;
        border-color: #93c5fd;
        color: #1e3a8a;
      }
      .badge.pause {
        background: #f1f5f9;
        border-color: #cbd5e1;
        color: #475569;
      }
      .label {
        color: var(--muted);
        margin-right: 4px;
      }
      .line {
        display: block;
        white-space: nowrap;
      }
      .over {
        color: var(--danger);
        font-weight: 600;
      }
      .warn-text {
        color: #92400e;
        font-weight: 600;
      }
      @media (max-width: 600px) {
        .line {
          white-space: normal;
        }
      }
    `,
  ];
  declare clock: SlaClock | null;
  declare label: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.clock = null;
    this.label = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('clock')) this.dataset.state = this.clock?.state ?? '';
  }

  override render() {
    void this.locale;
    const clock = this.clock;
    if (!clock) return html`—`;
    const remaining = Math.max(clock.remainingMinutes, 0);
    return html`
      <span class="line"
        >${this.label ? html`<span class="label">${this.label}</span>` : nothing}<span
          class=${`badge ${TONE[clock.state]}`}
          data-test="sla-state"
          >${t(clock.state)}</span
        ></span
      >
      ${
        clock.state === 'running' || clock.state === 'warning'
          ? html`<span class="line">${t('due', { time: formatShortJst(clock.dueAt) })}</span>
              <span class=${`line ${clock.state === 'warning' ? 'warn-text' : ''}`} data-test="sla-remaining"
                >${t('remaining', { d: formatDuration(remaining) })}</span
              >`
          : nothing
      }
      ${
        clock.state === 'paused'
          ? html`<span class="line muted" title=${t('pausedNote')}
              >${t('remaining', { d: formatDuration(remaining) })}</span
            >`
          : nothing
      }
      ${clock.state === 'met' ? html`<span class="line muted">${t('metAt', { time: formatShortJst(clock.metAt) })}</span>` : nothing}
      ${
        clock.state === 'breached'
          ? html`<span class="line over" data-test="sla-over"
                >${t('over', { d: formatDuration(Math.max(-clock.remainingMinutes, 0)) })}</span
              >
              ${clock.breachedAt ? html`<span class="line muted">${t('breachedAt', { time: formatShortJst(clock.breachedAt) })}</span>` : nothing}
              ${clock.metAt ? html`<span class="line muted">${t('metAt', { time: formatShortJst(clock.metAt) })}</span>` : nothing}`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-sla-cell', SlaCell);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-sla-cell': SlaCell;
  }
}
