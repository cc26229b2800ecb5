import { LitElement, css, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { revokeDevice, type RevokeResult } from './device-api.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    open: 'この端末を失効させる',
    intro: '失効させると、この端末のエージェントは以後ログを送れなくなり、接続中なら切断されます。取り消せません。',
    reason: '理由（参加者にも表示されます）',
    submit: '失効させる',
    busy: '処理中…',
    cancel: 'やめる',
    closed: '失効させました。接続中のエージェントを切断しました。',
    notConnected: '失効させました。エージェントは接続していませんでした（次に接続したときに拒否されます）。',
  },
  {
    open: 'Revoke this device',
    intro:
      "Once revoked, this device's agent can no longer send logs; if it is connected, it is disconnected. This cannot be undone.",
    reason: 'Reason (the participant sees it)',
    submit: 'Revoke',
    busy: 'Working…',
    cancel: 'Cancel',
    closed: "The device is revoked. Its agent's connection was closed.",
    notConnected: 'The device is revoked. Its agent was not connected (it is refused on its next call).',
  },
);

/**
 * Operators revoke a device's credential here: a reason first, then POST /admin/devices/:did/revoke.
 * @event device-revoked - the server revoked it; `detail` is the RevokeResult.
 */
export class DeviceRevoke extends LitElement {
  static override properties = {
    deviceId: { attribute: false },
    revoked: { type: Boolean },
    open: { state: true },
    busy: { state: true },
    error: { state: true },
    result: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: 8px;
        max-width: 560px;
        margin-top: 8px;
      }
      textarea {
        width: 100%;
        min-height: 64px;
      }
      .result {
        margin: 8px 0 0;
      }
    `,
  ];
  declare deviceId: string;
  declare revoked: boolean;
  declare open: boolean;
  declare busy: boolean;
  declare error: string;
  declare result: RevokeResult | null;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.deviceId = '';
    this.revoked = false;
    this.open = false;
    this.busy = false;
    this.error = '';
    this.result = null;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) return;
    this.busy = true;
    this.error = '';
    try {
      this.result = await revokeDevice(this.deviceId, reason);
      this.open = false;
      this.dispatchEvent(new CustomEvent('device-revoked', { detail: this.result, bubbles: true, composed: true }));
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  private renderForm() {
    return html`<form @submit=${this.submit} data-test="revoke-form">
      <p class="muted" ${cssText(`margin: 0`)}>${t('intro')}</p>
      <label
        >${t('reason')}<br /><textarea name="reason" required maxlength="500" data-test="revoke-reason"></textarea>
      </label>
      ${this.error ? html`<p class="error" role="alert" data-test="revoke-error">${this.error}</p>` : nothing}
      <div class="row">
        <button type="submit" class="danger" ?disabled=${this.busy} data-test="revoke-submit">
          ${this.busy ? t('busy') : t('submit')}
        </button>
        <button
          type="button"
          ?disabled=${this.busy}
          @click=${() => ((this.open = false), (this.error = ''))}
          data-test="revoke-cancel"
        >
          ${t('cancel')}
        </button>
      </div>
    </form>`;
  }

  override render() {
    void this.locale;
    if (this.result) {
      return html`<p class="result" role="status" data-test="revoke-result">
        ${this.result.connectionClosed ? t('closed') : t('notConnected')}
      </p>`;
    }
    if (this.revoked) return nothing;
    if (!this.open)
      return html`<button type="button" class="danger" @click=${() => (this.open = true)} data-test="revoke-open">
        ${t('open')}
      </button>`;
    return this.renderForm();
  }
}
customElements.define('yorozu-device-revoke', DeviceRevoke);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-device-revoke': DeviceRevoke;
  }
}
