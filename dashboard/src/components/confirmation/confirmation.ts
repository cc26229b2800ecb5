import { LitElement, html, nothing } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';

const t = defineMessages({ confirm: '確定する', cancel: 'やめる' }, { confirm: 'Confirm', cancel: 'Cancel' });

/**
 * The step between a form and a decision the desk cannot take back: what will happen, to whom, and which notice goes
 * out (the slotted text), then the decision or the way back. Every such decision shows it the same way.
 * @slot - what will happen and which notice is sent to whom
 * @event confirm - the decision button was pressed (not fired while `busy`)
 * @event cancel - the way back was pressed
 */
export class Confirmation extends LitElement {
  static override properties = {
    confirmLabel: { attribute: 'confirm-label' },
    cancelLabel: { attribute: 'cancel-label' },
    confirmTest: { attribute: 'confirm-test' },
    tone: {},
    busy: { type: Boolean },
    cancellable: { type: Boolean },
  };
  static override styles = [sharedStyles];
  /** The decision's own words (取り消す, 追加する…); a generic one when empty. */
  declare confirmLabel: string;
  declare cancelLabel: string;
  /** The decision button's data-test, so each form's tests keep their own name for it. */
  declare confirmTest: string;
  /** 'danger' for what ends or stops something, 'primary' for the rest. */
  declare tone: 'danger' | 'primary';
  declare busy: boolean;
  /** False where there is nothing to go back to (the decision is the whole form). */
  declare cancellable: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.confirmLabel = '';
    this.cancelLabel = '';
    this.confirmTest = 'confirmation-confirm';
    this.tone = 'danger';
    this.busy = false;
    this.cancellable = true;
  }

  private fire(name: 'confirm' | 'cancel'): void {
    if (name === 'confirm' && this.busy) return;
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  override render() {
    void this.locale;
    return html`<div class="panel" role="group" aria-live="polite">
      <slot></slot>
      <p class="row">
        <button
          type="button"
          class=${this.tone}
          ?disabled=${this.busy}
          @click=${() => this.fire('confirm')}
          data-test=${this.confirmTest}
        >
          ${this.confirmLabel || t('confirm')}
        </button>
        ${
          this.cancellable
            ? html`<button type="button" @click=${() => this.fire('cancel')} data-test="confirmation-cancel">
                ${this.cancelLabel || t('cancel')}
              </button>`
            : nothing
        }
      </p>
    </div>`;
  }
}
customElements.define('yorozu-confirmation', Confirmation);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-confirmation': Confirmation;
  }
}
