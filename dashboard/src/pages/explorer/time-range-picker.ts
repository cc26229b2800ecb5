import { LitElement, css, html, type PropertyValues } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { fromJstInputValue, toJstInputValue } from '../../format/jst.js';
import { sharedStyles } from '../../styles/theme.js';
import type { TimeWindow } from './explorer-api.js';
import { RANGE_PRESETS, type RangeChoice, type RangePreset } from './explorer-state.js';

const t = defineMessages(
  {
    presets: '直近',
    p15m: '15分',
    p1h: '1時間',
    p24h: '24時間',
    p7d: '7日',
    p30d: '30日',
    from: '開始 (JST)',
    to: '終了 (JST)',
    apply: '適用',
    invalid: '開始は終了より前にしてください。',
  },
  {
    presets: 'Last',
    p15m: '15 min',
    p1h: '1 hour',
    p24h: '24 hours',
    p7d: '7 days',
    p30d: '30 days',
    from: 'From (JST)',
    to: 'To (JST)',
    apply: 'Apply',
    invalid: '"From" must be before "To".',
  },
);

/**
 * The time range: relative presets, or an absolute from/to typed in JST. While a relative range is in
 * use, the inputs show the instants the current search covers.
 * @event range-change - detail `{ range: RangeChoice }`: a preset, or Apply / Enter on the inputs.
 * @event range-draft - detail `{ range: RangeChoice | null }`: the inputs were edited but not applied
 *   (the page applies it with the next search), null when they do not form a range.
 */
export class TimeRangePicker extends LitElement {
  static override properties = {
    range: { attribute: false },
    resolved: { attribute: false },
    draftFrom: { state: true },
    draftTo: { state: true },
    invalid: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .picker {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: center;
      }
      .presets {
        display: inline-flex;
        border: 1px solid var(--line);
        border-radius: 6px;
        overflow: hidden;
      }
      .presets button {
        border: none;
        border-radius: 0;
        border-left: 1px solid var(--line);
        padding: 6px 10px;
      }
      .presets button:first-child {
        border-left: none;
      }
      .presets button[aria-pressed='true'] {
        background: var(--accent);
        color: #fff;
      }
      .absolute {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
      }
      label {
        display: inline-flex;
        gap: 4px;
        align-items: center;
        font-size: 0.85rem;
        color: var(--muted);
      }
      input {
        font-size: 0.9rem;
        padding: 4px 6px;
      }
      @media (max-width: 600px) {
        .presets {
          width: 100%;
        }
        .presets button {
          flex: 1;
          padding: 6px 4px;
        }
        .absolute,
        label {
          width: 100%;
        }
        label input {
          flex: 1;
          min-width: 0;
        }
      }
    `,
  ];
  declare range: RangeChoice;
  declare resolved: TimeWindow | null;
  declare draftFrom: string;
  declare draftTo: string;
  declare invalid: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.range = { kind: 'relative', key: '24h' };
    this.resolved = null;
    this.draftFrom = '';
    this.draftTo = '';
    this.invalid = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('range') || changed.has('resolved')) {
      const shown = this.range.kind === 'absolute' ? this.range : this.resolved;
      this.draftFrom = shown ? toJstInputValue(shown.from) : '';
      this.draftTo = shown ? toJstInputValue(shown.to) : '';
      this.invalid = false;
    }
  }

  private emit(name: 'range-change' | 'range-draft', range: RangeChoice | null) {
    this.dispatchEvent(new CustomEvent(name, { detail: { range }, bubbles: true, composed: true }));
  }

  private draftRange(): RangeChoice | null {
    if (!this.draftFrom || !this.draftTo) return null;
    const from = fromJstInputValue(this.draftFrom);
    const to = fromJstInputValue(this.draftTo);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || !(from < to)) return null;
    return { kind: 'absolute', from, to };
  }

  private edit(which: 'from' | 'to', value: string) {
    if (which === 'from') this.draftFrom = value;
    else this.draftTo = value;
    const range = this.draftRange();
    this.invalid = range === null && Boolean(this.draftFrom && this.draftTo);
    this.emit('range-draft', range);
  }

  private apply(event?: Event) {
    event?.preventDefault();
    const range = this.draftRange();
    this.invalid = range === null;
    if (range) this.emit('range-change', range);
  }

  override render() {
    void this.locale;
    const active = this.range.kind === 'relative' ? this.range.key : null;
    return html`
      <div class="picker">
        <div class="presets" role="group" aria-label=${t('presets')}>
          ${RANGE_PRESETS.map(
            (key: RangePreset) =>
              html`<button
                type="button"
                data-test="range-preset-${key}"
                aria-pressed=${active === key ? 'true' : 'false'}
                @click=${() => this.emit('range-change', { kind: 'relative', key })}
              >
                ${t(`p${key}` as const)}
              </button>`,
          )}
        </div>
        <form class="absolute" @submit=${this.apply}>
          <label
            >${t('from')}<input
              type="datetime-local"
              step="60"
              data-test="range-from"
              .value=${this.draftFrom}
              @change=${(e: Event) => this.edit('from', (e.target as HTMLInputElement).value)}
          /></label>
          <label
            >${t('to')}<input
              type="datetime-local"
              step="60"
              data-test="range-to"
              .value=${this.draftTo}
              @change=${(e: Event) => this.edit('to', (e.target as HTMLInputElement).value)}
          /></label>
          <button type="submit" data-test="range-apply">${t('apply')}</button>
          ${this.invalid ? html`<span class="error" role="alert" data-test="range-invalid">${t('invalid')}</span>` : ''}
        </form>
      </div>
    `;
  }
}
customElements.define('yorozu-time-range-picker', TimeRangePicker);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-time-range-picker': TimeRangePicker;
  }
}
