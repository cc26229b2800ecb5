import { LitElement, html, nothing } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { FilePicker } from './file-picker.js';
import './file-picker.js';
import { failureText, type TicketDetail } from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';

const t = defineMessages(
  { sending: '送信しています…', empty: '本文を入力してください。' },
  { sending: 'Sending…', empty: 'Write something first.' },
);

/** Fires `ticket-updated` (detail: the ticket as the server answered) from the ticket page's forms. */
export function ticketUpdated(target: EventTarget, ticket: TicketDetail | null): void {
  target.dispatchEvent(
    new CustomEvent<TicketDetail | null>('ticket-updated', { detail: ticket, bubbles: true, composed: true }),
  );
}

/**
 * A body and files, sent by `send` (a participant's message, an operator's internal note, the answer to a
 * diagnostics form). `test-prefix` names the data-test hooks: `<prefix>-body`, `<prefix>-files`, `<prefix>-submit`,
 * `<prefix>-error`. On success the form empties itself and fires `ticket-updated`.
 */
export class MessageForm extends LitElement {
  static override properties = {
    testPrefix: { attribute: 'test-prefix' },
    label: { attribute: false },
    submitLabel: { attribute: false },
    placeholder: { attribute: false },
    send: { attribute: false },
    sending: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles, ticketsStyles];
  declare testPrefix: string;
  declare label: string;
  declare submitLabel: string;
  declare placeholder: string;
  declare send: (body: string, files: File[]) => Promise<TicketDetail>;
  declare sending: boolean;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.testPrefix = 'message';
    this.label = '';
    this.submitLabel = '';
    this.placeholder = '';
    this.sending = false;
    this.error = '';
  }

  /** A file over the limit is said at once, in the form's error line. */
  private filesChanged(event: Event): void {
    this.error = (event.target as FilePicker).problem;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const textarea = this.renderRoot.querySelector('textarea');
    const picker = this.renderRoot.querySelector<FilePicker>('yorozu-ticket-file-picker');
    const body = textarea?.value.trim() ?? '';
    this.error = !body ? t('empty') : (picker?.problem ?? '');
    if (this.error) return;
    this.sending = true;
    try {
      const ticket = await this.send(body, picker?.files ?? []);
      if (textarea) textarea.value = '';
      picker?.clear();
      ticketUpdated(this, ticket);
    } catch (error) {
      this.error = failureText(error);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    void this.locale;
    const p = this.testPrefix;
    return html`<form class="stack" @submit=${this.submit} novalidate>
      <label class="field"
        >${this.label}
        <textarea
          rows="6"
          maxlength="20000"
          placeholder=${this.placeholder}
          ?disabled=${this.sending}
          data-test=${`${p}-body`}
        ></textarea>
      </label>
      <yorozu-ticket-file-picker
        test-id=${`${p}-files`}
        ?disabled=${this.sending}
        @files-changed=${this.filesChanged}
      ></yorozu-ticket-file-picker>
      ${this.error ? html`<p class="error" role="alert" data-test=${`${p}-error`}>${this.error}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.sending} data-test=${`${p}-submit`}>
          ${this.sending ? t('sending') : this.submitLabel}
        </button>
        <slot name="actions"></slot>
      </div>
    </form>`;
  }
}
customElements.define('yorozu-ticket-message-form', MessageForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-message-form': MessageForm;
  }
}
