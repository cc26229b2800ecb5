import { LitElement, css, html, nothing } from 'lit';
import { ApiLoader } from '../../components/api-loader/api-loader.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { ticketUpdated } from './message-form.js';
import { diagnosticsItemLabel } from './ticket-labels.js';
import {
  DIAGNOSTICS_ITEMS,
  failureText,
  fetchDevices,
  requestDiagnostics,
  type DiagnosticsItem,
  type ParticipantDevice,
  type TicketDetail,
} from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';

const t = defineMessages(
  {
    via: '依頼の方法',
    agent: 'エージェントから自動で取得',
    form: 'お客様にフォームで依頼',
    device: '端末',
    chooseDevice: '端末を選んでください',
    online: '接続中',
    offline: '未接続',
    revoked: '失効',
    include: '取得する情報',
    instructions: 'お客様へのお願い（画面に表示されます）',
    submit: '診断情報を依頼',
    sending: '依頼しています…',
    needDevice: '端末を選んでください。',
    needItem: '取得する情報を 1 つ以上選んでください。',
    needInstructions: 'お願いの内容を入力してください。',
    noDevices: 'この参加者の端末はありません。',
    devicesFailed: '端末の一覧を読めませんでした: {message}',
  },
  {
    via: 'How',
    agent: 'Collect from the agent',
    form: 'Ask the participant with a form',
    device: 'Device',
    chooseDevice: 'Choose a device',
    online: 'online',
    offline: 'offline',
    revoked: 'revoked',
    include: 'What to collect',
    instructions: 'What to ask the participant (shown to them)',
    submit: 'Request diagnostics',
    sending: 'Requesting…',
    needDevice: 'Choose a device.',
    needItem: 'Choose at least one item.',
    needInstructions: 'Write what you need.',
    noDevices: 'This participant has no devices.',
    devicesFailed: 'Could not load the devices: {message}',
  },
);

/** An operator asks for diagnostics: from one of the participant's devices' agent (chosen items), or from the participant through a form. */
export class DiagnosticsRequestForm extends LitElement {
  static override properties = {
    ticket: { attribute: false },
    via: { state: true },
    sending: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    ticketsStyles,
    css`
      fieldset {
        border: none;
        padding: 0;
        margin: 0;
        display: flex;
        gap: 4px 16px;
        flex-wrap: wrap;
        min-width: 0;
      }
      fieldset legend {
        font-weight: 600;
        font-size: 0.9rem;
        padding: 0;
        margin-bottom: 4px;
      }
      fieldset label {
        display: flex;
        gap: 6px;
        align-items: center;
      }
    `,
  ];
  declare ticket: TicketDetail;
  declare via: 'agent' | 'form';
  declare sending: boolean;
  declare error: string;
  private readonly locale = new LocaleController(this);
  private readonly devices = new ApiLoader<ParticipantDevice[]>(this, () => fetchDevices(this.ticket.participantId));

  constructor() {
    super();
    this.via = 'agent';
    this.sending = false;
    this.error = '';
  }

  protected override firstUpdated(): void {
    if (!this.devices.value && !this.devices.loading) void this.devices.run();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    let request: Parameters<typeof requestDiagnostics>[2];
    if (this.via === 'agent') {
      const deviceId = (form.elements.namedItem('deviceId') as HTMLSelectElement | null)?.value ?? '';
      const include = [...form.querySelectorAll<HTMLInputElement>('input[name=include]:checked')].map(
        (input) => input.value as DiagnosticsItem,
      );
      this.error = !deviceId ? t('needDevice') : include.length === 0 ? t('needItem') : '';
      request = { via: 'agent', deviceId, include };
    } else {
      const instructions = (form.elements.namedItem('instructions') as HTMLTextAreaElement).value.trim();
      this.error = instructions ? '' : t('needInstructions');
      request = { via: 'form', instructions };
    }
    if (this.error) return;
    this.sending = true;
    try {
      const ticket = await requestDiagnostics(this.ticket.participantId, this.ticket.ticketId, request);
      const instructions = form.elements.namedItem('instructions') as HTMLTextAreaElement | null;
      if (instructions) instructions.value = '';
      ticketUpdated(this, ticket);
    } catch (error) {
      this.error = failureText(error);
    } finally {
      this.sending = false;
    }
  }

  private renderAgent() {
    const devices = this.devices.value;
    const state = (d: ParticipantDevice) =>
      d.status === 'revoked' ? t('revoked') : d.connected ? t('online') : t('offline');
    return html` <label class="field"
        >${t('device')}
        <select name="deviceId" data-test="diagnostics-device">
          <option value="">${t('chooseDevice')}</option>
          ${(devices ?? []).map((d) => html`<option value=${d.device_id} ?disabled=${d.status === 'revoked'}>${d.hostname} (${state(d)})</option>`)}
        </select>
      </label>
      ${devices && devices.length === 0 ? html`<p class="muted hint">${t('noDevices')}</p>` : nothing}
      ${this.devices.error ? html`<p class="error hint">${t('devicesFailed', { message: this.devices.error })}</p>` : nothing}
      <fieldset>
        <legend>${t('include')}</legend>
        ${DIAGNOSTICS_ITEMS.map((item) => html`<label><input type="checkbox" name="include" value=${item} checked data-test="diagnostics-item" />${diagnosticsItemLabel(item)}</label>`)}
      </fieldset>`;
  }

  override render() {
    void this.locale;
    return html`<form class="stack" @submit=${this.submit} novalidate data-test="diagnostics-request-form">
      <fieldset>
        <legend>${t('via')}</legend>
        <label
          ><input
            type="radio"
            name="via"
            value="agent"
            .checked=${this.via === 'agent'}
            @change=${() => (this.via = 'agent')}
            data-test="diagnostics-via-agent"
          />${t('agent')}</label
        >
        <label
          ><input
            type="radio"
            name="via"
            value="form"
            .checked=${this.via === 'form'}
            @change=${() => (this.via = 'form')}
            data-test="diagnostics-via-form"
          />${t('form')}</label
        >
      </fieldset>
      ${
        this.via === 'agent'
          ? this.renderAgent()
          : html`<label class="field"
              >${t('instructions')}<textarea
                name="instructions"
                rows="4"
                maxlength="5000"
                data-test="diagnostics-instructions"
              ></textarea>
            </label>`
      }
      ${this.error ? html`<p class="error" role="alert" data-test="diagnostics-error">${this.error}</p>` : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${this.sending} data-test="diagnostics-submit">
          ${this.sending ? t('sending') : t('submit')}
        </button>
      </div>
    </form>`;
  }
}
customElements.define('yorozu-ticket-diagnostics-request', DiagnosticsRequestForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-diagnostics-request': DiagnosticsRequestForm;
  }
}
