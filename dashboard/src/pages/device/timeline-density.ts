import { LitElement, css, html } from 'lit';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { cssText } from '../../styles/css-text.js';
import { sharedStyles } from '../../styles/theme.js';

const t = defineMessages(
  { label: '期間全体のイベント数（{n} 件）', bar: '{time}: {n} 件' },
  { label: 'Events over the whole range ({n})', bar: '{time}: {n} events' },
);

/**
 * How the device's events spread over the whole range, as a strip of bars: the list below holds only the
 * newest page, so this is what shows that older days had activity too.
 */
export class TimelineDensity extends LitElement {
  static override properties = { buckets: { attribute: false }, total: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .strip {
        display: flex;
        align-items: flex-end;
        gap: 1px;
        height: 40px;
        border-bottom: 1px solid var(--line);
      }
      .bar {
        flex: 1;
        min-width: 1px;
        background: var(--accent);
        opacity: 0.7;
      }
      .label {
        color: var(--muted);
        font-size: 0.85em;
      }
    `,
  ];
  declare buckets: readonly { t: string; n: number }[];
  declare total: number;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.buckets = [];
    this.total = 0;
  }

  override render() {
    void this.locale;
    const highest = Math.max(1, ...this.buckets.map((bucket) => bucket.n));
    return html`<div class="label">${t('label', { n: formatCount(this.total) })}</div>
      <div class="strip" role="img" aria-label=${t('label', { n: formatCount(this.total) })}>
        ${this.buckets.map(
          (bucket) =>
            html`<span
              class="bar"
              title=${t('bar', { time: formatJst(bucket.t), n: formatCount(bucket.n) })}
              ${cssText(`height: ${bucket.n === 0 ? 0 : Math.max(4, Math.round((bucket.n / highest) * 100))}%`)}
            ></span>`,
        )}
      </div>`;
  }
}
customElements.define('yorozu-timeline-density', TimelineDensity);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-timeline-density': TimelineDensity;
  }
}
