import { LitElement, css, html, nothing } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { LiveTailStatus } from './live-tail-controller.js';

const t = defineMessages(
  {
    start: 'ライブ表示',
    stop: 'ライブ表示を止める',
    live: 'ライブ',
    connecting: '接続中…',
    reconnecting: '再接続中…',
    failed: 'ライブ表示に接続できません',
    arrived: '新着 {count} 件',
    serverSaid: 'サーバー: {message}',
  },
  {
    start: 'Live tail',
    stop: 'Stop live tail',
    live: 'Live',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    failed: 'Cannot connect the live tail',
    arrived: '{count} new',
    serverSaid: 'Server: {message}',
  },
);

/**
 * The live tail's switch and its state: a pulsing "live" mark while events stream in.
 * @event live-toggle - the operator switched the live tail on or off.
 */
export class LiveTailToggle extends LitElement {
  static override properties = {
    status: { attribute: false },
    problem: { attribute: false },
    arrived: { type: Number },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
      }
      button[aria-pressed='true'] {
        border-color: #16a34a;
        color: #166534;
        background: #f0fdf4;
      }
      .live {
        display: inline-flex;
        align-items: center;
        gap: 5px;
        font-weight: 700;
        color: #16a34a;
        font-size: 0.85rem;
      }
      .live::before {
        content: '';
        width: 9px;
        height: 9px;
        border-radius: 50%;
        background: #16a34a;
        animation: pulse 1.4s ease-in-out infinite;
      }
      @keyframes pulse {
        50% {
          opacity: 0.25;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .live::before {
          animation: none;
        }
      }
      .state {
        font-size: 0.85rem;
      }
    `,
  ];
  declare status: LiveTailStatus;
  declare problem: string;
  declare arrived: number;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.status = 'off';
    this.problem = '';
    this.arrived = 0;
  }

  private renderState() {
    switch (this.status) {
      case 'live':
        return html`<span class="live" data-test="live-indicator" role="status">${t('live')}</span>`;
      case 'connecting':
      case 'reconnecting':
        return html`<span class="state muted" role="status">${t(this.status)}</span>`;
      case 'failed':
        return html`<span class="state error" role="alert">${t('failed')}</span>`;
      default:
        return nothing;
    }
  }

  override render() {
    void this.locale;
    const on = this.status !== 'off';
    return html`
      <button
        data-test="live-tail"
        aria-pressed=${on ? 'true' : 'false'}
        @click=${() => this.dispatchEvent(new CustomEvent('live-toggle', { bubbles: true, composed: true }))}
      >
        ${on ? t('stop') : t('start')}
      </button>
      ${this.renderState()}
      ${on && this.arrived ? html`<span class="state muted" data-test="live-arrived">${t('arrived', { count: this.arrived })}</span>` : nothing}
      ${this.problem && on ? html`<span class="state error" role="alert">${t('serverSaid', { message: this.problem })}</span>` : nothing}
    `;
  }
}
customElements.define('yorozu-live-tail-toggle', LiveTailToggle);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-live-tail-toggle': LiveTailToggle;
  }
}
