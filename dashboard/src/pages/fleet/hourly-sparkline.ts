import { LitElement, css, html, svg } from 'lit';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import type { HourCount } from './fleet-api.js';

const t = defineMessages(
  { summary: '1時間あたり最大 {max} 件', hour: '{hour}: {count} 件' },
  { summary: 'At most {max} an hour', hour: '{hour}: {count}' },
);

const WIDTH = 96;
const HEIGHT = 22;

/**
 * Events per hour over the last day as 24 small bars (oldest on the left). Plain SVG rather than a
 * chart library: a fleet table may hold hundreds of these.
 */
export class HourlySparkline extends LitElement {
  static override properties = { hours: { attribute: false } };
  static override styles = css`
    :host {
      display: inline-block;
      vertical-align: middle;
      line-height: 0;
    }
    rect {
      fill: #2563eb;
    }
    rect.empty {
      fill: #d9dee5;
    }
  `;
  declare hours: HourCount[];
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.hours = [];
  }

  override render() {
    void this.locale;
    const max = Math.max(0, ...this.hours.map((h) => h.count));
    const step = WIDTH / Math.max(this.hours.length, 1);
    return html`<svg
      width=${WIDTH}
      height=${HEIGHT}
      viewBox=${`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label=${t('summary', { max: formatCount(max) })}
      data-test="sparkline"
    >
      ${this.hours.map((hour, index) => {
        const height = max > 0 && hour.count > 0 ? Math.max(2, (hour.count / max) * HEIGHT) : 1;
        return svg`<rect class=${hour.count > 0 ? '' : 'empty'} x=${index * step + 0.5} y=${HEIGHT - height} width=${Math.max(step - 1, 1)} height=${height}>
          <title>${t('hour', { hour: formatJst(hour.hour, 'datetime'), count: formatCount(hour.count) })}</title>
        </rect>`;
      })}
    </svg>`;
  }
}
customElements.define('yorozu-hourly-sparkline', HourlySparkline);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-hourly-sparkline': HourlySparkline;
  }
}
